/**
 * SHA-256 as a capability handed in by the platform (node:crypto in main and the CLI, a WebCrypto
 * or wasm implementation elsewhere): shared/ has no hash of its own and imports no runtime.
 */
export interface IncrementalSha256 {
  update(chunk: Uint8Array): void;
  /** The 32-byte digest; the hash is not used again afterwards. */
  digest(): Uint8Array;
}

export type Sha256Factory = () => IncrementalSha256;

const HEX_DIGITS = '0123456789abcdef';

export function lowercaseHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  return hex;
}

export async function sha256HexOf(
  sha256: Sha256Factory,
  content: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<string> {
  const hash = sha256();
  if (content instanceof Uint8Array) hash.update(content);
  else for await (const chunk of content) hash.update(chunk);
  return lowercaseHex(hash.digest());
}
