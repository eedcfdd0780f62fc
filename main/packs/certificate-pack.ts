import { verifyCertificate, type CertificateResult } from '../../shared/audit/verify-certificate';
import { nodeSha256 } from '../crypto/node-sha256';
import type { LoadedPack } from './pack-file';

/** Checks a loaded certificate pack: its own signed objects (kinds from their bytes) and its pack-level problems, nothing else. */
export function verifyCertificatePack(pack: LoadedPack, trustedRoster: Uint8Array, now: number): Promise<CertificateResult> {
  return verifyCertificate({
    trustedRoster,
    objects: [...pack.objects.values()].map((object) => object.bytes),
    packProblems: pack.problems.map((problem) => problem.message),
    chunks: pack.chunks.length,
    now,
    sha256: nodeSha256,
  });
}
