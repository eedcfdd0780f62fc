import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { CommissionService } from '../../../main/services/commission-service';
import { StoreCommissionSource } from '../../../main/services/store-commission-source';
import type { WorkstationSettings } from '../../../main/services/workstation-settings';
import { openReadableDatabase, openWritableDatabase, type ReadableDb } from '../../../main/store/database';
import { DerivedStateWriter } from '../../../main/store/derived-state';
import { importPack } from '../../../main/store/import-pack';
import { queryIncidents } from '../../../main/store/incident-queries';
import { DATABASE_FILE, openStore, type Store } from '../../../main/store/store';
import { DEFAULT_INCIDENT_QUERY } from '../../../shared/commission/incident-list';
import { signRoster } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { ObjectId, Timestamp } from '../../../shared/objects/types';
import { keyring, LogWriter, member, rosterPayload, sha256, ts, type KeyName, type Keyring } from '../../vectors/commission';
import { bundleEntries, incidentBundle, removeTempDirs, roundEntries, sealedRound, signedEntry, tempDir, writePackTo, type Commission, type PackEntry } from '../store/fixtures/store-fixtures';

// A consensus roster with the silence procedure: FRA, DEU and POL commit and reveal a violation by
// EAST; ITA commits and never reveals. Under the phase's silence deadline T the round waits for
// ITA until T and is decided from the first instant after T, with nothing imported in between:
// the queue (derived state) must follow the clock as the detail (verified again) does.

const DEADLINE = ts('2026-11-25T12:00:00Z');
const T = Date.parse(DEADLINE);
const BEFORE = T - 86_400_000;
/** Long after every deadline, before the roster expires. */
const LONG_AFTER = Date.parse('2027-06-01T00:00:00Z');
const REVEALING: readonly { readonly member: string; readonly key: KeyName }[] = [
  { member: 'FRA', key: 'FRA-1' },
  { member: 'DEU', key: 'DEU' },
  { member: 'POL', key: 'POL' },
];
const SILENT = { member: 'ITA', key: 'ITA' } as const;
const ACTING_AS: WorkstationSettings = { actingAs: member('ITA'), keyFile: null, demo: false };

let keys: Keyring;
let roster: SignedObject<'roster'>;
/** The round with a silence deadline. */
let timed: ObjectId;
/** The same round, its phase without a silence deadline. */
let untimed: ObjectId;
let entries: PackEntry[];
/** A later incident with no round, brought by an import after T. */
let later: PackEntry[];

/** Every voting member commits; ITA never reveals. */
async function roundWithSilentMember(c: Commission, incident: ObjectId, silenceDeadline: Timestamp | undefined): Promise<PackEntry[]> {
  return roundEntries(await sealedRound(c, incident, REVEALING, { silent: [SILENT], phase: silenceDeadline === undefined ? {} : { silenceDeadline } }));
}

beforeAll(async () => {
  keys = await keyring();
  roster = await signRoster(rosterPayload(keys, { rule: { method: 'consensus', weighted: false, silenceProcedure: true } }), [keys.CHAIR, keys['FRA-1'], keys.DEU, keys.POL], sha256);
  const c: Commission = { keys, genesis: roster, v2: roster, log: new LogWriter(keys) };
  const first = await incidentBundle(c, 1);
  const second = await incidentBundle(c, 2);
  timed = first.incident.id;
  untimed = second.incident.id;
  entries = [signedEntry(roster), ...bundleEntries(first), ...bundleEntries(second), ...(await roundWithSilentMember(c, timed, DEADLINE)), ...(await roundWithSilentMember(c, untimed, undefined))];
  later = bundleEntries(await incidentBundle(c, 3));
}, 60_000);

afterAll(removeTempDirs);

afterEach(() => vi.restoreAllMocks());

async function importedStore(now: number): Promise<Store> {
  const store = openStore(tempDir(), { create: true });
  const report = await importPack(store, await writePackTo(tempDir(), 'commission.pack', 'sync', entries), { now, roster: { source: 'test roster', bytes: roster.bytes } });
  expect(report.rejected).toBe(0);
  return store;
}

interface Workstation {
  readonly service: CommissionService;
  readonly reader: ReadableDb;
  setClock(ms: number): void;
  close(): void;
}

