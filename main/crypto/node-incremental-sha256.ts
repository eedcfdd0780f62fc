import { createHash } from 'node:crypto';
import type { IncrementalSha256, Sha256Factory } from '../../shared/pack/incremental-sha256';

/** SHA-256 from node:crypto (OpenSSL, with the CPU's SHA extensions) for the pure core. */
export const createNodeSha256: Sha256Factory = (): IncrementalSha256 => {
  const hash = createHash('sha256');
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: () => {
      const digest = hash.digest();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
    },
  };
};
