import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { verifyEquivocationProof } from '../../../shared/log/equivocation-proof';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';

const DIR = join(__dirname, '../../vectors/equivocation');
const read = (file: string): Buffer => readFileSync(join(DIR, file));

interface ProofCase {
  readonly file: string;
  readonly expect: string;
  readonly kind: string;
  readonly author: string;
  readonly objects: readonly string[];
}
const manifest = JSON.parse(read('manifest.json').toString('utf8')) as { trusted: string; rosters: string[]; proofs: ProofCase[] };

describe('equivocation proof golden vectors (test/vectors/equivocation)', () => {
  let chain: RosterChain;
  beforeAll(async () => {
    const result = await verifyRosterChain({ trusted: read(manifest.trusted), candidates: manifest.rosters.map(read), now: Date.parse('2026-12-01T00:00:00Z'), sha256: nodeSha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
  });

  it('has one proof of each kind and a tampered one', () => {
    expect(manifest.proofs.map((proof) => proof.kind).sort()).toEqual(['broken-chain', 'double-assessment', 'same-seq', 'same-seq']);
  });

  it.each(manifest.proofs.map((proof) => [proof.file, proof] as const))('%s', async (_file, proof) => {
    const result = await verifyEquivocationProof(read(proof.file), { sha256: nodeSha256, chain });
    if (proof.expect === 'verified') {
      expect(result).toMatchObject({ ok: true, value: { author: proof.author, objects: proof.objects, attributed: true, claim: { kind: proof.kind } } });
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: proof.expect } });
    }
  });

  it('each verified proof also verifies without the roster, unattributed', async () => {
    for (const proof of manifest.proofs.filter((entry) => entry.expect === 'verified')) {
      expect(await verifyEquivocationProof(read(proof.file), { sha256: nodeSha256 })).toMatchObject({ ok: true, value: { attributed: false } });
    }
  });
});
