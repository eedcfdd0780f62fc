import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_INCIDENT_QUERY,
  FINALITY_STATUSES,
  INCIDENT_SORTS,
  OUTCOME_CLASSES,
  outcomeClassOf,
  outcomeRank,
  type IncidentQuery,
  type IncidentSort,
  type OutcomeClass,
} from '../../../shared/commission/incident-list';
import type { IncidentSummary } from '../../../shared/commission/views';
import type { IncidentCategory, MemberId } from '../../../shared/objects/types';
import { DUE_SQL } from '../../../main/store/derived-state';
import { importPack } from '../../../main/store/import-pack';
import { actingOf, headerCounts, pageSql, queryIncidents } from '../../../main/store/incident-queries';
import { openStore, type Store } from '../../../main/store/store';
import { incidentPayload, ts } from '../../vectors/commission';
import { commission, NOW, removeTempDirs, roundEntries, sealedRound, signedEntry, tempDir, writePackTo, type PackEntry } from './fixtures/store-fixtures';

const INCIDENTS = 240;
const CATEGORIES: readonly IncidentCategory[] = ['artillery-fire', 'mortar-fire', 'uav-incursion', 'small-arms-fire', 'vehicle-crossing'];
const FRA = 'FRA' as MemberId;
const START = Date.parse('2026-10-01T00:00:00Z');

let store: Store;
let all: IncidentSummary[];
/** The position each incident was made at, by number. */
const made = new Map<string, number>();

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

beforeAll(async () => {
  const c = await commission();
  const entries: PackEntry[] = [signedEntry(c.genesis)];
  for (let i = 0; i < INCIDENTS; i++) {
    const start = START + i * 3_600_000 + (i % 7) * 60_000;
    // Numbers out of time order, so that sorting by number and by time differ.
    const number = `INC-2026-${String((i * 37) % 1000).padStart(6, '0')}`;
    made.set(number, i);
    const incident = await c.log.sign(
      'MISSION',
      incidentPayload(c.log, {
        incident: number,
        category: CATEGORIES[i % CATEGORIES.length]!,
        window: { start: ts(iso(start)), end: ts(iso(start + 1_800_000)) },
        chainageM: (i * 7919) % 400_000,
        summary: i % 5 === 0 ? 'Impacts south-east of the Crossing point.' : 'Detonations reported by the acoustic array.',
      }),
    );
    entries.push(signedEntry(incident));
    // Every fourth incident decided by all four voting delegations; every fourth (offset one) half revealed, the phase listing neither FRA nor ITA; the others with no round objects.
    if (i % 4 === 0) {
      entries.push(
        ...roundEntries(
          await sealedRound(c, incident.id, [
            { member: 'DEU', key: 'DEU' },
            { member: 'POL', key: 'POL' },
            { member: 'ITA', key: 'ITA' },
            { member: 'FRA', key: 'FRA-1' },
          ]),
        ),
      );
    } else if (i % 4 === 1) {
      entries.push(
        ...roundEntries(
          await sealedRound(c, incident.id, [
            { member: 'DEU', key: 'DEU' },
            { member: 'POL', key: 'POL' },
          ]),
        ),
      );
    }
  }
  store = openStore(tempDir(), { create: true });
  const report = await importPack(store, await writePackTo(tempDir(), 'many.pack', 'sync', entries), { now: NOW, roster: { source: 'genesis', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);
  all = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, sort: 'number', limit: 500 }, FRA).items as IncidentSummary[];
}, 120_000);

afterAll(() => {
  store?.close();
  removeTempDirs();
});

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const startOf = (i: IncidentSummary) => Date.parse(i.windowStart);
const classOf = (i: IncidentSummary): OutcomeClass => outcomeClassOf(i.outcome);

const REFERENCE_ORDER: Readonly<Record<IncidentSort, (a: IncidentSummary, b: IncidentSummary) => number>> = {
  'time-desc': (a, b) => startOf(b) - startOf(a) || compare(b.number, a.number) || compare(b.id, a.id),
  'time-asc': (a, b) => startOf(a) - startOf(b) || compare(a.number, b.number) || compare(a.id, b.id),
  km: (a, b) => a.chainageKm - b.chainageKm || compare(a.number, b.number) || compare(a.id, b.id),
  outcome: (a, b) => outcomeRank(classOf(a)) - outcomeRank(classOf(b)) || startOf(a) - startOf(b) || compare(a.id, b.id),
  number: (a, b) => compare(a.number, b.number) || compare(a.id, b.id),
};

type Dimension = 'outcomes' | 'category' | 'finality' | 'needsMyAction';

/** FRA revealed in the decided rounds, cannot vote where the phase opened without it, and has not committed in the rounds with no objects: only those need its action. */
const fraNeedsToAct = (i: IncidentSummary) => made.get(i.number)! % 4 >= 2;

