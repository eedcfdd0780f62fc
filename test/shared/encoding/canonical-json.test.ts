import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize, canonicalJson, CanonicalJsonError, tryCanonicalize } from '../../../shared/encoding/canonical-json';
import { parseStrictJson } from '../../../shared/encoding/strict-json';

const VECTORS = join(__dirname, '../../vectors/canonical-json');

function parsed(bytes: Uint8Array): unknown {
  const result = parseStrictJson(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('RFC 8785 golden vectors (test/vectors/canonical-json/valid)', () => {
  const names = readdirSync(join(VECTORS, 'valid'))
    .filter((file) => file.endsWith('.input.json'))
    .map((file) => file.slice(0, -'.input.json'.length));

  it('has the RFC examples and ours', () => {
    expect(names).toEqual(expect.arrayContaining(['rfc8785-values', 'rfc8785-sorting', 'numbers', 'string-escapes', 'key-order']));
  });

  it.each(names)('%s: strict parse then canonicalize gives the expected bytes exactly', (name) => {
    const input = readFileSync(join(VECTORS, 'valid', `${name}.input.json`));
    const expected = readFileSync(join(VECTORS, 'valid', `${name}.expected.json`));
    expect(Buffer.from(canonicalize(parsed(input))).equals(expected)).toBe(true);
  });

  it.each(names)('%s: the expected bytes are a fixed point', (name) => {
    const expected = readFileSync(join(VECTORS, 'valid', `${name}.expected.json`));
    expect(Buffer.from(canonicalize(parsed(expected))).equals(expected)).toBe(true);
  });
});

describe('RFC 8785 Appendix B numbers (test/vectors/canonical-json/numbers.txt)', () => {
  const lines = readFileSync(join(VECTORS, 'numbers.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' ') as [string, string]);

  it.each(lines)('%s → %s', (hex, expected) => {
    const value = Buffer.from(hex, 'hex').readDoubleBE(0);
    if (expected === 'error') expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    else expect(canonicalJson(value)).toBe(expected);
  });
});

describe('values JCS cannot represent are refused, never altered', () => {
  const cases: [string, unknown, string][] = [
    ['NaN', NaN, 'non-finite-number'],
    ['Infinity', [Infinity], 'non-finite-number'],
    ['-Infinity', { a: -Infinity }, 'non-finite-number'],
    ['a lone high surrogate', '\ud800', 'lone-surrogate'],
    ['a lone low surrogate in a key', { '\udc00': 1 }, 'lone-surrogate'],
    ['undefined', undefined, 'unsupported-value'],
    ['an undefined member', { a: undefined }, 'unsupported-value'],
    ['an array hole', Object.assign(new Array<number>(3), { 0: 1, 2: 3 }), 'unsupported-value'],
    ['a function', () => 1, 'unsupported-value'],
    ['a bigint', 1n, 'unsupported-value'],
    ['a symbol', Symbol('s'), 'unsupported-value'],
    ['a Date', new Date(0), 'non-plain-object'],
    ['a Map', new Map(), 'non-plain-object'],
    ['a Uint8Array', new Uint8Array(2), 'non-plain-object'],
    [
      'a class instance',
      new (class Point {
        x = 1;
      })(),
      'non-plain-object',
    ],
    ['symbol keys', { [Symbol('k')]: 1 }, 'unsupported-value'],
  ];
  it.each(cases)('%s', (_label, value, code) => {
    const result = tryCanonicalize(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(expect.objectContaining({ code: 'cycle' }));
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });

  it('accepts null-prototype objects and keeps a "__proto__" member as data', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['b'] = 1;
    bare['a'] = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
    expect(canonicalJson(parsed(Buffer.from('{"__proto__":{"x":1}}')))).toBe('{"__proto__":{"x":1}}');
  });

  it('writes -0 as 0 and keeps well-formed surrogate pairs', () => {
    expect(canonicalJson([-0, '\ud83d\ude00'])).toBe('[0,"😀"]');
  });
});
