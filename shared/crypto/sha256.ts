import { toHex } from '../encoding/hex';
import type { Sha256Hex } from '../objects/types';

/**
 * SHA-256 as a capability handed in by the caller: libsodium-wrappers has none, and the platform's
 * (node:crypto in main and the CLI, WebCrypto in the renderer) runs at the machine's speed.
 */
export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

export async function sha256Hex(sha256: Sha256, data: Uint8Array): Promise<Sha256Hex> {
  return toHex(await sha256(data)) as Sha256Hex;
}
