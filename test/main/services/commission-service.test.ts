import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { readShippedLine } from '../../../main/demo/write-demo';
import { workspaceDir } from '../../../main/workspaces/workspace-layout';
import { openAppServices, type OpenedServices } from '../../../main/host/app-services';
import { writePackFile } from '../../../main/packs/pack-file';
import { importPack } from '../../../main/store/import-pack';
import { rebuildStore } from '../../../main/store/rebuild';
import { openStore } from '../../../main/store/store';
import type { IncidentSummary } from '../../../shared/commission/views';
import { createDemoRoster } from '../../../shared/demo/demo-commission';
import { decodeObject } from '../../../shared/objects/decode-object';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';

const RESOURCES = resolve(__dirname, '../../../resources');

describe('the commission service on the demo commission', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'truceline-service-'));
  const log: string[] = [];
  let services: OpenedServices;
  let incidents: IncidentSummary[];

  beforeAll(async () => {
    services = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: (line) => log.push(line) });
    incidents = await services.commission.incidents();
  }, 120_000);
  afterAll(() => services?.close());

  it('installs the demo on first start and says so', () => {
    expect(log[0]).toMatch(/installing the DEMO commission/);
    expect(log[1]).toMatch(/you act as FRA/);
  });

  it('describes the commission: roster, members, acting delegation, demo', async () => {
    const view = await services.commission.commission();
    expect(view.demo).toBe(true);
    expect(view.actingAs?.member).toBe('FRA');
    expect(view.roster).toMatchObject({ version: 1, status: 'current' });
    expect(view.members.filter((m) => m.role === 'party').map((m) => m.id)).toEqual(['RUS', 'UKR']);
    expect(view.store.incidents).toBe(incidents.length);
    const store = openStore(join(workspaceDir(dataDir, 'demo'), 'store'), { create: false });
    expect(view.store.objects).toBe(store.db.prepare('SELECT count(*) FROM objects').pluck().get());
    store.close();
    expect(view.store.quarantined).toBe(0);
  });

  it('lists about 30 verified incidents whose tallies show every outcome', () => {
    expect(incidents.length).toBeGreaterThanOrEqual(25);
    const outcomes = new Set(incidents.map((i) => i.outcome.outcome));
    expect([...outcomes].sort()).toEqual(['decided', 'disputed', 'no-consensus', 'pending']);
    expect(incidents.some((i) => i.outcome.finding === 'violation' && i.outcome.attribution === 'undetermined')).toBe(true);
    expect(incidents.some((i) => i.outcome.finding === 'no-violation')).toBe(true);
    for (const incident of incidents) expect(incident.evidence).toEqual({ listed: 2, present: 2 });
  });

  it('shows the detail of an incident: evidence present, parties recused, every delegation with a reason', async () => {
    const decided = incidents.find((i) => i.outcome.outcome === 'decided' && i.outcome.finding === 'violation' && i.outcome.attribution !== 'undetermined')!;
    const detail = await services.commission.incident(decided.id);
    expect(detail.evidenceList.every((e) => e.present && e.mediaType === 'application/vnd.apache.arrow.file')).toBe(true);
    const standing = Object.fromEntries(detail.tally.members.map((m) => [m.member, m.standing]));
    expect(standing['RUS']).toBe('recused');
    expect(standing['UKR']).toBe('recused');
    expect(detail.tally.members.every((m) => m.reason.length > 0)).toBe(true);
  });

  it('marks the rounds where EST equivocated as disputed, and leaves FRA’s own open rounds pending', async () => {
    const disputed = incidents.filter((i) => i.outcome.outcome === 'disputed');
    expect(disputed.length).toBeGreaterThan(0);
    const detail = await services.commission.incident(disputed[0]!.id);
    expect(detail.tally.verdict).toEqual({ outcome: 'disputed', disputedBy: ['EST'] });
    const pending = await Promise.all(incidents.filter((i) => i.outcome.outcome === 'pending').map((i) => services.commission.incident(i.id)));
    expect(pending.some((d) => d.tally.members.find((m) => m.member === 'FRA')?.standing === 'awaited')).toBe(true);
  });

  it('shows the rounds the chair closed as final, with who countersigned, and every other round as provisional; a round closed without a decision gives way to round 2', async () => {
    const final = incidents.filter((i) => i.finality.status === 'final');
    expect(final.length).toBeGreaterThanOrEqual(4);
    expect(incidents.filter((i) => i.finality.status === 'closing-refused')).toEqual([]);
    // A round closed as decided ends the incident's rounds: it stays the one shown.
    expect(new Set(final.map((i) => i.outcome.outcome))).toEqual(new Set(['decided']));
    for (const incident of incidents.filter((i) => i.outcome.outcome === 'pending')) expect(incident.finality).toEqual({ status: 'provisional' });
    expect(incidents.some((i) => i.outcome.outcome === 'decided' && i.finality.status === 'provisional')).toBe(true);
    const reopened = await Promise.all(incidents.filter((i) => i.outcome.round === 2).map((i) => services.commission.incident(i.id)));
    expect(reopened.length).toBeGreaterThanOrEqual(4);
    for (const detail of reopened) {
      expect(detail).toMatchObject({ outcome: { round: 2, outcome: 'pending' }, finality: { status: 'provisional' }, storeMismatch: null });
      expect(detail.tally.round).toBe(2);
      expect(detail.participation).toMatchObject({ round: 2, step: 'draft', commitments: [], phase: null });
      expect(detail.rounds).toEqual([{ round: 1, outcome: expect.objectContaining({ round: 1 }), finality: expect.objectContaining({ status: 'final' }) }]);
    }
    expect(new Set(reopened.map((d) => d.rounds[0]!.outcome.outcome))).toEqual(new Set(['no-consensus', 'disputed']));
    const finalities = [...final.map((i) => i.finality), ...reopened.map((d) => d.rounds[0]!.finality)];
    for (const { finality, windowEnd } of [...final, ...reopened.map((d) => ({ finality: d.rounds[0]!.finality, windowEnd: d.windowEnd }))]) {
      if (finality.status !== 'final') continue;
      expect(finality).toMatchObject({ closedBy: 'CHAIR', votingMembers: 9 });
      expect(Date.parse(finality.closedAt)).toBeGreaterThan(Date.parse(windowEnd));
    }
    const countersigned = finalities.map((f) => (f.status === 'final' ? f.countersignedBy : []));
    expect(countersigned).toContainEqual(['AUT', 'CAN', 'DEU', 'EST', 'FIN']);
    // Two copies of one record (GBR+ITA, ITA+POL): ITA counts once.
    expect(countersigned).toContainEqual(['GBR', 'ITA', 'POL']);
  });

  it('no longer shows a closed round as final once the store lacks a reveal its closing record names', async () => {
    const closed = incidents.filter((i) => i.finality.status === 'final' && i.outcome.outcome === 'decided')[0]!;
    const store = openStore(join(workspaceDir(dataDir, 'demo'), 'store'), { create: false });
    const reveal = store.db.prepare("SELECT lower(hex(object)) FROM round_objects WHERE incident = unhex(?) AND kind = 'assessment' ORDER BY object LIMIT 1").pluck().get(closed.id) as string;
    store.db.transaction(() => {
      for (const where of ['round_objects WHERE object = unhex(?)', 'statements WHERE id = unhex(?)', 'objects WHERE id = ?']) store.db.prepare(`DELETE FROM ${where}`).run(reveal);
    })();
    store.close();
    const after = await services.commission.incident(closed.id);
    expect(after.finality.status).toBe('closing-refused');
    if (after.finality.status === 'closing-refused') expect(after.finality.reason).toMatch(new RegExp(`incomplete: .* the store lacks: reveal ${reveal.slice(0, 8)}`));
    // Rows deleted behind the store's back: the derived state still says final, and the detail says so loudly.
    expect(after.storeMismatch).toMatch(/differs from the incident's stored objects in .*finality/);
  });

  it('shows neither record as final when the chair signs a second, different closing record of a closed round, which is the current round again', async () => {
    const reopened = await Promise.all(incidents.filter((i) => i.outcome.round === 2).map((i) => services.commission.incident(i.id)));
    const closed = reopened.find((d) => d.rounds[0]?.outcome.outcome === 'no-consensus')!;
    const store = openStore(join(workspaceDir(dataDir, 'demo'), 'store'), { create: false });
    try {
      const closingBytes = store.db
        .prepare("SELECT body FROM objects WHERE id = (SELECT lower(hex(object)) FROM round_objects WHERE incident = unhex(?) AND kind = 'closing' ORDER BY object LIMIT 1)")
        .pluck()
        .get(closed.id) as Buffer;
      const decoded = await decodeObject(new Uint8Array(closingBytes), nodeSha256);
      if (!decoded.ok || decoded.value.kind !== 'closing') throw new Error('no closing record stored');
      const last = store.db.prepare("SELECT lower(hex(id)) AS id, seq FROM statements WHERE author = 'CHAIR' ORDER BY seq DESC LIMIT 1").get() as { id: ObjectId; seq: number };
      const { keys } = await createDemoRoster((await readShippedLine(RESOURCES)).sha256, nodeSha256);
      const record = (decoded.value as SignedObject<'closing'>).payload;
      const second = await signStatement(
        { ...record, seq: last.seq + 1, prev: last.id, created: '2026-11-29T12:00:00Z' as Timestamp, verdict: { outcome: 'decided', finding: 'no-violation' } },
        keys.get('CHAIR' as MemberId)!,
        nodeSha256,
      );
      const pack = join(dataDir, 'second-closing.pack');
      await writePackFile(pack, 'sync', [{ kind: 'closing', bytes: second.bytes }]);
      expect(await importPack(store, pack)).toMatchObject({ added: 1, rejected: 0 });
    } finally {
      store.close();
    }
    const after = await services.commission.incident(closed.id);
    expect(after.storeMismatch).toBeNull();
    expect((await services.commission.incidents()).find((i) => i.id === closed.id)?.finality.status).toBe('closing-refused');
    expect(after.outcome).toMatchObject({ round: 1, outcome: 'no-consensus' });
    expect(after.rounds).toEqual([]);
    expect(after.finality).toMatchObject({
      status: 'closing-refused',
      reason: expect.stringMatching(
        /^2 different closing records close this round: .*no consensus.*decided — no-violation.*none is final$|^2 different closing records close this round: .*decided — no-violation.*no consensus.*none is final$/,
      ),
    });
  });

  it('shows only what verifies: the detail of an incident whose stored bytes were altered is refused, and a rebuild takes it off the queue', async () => {
    const victim = incidents[0]!;
    const store = openStore(join(workspaceDir(dataDir, 'demo'), 'store'), { create: false });
    try {
      const body = store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck().get(victim.id) as Buffer;
      const altered = Buffer.from(body.toString('utf8').replace('"sig":"', '"sig":"A'));
      store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(altered, victim.id);
      await expect(services.commission.incident(victim.id)).rejects.toThrow(/is not a verified incident/);
      // Across the worker and the API it stays a typed error: the renderer gets the code not-found.
      await expect(services.commission.incident(victim.id)).rejects.toMatchObject({ code: 'not-found' });
      const report = await rebuildStore(store);
      expect(report.problems).toContainEqual(expect.objectContaining({ id: victim.id, problem: 'undecodable' }));
    } finally {
      store.close();
    }
    const after = await services.commission.incidents();
    expect(after.map((i) => i.id)).not.toContain(victim.id);
    expect(after).toHaveLength(incidents.length - 1);
  });

  it('opens an existing store without reinstalling the demo', async () => {
    const again: string[] = [];
    const reopened = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: (line) => again.push(line) });
    reopened.close();
    expect(again).toEqual([]);
  });
});
