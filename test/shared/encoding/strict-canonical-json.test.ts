import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../../shared/encoding/bytes';
import { canonicalJson, canonicalize, tryCanonicalize } from '../../../shared/encoding/canonical-json';
import { ok } from '../../../shared/encoding/result';
import { FAST_PATH_MAX_BYTES, parseProvenCanonical, parseStrictJsonNotingCanonical } from '../../../shared/encoding/strict-canonical-json';
import { parseStrictJson, type JsonLimits } from '../../../shared/encoding/strict-json';

const LIMITS: JsonLimits = { maxBytes: 4096, maxDepth: 8, maxNumberLength: 20 };
const SEED = 20261122;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What decodeObject did before the fast path: the strict parser, then a re-serialisation compared byte for byte. */
function strictReference(input: Uint8Array, limits: JsonLimits) {
  const parsed = parseStrictJson(input, limits);
  if (!parsed.ok) return parsed;
  return ok({ value: parsed.value, canonical: bytesEqual(canonicalize(parsed.value), input) });
}

function expectSameAsStrict(input: Uint8Array, limits: JsonLimits = LIMITS): void {
  const fast = parseStrictJsonNotingCanonical(input, limits);
  const reference = strictReference(input, limits);
  // isDeepStrictEqual tells -0 from 0, compares prototypes and sees an own "__proto__" member.
  if (!isDeepStrictEqual(fast, reference)) expect(fast).toEqual(reference);
}

describe('parseProvenCanonical: what it cannot prove canonical falls to the strict parser', () => {
  // Each input is refused by the strict parser or is not canonical: the fast path must not take it.
  const refusedOrNotCanonical: [string, string | Uint8Array, string][] = [
    ['a duplicate key with the same value', '{"a":1,"a":1}', 'duplicate-key'],
    ['a duplicate key, JSON.parse keeping the last', '{"a":1,"a":2}', 'duplicate-key'],
    ['a duplicate "__proto__"', '{"__proto__":1,"__proto__":2}', 'duplicate-key'],
    ['a duplicate key spelled with an escape', '{"a":1,"\\u0061":1}', 'duplicate-key'],
    ['keys out of code-unit order', '{"b":1,"a":2}', 'not-canonical'],
    ['integer-like keys in numeric order', '{"9":1,"10":2}', 'not-canonical'],
    ['a space after a colon', '{"a": 1}', 'not-canonical'],
    ['leading whitespace', ' {"a":1}', 'not-canonical'],
    ['a trailing newline', '{"a":1}\n', 'not-canonical'],
    ['\\u0041 for A', '"\\u0041"', 'not-canonical'],
    ['an escaped solidus', '"a\\/b"', 'not-canonical'],
    ['an escaped é', '"\\u00e9"', 'not-canonical'],
    ['\\u000a for \\n', '"\\u000a"', 'not-canonical'],
    ['an uppercase control escape', '"\\u001F"', 'not-canonical'],
    ['an escaped surrogate pair', '"\\ud83d\\ude00"', 'not-canonical'],
    ['a lone high surrogate', '"\\ud800"', 'lone-surrogate'],
    ['a lone low surrogate', '"\\udc00"', 'lone-surrogate'],
    ['a lone surrogate in uppercase hex', '"\\uD800"', 'lone-surrogate'],
    ['reversed surrogates', '"\\udc00\\ud800"', 'lone-surrogate'],
    ['a lone surrogate in a key', '{"\\udfff":1}', 'lone-surrogate'],
    ['an integer beyond 2^53', '9007199254740993', 'number-out-of-range'],
    ['a negative integer beyond 2^53', '[-9007199254740993]', 'number-out-of-range'],
    ['1e20 written out (21 characters)', '100000000000000000000', 'number-out-of-range'],
    ['a 21-character fraction', '0.12345678901234567891', 'number-out-of-range'],
    ['overflow to Infinity', '1e400', 'number-out-of-range'],
    ['overflow to -Infinity', '{"a":-1e400}', 'number-out-of-range'],
    ['1.0', '1.0', 'not-canonical'],
    ['1e2', '1e2', 'not-canonical'],
    ['1E2', '[1E2]', 'not-canonical'],
    ['1e+21 written 1e21', '1e21', 'not-canonical'],
    ['-0', '-0', 'not-canonical'],
    ['0.0', '0.0', 'not-canonical'],
    ['a byte-order mark', Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d), 'not-utf8'],
    ['a byte that is never UTF-8', Uint8Array.of(0x22, 0xff, 0x22), 'not-utf8'],
    ['an overlong encoding', Uint8Array.of(0x22, 0xc0, 0xaf, 0x22), 'not-utf8'],
    ['a UTF-8-encoded surrogate', Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22), 'not-utf8'],
    ['a truncated sequence', Uint8Array.of(0x22, 0xe2, 0x82, 0x22), 'not-utf8'],
    ['arrays 9 deep', '[[[[[[[[[]]]]]]]]]', 'too-deep'],
    ['objects 9 deep', '{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}}', 'too-deep'],
    ['one byte over the size limit', `"${'a'.repeat(4095)}"`, 'too-large'],
    ['trailing text', '{}x', 'malformed-json'],
    ['nothing', '', 'malformed-json'],
    ['NaN', 'NaN', 'malformed-json'],
    ['a trailing comma', '[1,]', 'malformed-json'],
  ];

  it.each(refusedOrNotCanonical)('%s', (_label, input, code) => {
    const inputBytes = typeof input === 'string' ? bytes(input) : input;
    expect(parseProvenCanonical(inputBytes, LIMITS)).toBeUndefined();
    const result = parseStrictJsonNotingCanonical(inputBytes, LIMITS);
    if (code === 'not-canonical') expect(result).toMatchObject({ ok: true, value: { canonical: false } });
    else expect(result).toMatchObject({ ok: false, error: { code } });
    expectSameAsStrict(inputBytes);
  });

  // Canonical, and accepted by the strict parser, yet beyond what the fast path proves: the strict path must still say canonical.
  it.each([
    ['integer-like keys in code-unit order', '{"10":1,"9":2}'],
    ['a literal backslash before "ud"', '"\\\\ud800"'],
  ])('%s', (_label, text) => {
    expect(parseProvenCanonical(bytes(text), LIMITS)).toBeUndefined();
    expect(parseStrictJsonNotingCanonical(bytes(text), LIMITS)).toMatchObject({ ok: true, value: { canonical: true } });
    expectSameAsStrict(bytes(text));
  });
});