/** The query's filters applied in plain code to the full list. */
function referenceFilter(query: IncidentQuery, except?: Dimension): IncidentSummary[] {
  const from = query.from === null ? -Infinity : Date.parse(query.from);
  const to = query.to === null ? Infinity : Date.parse(query.to);
  const text = query.text?.toLowerCase();
  return all.filter(
    (i) =>
      (except === 'outcomes' || query.outcomes.length === 0 || query.outcomes.includes(classOf(i))) &&
      (except === 'category' || query.category === null || i.category === query.category) &&
      (except === 'finality' || query.finality === null || i.finality.status === query.finality) &&
      (except === 'needsMyAction' || !query.needsMyAction || fraNeedsToAct(i)) &&
      Date.parse(i.windowEnd) >= from &&
      startOf(i) <= to &&
      (query.kmMin === null || i.chainageKm >= query.kmMin) &&
      (query.kmMax === null || i.chainageKm <= query.kmMax) &&
      (text === undefined || [i.number, i.summary, i.category].some((field) => field.toLowerCase().includes(text))),
  );
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomQuery(next: () => number): IncidentQuery {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const maybe = <T>(value: T): T | null => (next() < 0.5 ? value : null);
  const from = START + Math.floor(next() * INCIDENTS) * 3_600_000;
  const km = Math.floor(next() * 400);
  return {
    outcomes: OUTCOME_CLASSES.filter(() => next() < 0.3),
    category: maybe(pick(CATEGORIES)),
    finality: next() < 0.2 ? pick(FINALITY_STATUSES) : null,
    from: maybe(ts(iso(from))),
    to: maybe(ts(iso(from + Math.floor(next() * 100) * 3_600_000))),
    kmMin: maybe(km),
    kmMax: maybe(km + Math.floor(next() * 300)),
    needsMyAction: next() < 0.3,
    text: next() < 0.2 ? pick(['crossing', 'ACOUSTIC', 'INC-2026-0003', 'mortar', '%', 'no such words']) : null,
    sort: pick(INCIDENT_SORTS),
    offset: Math.floor(next() * 40),
    limit: 1 + Math.floor(next() * 60),
  };
}

describe('the queue over the derived tables', () => {
  it('lists every verified incident with the outcome its round gives, and where FRA stands in it', () => {
    expect(all).toHaveLength(INCIDENTS);
    const counts = (outcome: string) => all.filter((i) => i.outcome.outcome === outcome).length;
    expect(counts('decided')).toBe(INCIDENTS / 4);
    expect(counts('pending')).toBe((INCIDENTS * 3) / 4);
    expect(all.filter((i) => i.outcome.finding === 'violation' && i.outcome.attribution === 'EAST')).toHaveLength(INCIDENTS / 4);
    const steps = ['revealed', 'excluded', 'no-commitment', 'no-commitment'];
    for (const i of all) expect(i.myStanding, i.number).toEqual({ step: steps[made.get(i.number)! % 4], commitments: made.get(i.number)! % 4 === 0 ? 4 : made.get(i.number)! % 4 === 1 ? 2 : 0 });
    expect(headerCounts(store.db)).toEqual({ objects: store.db.prepare('SELECT count(*) FROM objects').pluck().get(), incidents: INCIDENTS, quarantined: 0 });
  });

  it.each(INCIDENT_SORTS)('sorts by %s and pages through the whole queue', (sort) => {
    const expected = [...all].sort(REFERENCE_ORDER[sort]).map((i) => i.id);
    const paged: string[] = [];
    for (let offset = 0; offset < INCIDENTS + 37; offset += 37) {
      const page = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, sort, offset, limit: 37 }, FRA);
      expect(page).toMatchObject({ offset, total: INCIDENTS, all: INCIDENTS });
      paged.push(...page.items.map((i) => i.id));
    }
    expect(paged).toEqual(expected);
  });

  it('filters, counts per filter value and pages as the same filters in plain code do (300 random queries)', () => {
    const next = random(9);
    for (let n = 0; n < 300; n++) {
      const query = randomQuery(next);
      const page = queryIncidents(store.db, query, FRA);
      const matching = referenceFilter(query).sort(REFERENCE_ORDER[query.sort]);
      const context = JSON.stringify(query);
      expect(page.total, context).toBe(matching.length);
      expect(
        page.items.map((i) => i.id),
        context,
      ).toEqual(matching.slice(query.offset, query.offset + query.limit).map((i) => i.id));
      const byOutcome = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, referenceFilter(query, 'outcomes').filter((i) => classOf(i) === c).length]));
      expect(page.counts.outcomes, context).toEqual(byOutcome);
      const byFinality = Object.fromEntries(FINALITY_STATUSES.map((f) => [f, referenceFilter(query, 'finality').filter((i) => i.finality.status === f).length]));
      expect(page.counts.finality, context).toEqual(byFinality);
      const byCategory = new Map<string, number>();
      for (const i of referenceFilter(query, 'category')) byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + 1);
      expect(Object.fromEntries(page.counts.categories.map((c) => [c.category, c.count])), context).toEqual(Object.fromEntries(byCategory));
      expect(page.counts.needsMyAction, context).toBe(referenceFilter({ ...query, needsMyAction: true }).length);
    }
  });

  it('finds nothing that needs the action of a workstation that acts for no delegation, for the producer, or for one not on the roster', () => {
    for (const member of [null, 'MISSION', 'NOBODY'] as (MemberId | null)[]) {
      const page = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, needsMyAction: true }, member);
      expect(page, String(member)).toMatchObject({ total: 0, items: [], counts: { needsMyAction: 0 } });
      expect(queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, limit: 5 }, member).items.map((i) => i.myStanding)).toEqual([null, null, null, null, null]);
    }
  });

  it('asks DEU for its commitment where nobody committed, and the chair to close the decided rounds', () => {
    const deu = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, needsMyAction: true, limit: 500 }, 'DEU' as MemberId);
    expect(deu.total).toBe(INCIDENTS / 2);
    expect(new Set(deu.items.map((i) => i.myStanding?.step))).toEqual(new Set(['no-commitment']));
    const chair = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, needsMyAction: true, limit: 500 }, 'CHAIR' as MemberId);
    expect(chair).toMatchObject({ total: INCIDENTS / 4, counts: { needsMyAction: INCIDENTS / 4 } });
    expect(chair.items.every((i) => i.myStanding?.step === 'close' && i.outcome.outcome === 'decided')).toBe(true);
    const waiting = queryIncidents(store.db, { ...DEFAULT_INCIDENT_QUERY, outcomes: ['pending'], limit: 500 }, 'CHAIR' as MemberId).items;
    expect(new Set(waiting.map((i) => i.myStanding?.step))).toEqual(new Set(['reveal-open', 'no-commitments']));
  });

  it('serves every sort and the common filters from indexes of the derived tables', () => {
    const plan = (sql: { sql: string; params: readonly unknown[] }) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql.sql}`).all(...sql.params) as { detail: string }[]).map((r) => r.detail).join('; ');
    const fra = actingOf(store.db, FRA);
    for (const sort of INCIDENT_SORTS) {
      const { page, total } = pageSql({ ...DEFAULT_INCIDENT_QUERY, sort }, fra);
      expect(plan(page), sort).toMatch(/(SCAN|SEARCH) s USING (COVERING )?INDEX incident_state_by_/);
      expect(plan(page), sort).not.toMatch(/TEMP B-TREE/);
      expect(plan(page), sort).toMatch(/SEARCH t USING PRIMARY KEY/);
      expect(plan(total), sort).toMatch(/USING (COVERING )?INDEX incident_state_by_/);
    }
    // The acting member's step: its own row of round_participants by primary key, never a scan.
    for (const acting of [fra, actingOf(store.db, 'CHAIR' as MemberId), actingOf(store.db, 'OBS' as MemberId)]) {
      const needs = pageSql({ ...DEFAULT_INCIDENT_QUERY, needsMyAction: true }, acting);
      const context = JSON.stringify(acting);
      expect(plan(needs.page), context).toMatch(/(SCAN|SEARCH) s USING INDEX incident_state_by_time/);
      expect(plan(needs.page), context).not.toMatch(/TEMP B-TREE|SCAN p|SCAN round_participants/);
      expect(plan(needs.total), context).toMatch(/USING (COVERING )?INDEX incident_state_by_/);
      if (acting?.role !== 'chair') expect(plan(needs.page), context).toMatch(/SEARCH p USING PRIMARY KEY \(member=\? AND incident=\? AND round=\?\)/);
    }
    expect(plan(pageSql({ ...DEFAULT_INCIDENT_QUERY, outcomes: ['violation'], sort: 'outcome' }, fra).page)).toMatch(/SEARCH s USING (COVERING )?INDEX incident_state_by_outcome/);
    expect(plan(pageSql({ ...DEFAULT_INCIDENT_QUERY, category: 'mortar-fire', sort: 'time-asc' }, fra).page)).toMatch(/INDEX incident_state_by_(category|time)/);
    expect(store.db.prepare(`EXPLAIN QUERY PLAN ${DUE_SQL}`).all(5)).toContainEqual(expect.objectContaining({ detail: expect.stringMatching(/USING (COVERING )?INDEX round_tallies_by_next_change/) }));
  });
});
