import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { readShippedLine } from '../../../main/demo/write-demo';
import { importPack } from '../../../main/store/import-pack';
import { rebuildStore } from '../../../main/store/rebuild';
import { openStore, type Store } from '../../../main/store/store';
import { createDemoCommission, type DemoCommission } from '../../../shared/demo/demo-commission';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { MemberId, ObjectId } from '../../../shared/objects/types';
import { derivedDump, removeTempDirs, tempDir, writePackTo, type PackEntry } from './fixtures/store-fixtures';

const RESOURCES = resolve(__dirname, '../../../resources');
// Before every reveal deadline and closing of the demo would not exercise finality; after them all it does.
const NOW = Date.parse('2026-12-15T00:00:00Z');

let demo: DemoCommission;
/** What travels together: the roster, an incident with its evidence chunks (a chunk never arrives before the incident that lists it), or one statement. */
let units: PackEntry[][];
let reference: Record<string, unknown[]>;
let fork: SignedObject<'commitment'>;
let forked: ObjectId;

/** The roster comes first, on its own: a pack that brings a roster derives every incident again, which would hide a missed one. */
async function importUnits(order: readonly PackEntry[][], cuts: readonly number[]): Promise<Store> {
  const store = openStore(tempDir(), { create: true });
  const dir = tempDir();
  await importPack(store, await writePackTo(dir, 'roster.pack', 'sync', [{ kind: 'roster', bytes: demo.roster.bytes }]), { now: NOW, roster: { source: 'demo roster', bytes: demo.roster.bytes } });
  const bounds = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < order.length).sort((a, b) => a - b), order.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const entries = order.slice(bounds[i], bounds[i + 1]).flat();
    const report = await importPack(store, await writePackTo(dir, `${i}.pack`, 'sync', entries), { now: NOW, roster: { source: 'demo roster', bytes: demo.roster.bytes } });
    expect(report.rejected).toBe(0);
  }
  return store;
}

beforeAll(async () => {
  const line = await readShippedLine(RESOURCES);
  demo = await createDemoCommission(line.vertices, line.sha256, nodeSha256);
  // A fork made on another incident: a second commitment with the seq of one of DEU's, in the round of the next incident.
  const original = demo.statements.find((s): s is SignedObject<'commitment'> => s.kind === 'commitment' && s.payload.author === 'DEU')!;
  const elsewhere = demo.incidents.find(({ incident }) => incident.id !== original.payload.incident)!.incident.id;
  fork = await signStatement({ ...original.payload, incident: elsewhere }, demo.keys.get('DEU' as MemberId)!, nodeSha256);
  forked = original.payload.incident;
  units = [
    ...demo.incidents.map(({ incident, chunks }) => [{ kind: 'incident' as const, bytes: incident.bytes }, ...chunks.map((c) => ({ kind: 'chunk' as const, bytes: c.bytes }))]),
    ...demo.statements.map((s) => [{ kind: s.kind, bytes: s.bytes }]),
    [{ kind: 'commitment', bytes: fork.bytes }],
  ];
  const store = await importUnits(units, []);
  reference = derivedDump(store.db);
  store.close();
}, 120_000);

afterAll(removeTempDirs);

describe('derived state: incremental imports equal a rebuild', () => {
  it('derives every outcome, final rounds, awaited members and the equivocations of the demo', () => {
    const tallies = reference['round_tallies']!.map((row) => JSON.parse(row as string) as { outcome: string; finality: string });
    expect(new Set(tallies.map((t) => t.outcome))).toEqual(new Set(['decided', 'no-consensus', 'disputed', 'pending']));
    expect(tallies.filter((t) => t.finality === 'final').length).toBeGreaterThanOrEqual(8);
    expect(reference['round_awaited']!.length).toBeGreaterThan(0);
    expect(reference['equivocations']!.some((row) => (row as string).includes('"member":"EST"'))).toBe(true);
    expect(reference['incident_state']).toHaveLength(demo.incidents.length);
    // The fork on another incident disputes DEU's ballot in the round it forked from.
    expect(reference['member_standings']).toContain(JSON.stringify({ incident: forked, round: 1, member: 'DEU', standing: 'disputed' }));
    expect(reference['equivocations']!.some((row) => (row as string).includes(fork.id) && (row as string).includes(`"incident":"${forked}"`))).toBe(true);
  });

  it('shows an incident whose round 1 the chair closed without a decision in round 2, empty, and one closed as decided in round 1', () => {
    const rows = (table: string) => reference[table]!.map((row) => JSON.parse(row as string) as Record<string, unknown>);
    const state = new Map(rows('incident_state').map((row) => [row['incident'], row]));
    const closedUndecided = rows('round_tallies').filter((t) => t['round'] === 1 && t['finality'] === 'final' && (t['outcome'] === 'no-consensus' || t['outcome'] === 'disputed'));
    expect(closedUndecided.length).toBeGreaterThanOrEqual(2);
    for (const { incident } of closedUndecided) {
      expect(state.get(incident)).toMatchObject({ current_round: 2, outcome_class: 'pending', finality: 'provisional', phase_open: 0, commitments: 0 });
      expect(rows('round_tallies').find((t) => t['incident'] === incident && t['round'] === 2)).toMatchObject({ outcome: 'pending', finality: 'provisional' });
    }
    const closedDecided = rows('round_tallies').filter((t) => t['round'] === 1 && t['finality'] === 'final' && t['outcome'] === 'decided');
    expect(closedDecided.length).toBeGreaterThan(0);
    for (const { incident } of closedDecided) expect(state.get(incident)).toMatchObject({ current_round: 1, finality: 'final' });
  });

  it('holds for imports in random orders and random splits into packs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.infiniteStream(fc.integer()), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 5 }), async (keys, cuts) => {
        const iterator = keys[Symbol.iterator]();
        const order = units
          .map((unit) => ({ unit, key: iterator.next().value as number }))
          .sort((a, b) => a.key - b.key)
          .map(({ unit }) => unit);
        const store = await importUnits(
          order,
          cuts.map((c) => c % order.length),
        );
        try {
          const incremental = derivedDump(store.db);
          expect(incremental).toEqual(reference);
          const report = await rebuildStore(store, { now: NOW });
          expect(report.problems).toEqual([]);
          expect(derivedDump(store.db)).toEqual(incremental);
        } finally {
          store.close();
        }
      }),
      { numRuns: 4, seed: 20261215 },
    );
  }, 300_000);

  it('derives again a round whose key forked on another incident when the fork arrives last, on its own', async () => {
    const withoutFork = units.slice(0, -1);
    const store = await importUnits([...withoutFork, units.at(-1)!], [withoutFork.length]);
    try {
      expect(derivedDump(store.db)).toEqual(reference);
    } finally {
      store.close();
    }
  }, 120_000);
});