/** The reader role's wiring (main/worker/store-roles.ts): a read-only connection, a refresher connection of its own, and a clock the test turns. */
function workstation(store: Store, start: number): Workstation {
  const file = join(store.dir, DATABASE_FILE);
  const reader = openReadableDatabase(file);
  const refresher = openWritableDatabase(file);
  let clock = start;
  const service = new CommissionService(new StoreCommissionSource(reader, () => ACTING_AS, refresher), nodeSha256, () => clock);
  return {
    service,
    reader,
    setClock: (ms) => (clock = ms),
    close: () => {
      reader.close();
      refresher.close();
    },
  };
}

interface Derived {
  readonly outcome: string;
  readonly finding: string | null;
  readonly attribution: string | null;
  readonly nextChangeAt: number | null;
  readonly awaited: string[];
  readonly standings: Record<string, string>;
}

function derived(db: ReadableDb, incident: ObjectId): Derived {
  const tally = db.prepare('SELECT outcome, finding, attribution, next_change_at AS nextChangeAt FROM round_tallies WHERE incident = ? AND round = 1').get(incident) as Omit<
    Derived,
    'awaited' | 'standings'
  >;
  const awaited = db.prepare('SELECT member FROM round_awaited WHERE incident = ? ORDER BY member').pluck().all(incident) as string[];
  const rows = db.prepare('SELECT member, standing FROM member_standings WHERE incident = ? AND round = 1').all(incident) as { member: string; standing: string }[];
  return { ...tally, awaited, standings: Object.fromEntries(rows.map((r) => [r.member, r.standing])) };
}

/**
 * What the workstation shows of an incident: its queue row, whether it needs ITA's action (ITA's
 * commitment is listed: its reveal is wanted until the chair closes the round, the silence deadline
 * notwithstanding), what the chair's queue would ask of the chair, and its detail verified again.
 */
async function shown(ws: Workstation, incident: ObjectId) {
  const page = await ws.service.listIncidents(DEFAULT_INCIDENT_QUERY);
  const mine = await ws.service.listIncidents({ ...DEFAULT_INCIDENT_QUERY, needsMyAction: true });
  const chair = queryIncidents(ws.reader, DEFAULT_INCIDENT_QUERY, member('CHAIR'));
  const detail = await ws.service.incident(incident);
  return {
    queued: page.items.find((i) => i.id === incident)!.outcome,
    needsMyAction: mine.items.some((i) => i.id === incident),
    step: page.items.find((i) => i.id === incident)!.myStanding?.step,
    chair: chair.items.find((i) => i.id === incident)!.myStanding?.step,
    detail: detail.tally.verdict,
    ita: detail.tally.members.find((m) => m.member === 'ITA')!.standing,
    storeMismatch: detail.storeMismatch,
  };
}

const AWAITED = { outcome: 'pending', finding: null, attribution: null, nextChangeAt: T + 1, awaited: ['ITA'] };
const DECIDED = { outcome: 'decided', finding: 'violation', attribution: 'EAST', nextChangeAt: null, awaited: [] };

