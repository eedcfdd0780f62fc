import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail, IncidentSummary } from '../../../shared/commission/views';
import type { ObjectId } from '../../../shared/objects/types';
import type { TallyOutcome } from '../../../shared/tally/outcome';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { workspaceDir } from '../../../main/workspaces/workspace-layout';
import { openAppServices, type OpenedServices } from '../../../main/host/app-services';
import { CommissionService } from '../../../main/services/commission-service';
import { StoreCommissionSource } from '../../../main/services/store-commission-source';
import { NO_SETTINGS } from '../../../main/services/workstation-settings';
import { importPack } from '../../../main/store/import-pack';
import { openStore } from '../../../main/store/store';
import { writeDemoForkPack, type WrittenFork } from './fixtures/demo-fork';
import { runCliInProcess, type CliRun } from '../cli/cli-in-process';

// The demo commission, then a pack in which GBR and CAN each sign, on another incident, a
// statement with the seq of their commitment in a decided round, and ITA one that follows its last
// statement of that round without naming it as prev. The workstation and `truceline tally` over
// an export of the store must both mark the three ballots equivocated and the verdict disputed.

const RESOURCES = resolve(__dirname, '../../../resources');
const FORKED = ['CAN', 'GBR', 'ITA'];

async function cli(...argv: string[]): Promise<CliRun> {
  return runCliInProcess(argv);
}

/** What a tally says, apart from the moment it was computed. */
function verdictOf(tally: TallyOutcome) {
  return { verdict: tally.verdict, reason: tally.reason, counts: tally.counts, members: tally.members };
}

async function cliTally(packs: readonly string[], incident: ObjectId): Promise<TallyOutcome> {
  const run = await cli('tally', ...packs, '--roster', join(workspaceDir(dataDir, 'demo'), 'demo', 'roster.json'), '--incident', incident, '--json');
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { outcome: TallyOutcome }).outcome;
}

const dataDir = mkdtempSync(join(tmpdir(), 'truceline-fork-'));
const work = mkdtempSync(join(tmpdir(), 'truceline-fork-work-'));
let services: OpenedServices;
let target: IncidentSummary;
let before: IncidentDetail;
let fork: WrittenFork;

beforeAll(async () => {
  services = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
  const incidents = await services.commission.incidents();
  target = incidents.find((i) => i.outcome.outcome === 'decided' && i.outcome.finding === 'violation' && i.outcome.attribution !== 'undetermined')!;
  before = await services.commission.incident(target.id);
  const pack = join(work, 'fork.pack');
  fork = await writeDemoForkPack(
    join(workspaceDir(dataDir, 'demo'), 'demo'),
    RESOURCES,
    target.number,
    [
      { delegation: 'GBR', how: 'same-seq' },
      { delegation: 'CAN', how: 'same-seq' },
      { delegation: 'ITA', how: 'broken-chain' },
    ],
    pack,
  );
  const store = openStore(join(workspaceDir(dataDir, 'demo'), 'store'), { create: false });
  try {
    const report = await importPack(store, pack);
    expect(report).toMatchObject({ added: 3, rejected: 0 });
  } finally {
    store.close();
  }
}, 180_000);

afterAll(() => {
  services?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('a fork made on another incident', () => {
  it('was a decided round in which the three delegations counted', () => {
    expect(before.tally.verdict.outcome).toBe('decided');
    for (const id of FORKED) expect(before.tally.members.find((m) => m.member === id)).toMatchObject({ ballot: 'counted', standing: 'counted' });
    expect(fork.otherIncident).not.toBe(target.id);
  });

  it('marks their ballots equivocated and the verdict disputed on the workstation', async () => {
    const after = await services.commission.incident(target.id);
    expect(after.tally.verdict).toEqual({ outcome: 'disputed', disputedBy: FORKED });
    const forked = after.tally.members.filter((m) => FORKED.includes(m.member));
    for (const m of forked) expect(m).toMatchObject({ ballot: 'equivocated', standing: 'disputed' });
    expect(forked.find((m) => m.member === 'GBR')!.ballotReason).toMatch(/^GBR equivocated: key [0-9a-f]+… signed two different statements with seq \d+/);
    expect(forked.find((m) => m.member === 'ITA')!.ballotReason).toMatch(/^ITA equivocated: key [0-9a-f]+… signed [0-9a-f]+… with seq \d+ whose prev is not/);
    for (const { id } of fork.forks) expect(forked.flatMap((m) => m.objects)).toContain(id);
    expect(after.tally.members.filter((m) => !FORKED.includes(m.member)).map((m) => m.standing)).toEqual(before.tally.members.filter((m) => !FORKED.includes(m.member)).map((m) => m.standing));

    const listed = (await services.commission.incidents()).find((i) => i.id === target.id)!;
    expect(listed.outcome.outcome).toBe('disputed');
    const other = await services.commission.incident(fork.otherIncident);
    for (const id of FORKED) expect(other.tally.members.find((m) => m.member === id)?.ballot).toBe('equivocated');
  });

  it('gives the same tally from `truceline tally` over a sync export of the store', async () => {
    const sync = join(work, 'sync.pack');
    expect((await cli('store', 'export', '--db', join(workspaceDir(dataDir, 'demo'), 'store'), '--since', '0', '--out', sync)).code).toBe(0);
    for (const incident of [target.id, fork.otherIncident]) {
      expect(verdictOf(await cliTally([sync], incident))).toEqual(verdictOf((await services.commission.incident(incident)).tally));
    }
  });

  it('exports a certificate that carries the forks: the CLI and a receiving workstation reach the same dispute', async () => {
    const certificate = join(work, 'certificate.pack');
    const exported = await cli('store', 'export', '--db', join(workspaceDir(dataDir, 'demo'), 'store'), '--certificate', target.id, '--out', certificate);
    expect(exported.code, exported.stderr).toBe(0);
    const onWorkstation = verdictOf((await services.commission.incident(target.id)).tally);
    expect(verdictOf(await cliTally([certificate], target.id))).toEqual(onWorkstation);
    // The certificate on its own, as an auditor checks it: complete (the phase's listed commitments
    // beside the forks), provisional, and the same dispute.
    const audited = await cli('verify', certificate, '--roster', join(workspaceDir(dataDir, 'demo'), 'demo', 'roster.json'), '--json');
    expect(audited.code, audited.stdout).toBe(0);
    const [checked] = (JSON.parse(audited.stdout) as { certificates: { status: string; outcome: TallyOutcome }[] }).certificates;
    expect(checked!.status).toBe('provisional');
    expect(verdictOf(checked!.outcome)).toEqual(onWorkstation);

    const receiver = openStore(join(work, 'receiver'), { create: true });
    try {
      const rosterFile = join(workspaceDir(dataDir, 'demo'), 'demo', 'roster.json');
      const report = await importPack(receiver, certificate, { roster: { source: rosterFile, bytes: new Uint8Array(readFileSync(rosterFile)) } });
      expect(report.rejected).toBe(0);
      const view = new CommissionService(new StoreCommissionSource(receiver.db, () => NO_SETTINGS), nodeSha256);
      expect(verdictOf((await view.incident(target.id)).tally)).toEqual(onWorkstation);
    } finally {
      receiver.close();
    }
  });
});
