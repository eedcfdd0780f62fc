import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { fromHex, isLowerHex, toHex } from '../../../shared/encoding/hex';

describe('base64 (RFC 4648 §4, padded, strict)', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('%j ⇄ %j', (plain, encoded) => {
    const raw = new TextEncoder().encode(plain);
    expect(toBase64(raw)).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(raw);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toBase64(all)).toBe(Buffer.from(all).toString('base64'));
    expect(fromBase64(toBase64(all))).toEqual(all);
  });

  it.each([
    ['missing padding', 'Zg'],
    ['too much padding', 'Zg==='],
    ['padding in the middle', 'Zg==Zm9v'],
    ['url-safe letters', 'ab-_'],
    ['whitespace', 'Zm9v\n'],
    ['non-zero unused bits (2 pad)', 'Zh=='],
    ['non-zero unused bits (1 pad)', 'Zm9='],
    ['a non-ASCII character', 'Zm9é'],
    ['three padding characters', 'Z==='],
  ])('refuses %s', (_label, text) => {
    expect(fromBase64(text)).toBeUndefined();
  });
});

describe('hex', () => {
  it('writes lowercase and reads only lowercase of even length', () => {
    expect(toHex(Uint8Array.of(0, 15, 16, 255))).toBe('000f10ff');
    expect(fromHex('000f10ff')).toEqual(Uint8Array.of(0, 15, 16, 255));
    expect(fromHex('000F10FF')).toBeUndefined();
    expect(fromHex('abc')).toBeUndefined();
    expect(fromHex('zz')).toBeUndefined();
  });

  it('checks a digest length', () => {
    expect(isLowerHex('ab'.repeat(32), 32)).toBe(true);
    expect(isLowerHex('ab'.repeat(31), 32)).toBe(false);
    expect(isLowerHex('AB'.repeat(32), 32)).toBe(false);
  });
});

describe('fromBase64 accepts exactly the texts toBase64 writes (seeded fast-check)', () => {
  const unit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', '=', '-', '_', ' ', '\n', 'é', '\u0141', '\0');
  const nearlyBase64 = fc.oneof(
    fc.string({ unit, maxLength: 16 }),
    fc.tuple(fc.uint8Array({ maxLength: 12 }), fc.nat(), unit).map(([bytes, at, insert]) => {
      const text = toBase64(bytes);
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + 1);
    }),
  );

  it('refuses every other text, and decodes what it accepts as Node does', () => {
    fc.assert(
      fc.property(nearlyBase64, (text) => {
        // Node's decoder is lenient; a text is canonical when Node writes it back unchanged.
        const lenient = Buffer.from(text, 'base64');
        const canonical = lenient.toString('base64') === text;
        const decoded = fromBase64(text);
        expect(decoded === undefined).toBe(!canonical);
        if (decoded !== undefined) expect(Buffer.from(decoded).equals(lenient)).toBe(true);
      }),
      { numRuns: 3000, seed: 20261122 },
    );
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
      { numRuns: 1000, seed: 20261122 },
    );
  });
});
