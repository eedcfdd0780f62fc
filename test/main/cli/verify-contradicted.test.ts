import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signStatement } from '../../../shared/objects/sign-object';
import type { CommitmentPayload, ObjectId } from '../../../shared/objects/types';
import { closedRound, type ClosedRound } from '../../vectors/closed-round';
import { sha256 } from '../../vectors/commission';
import { packBytes, signedEntry } from '../store/fixtures/store-fixtures';
import { runCliInProcess, type CliRun } from './cli-in-process';

// A certificate is final by itself; handed other packs beside it, verify (like tally and the
// workstation) calls it final only if they do not contradict it: a fork made after the close by a
// delegation whose reveal the verdict counts makes that verdict disputed.

const AT = '2026-12-01T00:00:00Z';
let dir: string;
let round: ClosedRound;

async function cli(...argv: string[]): Promise<CliRun> {
  return runCliInProcess(argv);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'truceline-contradicted-'));
  round = await closedRound();
  writeFileSync(join(dir, 'genesis.json'), round.genesis.bytes);
  writeFileSync(join(dir, 'certificate.pack'), await packBytes('certificate', round.objects.map(signedEntry)));
  const deuCommitment = round.commitments.find((c) => c.payload.author === 'DEU')!;
  const fork = await signStatement<CommitmentPayload>({ ...deuCommitment.payload, incident: 'ee'.repeat(32) as ObjectId }, round.keys.DEU, sha256);
  writeFileSync(join(dir, 'fork.pack'), await packBytes('sync', [signedEntry(fork)]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verify with packs beside a certificate', () => {
  it('alone the certificate is final', async () => {
    const alone = await cli('verify', join(dir, 'certificate.pack'), '--roster', join(dir, 'genesis.json'), '--at', AT);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/^FINAL verdict/m);
  });

  it('beside a fork of a delegation it counts, it is not final and verify exits 3, as tally says', async () => {
    const both = await cli('verify', join(dir, 'certificate.pack'), join(dir, 'fork.pack'), '--roster', join(dir, 'genesis.json'), '--at', AT);
    expect(both.code).toBe(3);
    expect(both.stdout).toMatch(/^NOT FINAL: certificate .* contradict it — .*disputed/m);
    expect(both.stdout).not.toMatch(/^FINAL verdict/m);
    const tally = await cli('tally', join(dir, 'certificate.pack'), join(dir, 'fork.pack'), '--roster', join(dir, 'genesis.json'), '--incident', round.incident.id, '--at', AT);
    expect(tally.stdout).toMatch(/^NOT FINAL: /m);
  });
});
