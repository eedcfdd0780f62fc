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
