import { sha256Hex, type Sha256 } from '../crypto/sha256';
import { loadedSodium } from '../crypto/sodium';
import { canonicalize } from '../encoding/canonical-json';
import { toHex } from '../encoding/hex';
import type { AssessmentBody, Sha256Hex } from '../objects/types';

export const SALT_BYTES = 32;

/** The digest a commitment seals: SHA-256 of the RFC 8785 bytes of the assessment body (salt included). */
export async function commitmentDigest(body: AssessmentBody, sha256: Sha256): Promise<Sha256Hex> {
  return sha256Hex(sha256, canonicalize(body));
}

/** 32 bytes from libsodium's CSPRNG, lowercase hex: without it a body with few choices could be guessed from its digest. Requires ready(). */
export function randomSalt(): string {
  return toHex(loadedSodium().randombytes_buf(SALT_BYTES));
}
