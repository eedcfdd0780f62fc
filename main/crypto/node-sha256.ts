import { createHash } from 'node:crypto';
import type { Sha256 } from '../../shared/crypto/sha256';

/** The Sha256 capability for main, the CLI and tests: node:crypto (OpenSSL), at the machine's speed. */
export const nodeSha256: Sha256 = async (data) => new Uint8Array(createHash('sha256').update(data).digest());