describe('a silence deadline passing with no import', () => {
  let store: Store;
  let ws: Workstation;
  beforeAll(async () => {
    store = await importedStore(BEFORE);
    ws = workstation(store, BEFORE);
  }, 60_000);
  afterAll(() => {
    ws?.close();
    store?.close();
  });

  it('waits for the member who has not revealed before the deadline, in the queue and the detail', async () => {
    expect(derived(ws.reader, timed)).toMatchObject({ ...AWAITED, standings: { FRA: 'counted', DEU: 'counted', POL: 'counted', ITA: 'awaited' } });
    const before = await shown(ws, timed);
    expect(before).toEqual({
      queued: expect.objectContaining({ outcome: 'pending' }),
      needsMyAction: true,
      step: 'reveal',
      chair: 'reveal-open',
      detail: { outcome: 'pending' },
      ita: 'awaited',
      storeMismatch: null,
    });
    expect(before.queued.reason).toContain(`after the silence deadline ${DEADLINE}, silence counts as not objecting`);
  });

  it('still waits exactly at the deadline (silence counts only after it), and does not derive again', async () => {
    const derive = vi.spyOn(DerivedStateWriter.prototype, 'deriveIncident');
    ws.setClock(T);
    expect(await shown(ws, timed)).toMatchObject({ queued: { outcome: 'pending' }, needsMyAction: true, chair: 'reveal-open', detail: { outcome: 'pending' }, ita: 'awaited', storeMismatch: null });
    expect(derived(ws.reader, timed)).toMatchObject(AWAITED);
    expect(derive).not.toHaveBeenCalled();
  });

  it('counts the silent member as not objecting from the first instant after the deadline: the queue follows the clock', async () => {
    const derive = vi.spyOn(DerivedStateWriter.prototype, 'deriveIncident');
    ws.setClock(T + 1);
    const after = await shown(ws, timed);
    expect(after).toEqual({
      queued: expect.objectContaining({ outcome: 'decided', finding: 'violation', attribution: 'EAST' }),
      needsMyAction: true,
      step: 'reveal',
      chair: 'close',
      detail: { outcome: 'decided', finding: 'violation', attribution: 'EAST' },
      ita: 'silent-no-objection',
      storeMismatch: null,
    });
    expect(derived(ws.reader, timed)).toMatchObject({ ...DECIDED, standings: { FRA: 'counted', DEU: 'counted', POL: 'counted', ITA: 'silent-no-objection' } });
    // Only the due incident was derived again, once; the untimed one was left alone.
    expect(derive.mock.calls.map(([id]) => id)).toEqual([timed]);
  });

  it('derives nothing again on later reads', async () => {
    const derive = vi.spyOn(DerivedStateWriter.prototype, 'deriveIncident');
    ws.setClock(T + 60_000);
    expect(await shown(ws, timed)).toMatchObject({ queued: { outcome: 'decided' }, needsMyAction: true, chair: 'close', ita: 'silent-no-objection', storeMismatch: null });
    ws.setClock(LONG_AFTER);
    await ws.service.listIncidents(DEFAULT_INCIDENT_QUERY);
    expect(derive).not.toHaveBeenCalled();
    expect(derived(ws.reader, timed)).toMatchObject(DECIDED);
  });
});

describe('a silence deadline passing before or between imports', () => {
  it('an import after the deadline derives the decided round directly', async () => {
    const store = await importedStore(T + 1);
    try {
      expect(derived(store.db, timed)).toMatchObject({ ...DECIDED, standings: { ITA: 'silent-no-objection' } });
      const ws = workstation(store, T + 1);
      const derive = vi.spyOn(DerivedStateWriter.prototype, 'deriveIncident');
      expect(await shown(ws, timed)).toMatchObject({ queued: { outcome: 'decided' }, needsMyAction: true, chair: 'close', ita: 'silent-no-objection', storeMismatch: null });
      expect(derive).not.toHaveBeenCalled();
      ws.close();
    } finally {
      store.close();
    }
  });

  it('an unrelated import after the deadline derives the due round again, with no read in between', async () => {
    const store = await importedStore(BEFORE);
    try {
      expect(derived(store.db, timed)).toMatchObject(AWAITED);
      const report = await importPack(store, await writePackTo(tempDir(), 'later.pack', 'sync', later), { now: T + 1 });
      expect(report).toMatchObject({ added: later.length, rejected: 0 });
      expect(derived(store.db, timed)).toMatchObject(DECIDED);
    } finally {
      store.close();
    }
  });
});

describe('a phase without a silence deadline under the same rule', () => {
  it('never changes with time: pending and awaiting the member before, at and long after the other round’s deadline', async () => {
    const store = await importedStore(BEFORE);
    const ws = workstation(store, BEFORE);
    try {
      const waiting = { outcome: 'pending', nextChangeAt: null, awaited: ['ITA'], standings: { ITA: 'awaited' } };
      expect(derived(ws.reader, untimed)).toMatchObject(waiting);
      for (const clock of [BEFORE, T, T + 1, LONG_AFTER]) {
        ws.setClock(clock);
        const now = await shown(ws, untimed);
        expect(now, new Date(clock).toISOString()).toMatchObject({
          queued: { outcome: 'pending' },
          needsMyAction: true,
          chair: 'reveal-open',
          detail: { outcome: 'pending' },
          ita: 'awaited',
          storeMismatch: null,
        });
        expect(now.queued.reason).toContain('the phase sets no silence deadline');
        expect(derived(ws.reader, untimed)).toMatchObject(waiting);
      }
      const importedLate = await importedStore(LONG_AFTER);
      expect(derived(importedLate.db, untimed)).toMatchObject(waiting);
      importedLate.close();
    } finally {
      ws.close();
      store.close();
    }
  });
});
