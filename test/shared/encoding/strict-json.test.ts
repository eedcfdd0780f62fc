import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_JSON_LIMITS, parseStrictJson } from '../../../shared/encoding/strict-json';

const INVALID = join(__dirname, '../../vectors/canonical-json/invalid');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('strict JSON parser: golden refusals (test/vectors/canonical-json/invalid)', () => {
  const manifest = JSON.parse(readFileSync(join(INVALID, 'manifest.json'), 'utf8')) as Record<string, string>;
  it.each(Object.entries(manifest))('%s → %s', (file, code) => {
    const result = parseStrictJson(readFileSync(join(INVALID, file)));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).not.toMatch(/\n/);
    }
  });
});

describe('strict JSON parser', () => {
  it('parses what JSON.parse parses, for ordinary documents', () => {
    const text = '{"a":[1,2.5,-3e2,true,false,null,"x\\u00e9\\n"],"b":{"c":{}},"d":[]}';
    const result = parseStrictJson(bytes(text));
    expect(result).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('keeps "__proto__" as an own member instead of setting the prototype', () => {
    const result = parseStrictJson(bytes('{"__proto__":{"polluted":true}}'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      const value = result.value as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
  });

  it('refuses input over the size limit before decoding it', () => {
    const result = parseStrictJson(bytes('[1,2,3]'), { ...DEFAULT_JSON_LIMITS, maxBytes: 6 });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('accepts nesting up to the depth limit and refuses one level more', () => {
    const nested = (depth: number): Uint8Array => bytes('['.repeat(depth) + ']'.repeat(depth));
    expect(parseStrictJson(nested(32)).ok).toBe(true);
    expect(parseStrictJson(nested(33))).toMatchObject({ ok: false, error: { code: 'too-deep' } });
  });

  it('refuses a deep document without exhausting the stack', () => {
    expect(parseStrictJson(bytes('['.repeat(100_000)))).toMatchObject({ ok: false, error: { code: 'too-deep' } });
  });

  it('accepts exact integers and refuses those a double would change', () => {
    expect(parseStrictJson(bytes('[9007199254740991,-9007199254740991]'))).toEqual({ ok: true, value: [9007199254740991, -9007199254740991] });
    expect(parseStrictJson(bytes('[9007199254740993]'))).toMatchObject({ ok: false, error: { code: 'number-out-of-range' } });
    expect(parseStrictJson(bytes('[12345678901234567891]'))).toMatchObject({ ok: false, error: { code: 'number-out-of-range' } });
  });

  it('accepts a large integer written exactly as RFC 8785 writes its double', () => {
    expect(parseStrictJson(bytes('[100000000000000000000,295147905179352830000]'))).toEqual({ ok: true, value: [1e20, 2 ** 68] });
  });

  it('names the position of a duplicate key', () => {
    const result = parseStrictJson(bytes('{"round":1,"round":2}'));
    expect(result).toMatchObject({ ok: false, error: { code: 'duplicate-key', message: 'duplicate key "round" at character 11' } });
  });

  it('decodes escaped surrogate pairs into one code point', () => {
    expect(parseStrictJson(bytes('"\\ud83d\\ude00"'))).toEqual({ ok: true, value: '😀' });
  });
});
