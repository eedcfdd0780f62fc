// RFC 4648 §4 base64 with padding. The decoder is strict so that each byte string has exactly one
// accepted text form: no whitespace, no URL-safe letters, padding required, unused bits zero.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Sextets are 0–63, so OR-ing looked-up values keeps the NOT_BASE64 bit exactly when one is not.
const NOT_BASE64 = 0x40;
const DECODE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(128).fill(NOT_BASE64);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();
const PAD = 0x3d;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

function sextetAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? DECODE_TABLE[code]! : NOT_BASE64;
}

/** Strict RFC 4648 decoding; undefined for any text that `toBase64` would not produce. */
export function fromBase64(text: string): Uint8Array | undefined {
  const length = text.length;
  if (length % 4 !== 0) return undefined;
  const padding = length > 0 && text.charCodeAt(length - 1) === PAD ? (text.charCodeAt(length - 2) === PAD ? 2 : 1) : 0;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const unpadded = padding === 0 ? length : length - 4;
  let o = 0;
  for (let i = 0; i < unpadded; i += 4) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = text.charCodeAt(i + 2);
    const cd = text.charCodeAt(i + 3);
    if ((ca | cb | cc | cd) > 127) return undefined;
    const a = DECODE_TABLE[ca]!;
    const b = DECODE_TABLE[cb]!;
    const c = DECODE_TABLE[cc]!;
    const d = DECODE_TABLE[cd]!;
    if ((a | b | c | d) & NOT_BASE64) return undefined;
    out[o] = (a << 2) | (b >> 4);
    out[o + 1] = ((b & 15) << 4) | (c >> 2);
    out[o + 2] = ((c & 3) << 6) | d;
    o += 3;
  }
  if (padding === 0) return out;
  const a = sextetAt(text, unpadded);
  const b = sextetAt(text, unpadded + 1);
  const c = padding === 1 ? sextetAt(text, unpadded + 2) : 0;
  if ((a | b | c) & NOT_BASE64) return undefined;
  // The bits after the last whole byte must be zero, or two texts would decode to the same bytes.
  if (padding === 2 ? (b & 15) !== 0 : (c & 3) !== 0) return undefined;
  out[o] = (a << 2) | (b >> 4);
  if (padding === 1) out[o + 1] = ((b & 15) << 4) | (c >> 2);
  return out;
}