describe('parseProvenCanonical proves the common case', () => {
  it.each([
    ['an object with sorted keys', '{"a":[1,2.5,-3,true,false,null],"b":{"c":{}},"d":[]}'],
    ['canonical escapes', '"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f"'],
    ['raw non-ASCII, a surrogate pair and U+2028', '"é😀\u2028"'],
    ['numbers in their shortest form', '[0,-1,1.5e-7,1e+21,9007199254740991,-9007199254740991,0.1]'],
    ['a 20-character number', '[12345678901234567000]'],
    ['arrays 8 deep', '[[[[[[[[]]]]]]]]'],
    ['exactly the size limit', `"${'a'.repeat(4094)}"`],
    ['a "constructor" member', '{"constructor":{"prototype":1}}'],
  ])('%s', (_label, text) => {
    expect(parseProvenCanonical(bytes(text), LIMITS)).toEqual(JSON.parse(text));
    expectSameAsStrict(bytes(text));
  });

  it('leaves documents over FAST_PATH_MAX_BYTES to the strict parser', () => {
    const large = bytes(`"${'a'.repeat(FAST_PATH_MAX_BYTES)}"`);
    const limits = { ...LIMITS, maxBytes: 1 << 20 };
    expect(parseProvenCanonical(large, limits)).toBeUndefined();
    expect(parseStrictJsonNotingCanonical(large, limits)).toMatchObject({ ok: true, value: { canonical: true } });
  });

  it('keeps "__proto__" as an own member, as the strict parser does', () => {
    const value = parseProvenCanonical(bytes('{"__proto__":{"polluted":true}}'), LIMITS) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expectSameAsStrict(bytes('{"__proto__":{"polluted":true}}'));
  });
});

describe('parseStrictJsonNotingCanonical agrees with the strict parser and a byte comparison (seeded fast-check)', () => {
  const tightLimits: JsonLimits = { maxBytes: 300, maxDepth: 3, maxNumberLength: 8 };
  const stringUnit = fc.oneof(
    fc.constantFrom('\ud800', '\udc00', '"', '\\', '/', '\u2028', '\u0000', '\u001f', '\u007f', 'é', '😀', '__proto__', '10'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  );
  const jsonValue = fc.jsonValue({ maxDepth: 5, stringUnit });
  // JSON.stringify where JCS refuses (a lone surrogate): it then writes the surrogate as a \udXXX escape.
  const canonicalText = jsonValue.map((value) => (tryCanonicalize(value).ok ? canonicalJson(value) : JSON.stringify(value)));
  const junk = fc.constantFrom(' ', '\n', '"', '\\', '\\u0041', '\\ud800', '\\/', ',', ':', '{', '}', '[', ']', '0', '-0', '1.0', 'e2', '"a"', '"a":1,', 'é', '\ud800');
  const edited = fc
    .tuple(canonicalText, fc.array(fc.tuple(fc.nat(), fc.nat(3), junk), { maxLength: 3 }))
    .map(([text, edits]) => edits.reduce((t, [at, cut, insert]) => t.slice(0, at % (t.length + 1)) + insert + t.slice((at % (t.length + 1)) + cut), text));
  const duplicated = fc.tuple(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }), fc.nat()).map(([record, pick]) => {
    const text = canonicalJson(record);
    const keys = Object.keys(record).sort();
    const key = keys[pick % keys.length]!;
    return `{${JSON.stringify(key)}:0,${text.slice(1)}`;
  });

  it.each([
    ['canonical texts', canonicalText],
    ['edited canonical texts', edited],
    ['texts with a duplicate key', duplicated],
  ])('%s', (_label, texts) => {
    fc.assert(
      fc.property(texts, (text) => {
        expectSameAsStrict(bytes(text));
        expectSameAsStrict(bytes(text), tightLimits);
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('proves the canonical text of a value within the limits', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        if (!tryCanonicalize(value).ok) return;
        const text = canonicalJson(value);
        const integerLikeKey = /"(?:0|[1-9][0-9]*)":/.test(text);
        const escapedSurrogate = text.includes('\\ud');
        if (bytes(text).length <= LIMITS.maxBytes && !integerLikeKey && !escapedSurrogate && strictReference(bytes(text), LIMITS).ok) {
          expect(parseProvenCanonical(bytes(text), LIMITS)).toBeDefined();
        }
      }),
      { numRuns: 400, seed: SEED },
    );
  });
});
