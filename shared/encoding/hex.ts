const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!);
const LOWER_HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex, two digits per byte. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]!]!;
  return out;
}

/** Whether `text` is lowercase hex of exactly `byteLength` bytes. */
export function isLowerHex(text: string, byteLength: number): boolean {
  return text.length === byteLength * 2 && LOWER_HEX.test(text);
}

/** Strict decoder: lowercase digits only, even length; anything else is undefined. */
export function fromHex(text: string): Uint8Array | undefined {
  if (!LOWER_HEX.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}
