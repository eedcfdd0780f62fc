import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import type { ObjectId } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { resolveRound } from '../../../shared/sealing/resolve-round';

// test/vectors/sealing: instants not text, dangling and foreign supersedes, copies of one reveal.
const DIR = join(__dirname, '../../vectors/sealing');
interface Manifest {
  readonly trusted: string;
  readonly rosters: readonly string[];
  readonly now: string;
  readonly incident: string;
  readonly round: number;
  readonly cases: readonly { name: string; objects: string[]; expect: { ballots: Record<string, string>; issues: string[] } }[];
}
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;
const read = (file: string): Uint8Array => readFileSync(join(DIR, file));

describe('sealing vectors (test/vectors/sealing)', () => {
  let chain: RosterChain;
  beforeAll(async () => {
    const verified = await verifyRosterChain({ trusted: read(manifest.trusted), candidates: manifest.rosters.map(read), now: Date.parse(manifest.now), sha256: nodeSha256 });
    if (!verified.ok) throw new Error(verified.error.message);
    chain = verified.value;
  });

  it.each(manifest.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { ballots, issues } = await resolveRound({ chain, incident: manifest.incident as ObjectId, round: manifest.round, objects: c.objects.map(read), sha256: nodeSha256 });
    const statuses = Object.fromEntries(ballots.ballots.filter((b) => b.member in c.expect.ballots).map((b) => [b.member, b.status]));
    expect(statuses).toEqual(c.expect.ballots);
    expect(issues.map((issue) => issue.code).sort()).toEqual(c.expect.issues);
  });
});
