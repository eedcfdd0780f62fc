import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppServices, type OpenedServices } from '../../../main/host/app-services';
import { openStore } from '../../../main/store/store';
import type { IncidentSummary } from '../../../shared/commission/views';

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

  it('shows only what verifies: an incident whose stored bytes were altered disappears', async () => {
    const victim = incidents[0]!;
    const store = openStore(join(dataDir, 'store'), { create: false });
    const body = store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck().get(victim.id) as Buffer;
    const altered = Buffer.from(body.toString('utf8').replace('"sig":"', '"sig":"A'));
    store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(altered, victim.id);
    store.close();
    const after = await services.commission.incidents();
    expect(after.map((i) => i.id)).not.toContain(victim.id);
    expect(after).toHaveLength(incidents.length - 1);
    await expect(services.commission.incident(victim.id)).rejects.toThrow(/is not a verified incident/);
  });

  it('opens an existing store without reinstalling the demo', async () => {
    const again: string[] = [];
    const reopened = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: (line) => again.push(line) });
    reopened.close();
    expect(again).toEqual([]);
  });
});
