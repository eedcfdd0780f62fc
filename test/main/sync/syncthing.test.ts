import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDraft, type AssessmentDraft } from '../../../shared/assessment/draft';
import { DEMO_PASSPHRASE } from '../../../shared/demo/demo-commission';
import type { IncidentCategory, MemberId, ObjectId } from '../../../shared/objects/types';
import type { SyncTargetStatus } from '../../../shared/sync/sync-status';
import { openReadableDatabase, type ReadableDb } from '../../../main/store/database';
import { openReaderRole, openWriterRole, type OpenedRole, type ReaderServices, type WriterServices } from '../../../main/worker/store-roles';
import { removeTempDirs, tempDir } from '../store/fixtures/store-fixtures';
import { startSyncthingPair, syncthingVersion, until, type SyncthingInstance } from './syncthing-harness';

// Two workstations of the demo commission, each with its own store and its own real Syncthing,
// sharing one folder over loopback: what one signs reaches the other's store, verified.

const RESOURCES = resolve(__dirname, '../../../resources');
const ROUND = 1;
const version = await syncthingVersion();

interface Workstation {
  readonly dataDir: string;
  readonly folder: string;
  readonly writer: OpenedRole<WriterServices>;
  readonly reader: OpenedRole<ReaderServices>;
  readonly db: ReadableDb;
}

let a: Workstation;
let b: Workstation;
let syncthing: SyncthingInstance[] = [];

async function workstation(name: string): Promise<Workstation> {
  const dataDir = tempDir(`truceline-syncthing-${name}-`);
  const folder = join(tempDir(`truceline-shared-${name}-`), 'Commission');
  mkdirSync(folder);
  const writer = await openWriterRole(
    { dataDir, resourcesDir: RESOURCES },
    () => undefined,
    () => undefined,
  );
  const reader = openReaderRole({ dataDir, resourcesDir: RESOURCES });
  const db = openReadableDatabase(join(dataDir, 'store', 'store.db'));
  return { dataDir, folder, writer, reader, db };
}

describe.runIf(version !== undefined)(`two workstations through two real Syncthing instances (${version ?? 'syncthing is not installed'})`, () => {
  beforeAll(async () => {
    [a, b] = await Promise.all([workstation('a'), workstation('b')]);
    syncthing = await startSyncthingPair(tempDir('truceline-syncthing-homes-'), [a.folder, b.folder]);
    await a.writer.services.sharedFolder.attach(a.folder);
    await b.writer.services.sharedFolder.attach(b.folder);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(syncthing.map((instance) => instance.stop()));
    for (const w of [a, b]) {
      if (!w) continue;
      await w.writer.services.sharedFolder.close();
      w.db.close();
      w.reader.close();
      w.writer.close();
    }
    removeTempDirs();
  });

  /** An incident of the demo that no delegation has committed to yet. */
  async function freshIncident(reader: OpenedRole<ReaderServices>): Promise<ObjectId> {
    for (const summary of await reader.services.commission.incidents()) {
      const detail = await reader.services.commission.incident(summary.id);
      const untouched = detail.tally.members.every((m) => m.standing === 'recused' || m.standing === 'observer' || (m.standing === 'awaited' && m.reason.includes('nothing')));
      if (untouched && detail.participation?.phase === null) return summary.id;
    }
    throw new Error('the demo has no incident without commitments');
  }

  async function seal(w: Workstation, member: string, incident: ObjectId): Promise<ObjectId> {
    const { rounds } = w.writer.services;
    await rounds.switchDelegation(member as MemberId);
    await rounds.unlockKey(DEMO_PASSPHRASE);
    const draft: AssessmentDraft = {
      ...emptyDraft(incident, ROUND),
      finding: 'violation',
      attribution: 'RUS' as MemberId,
      confidence: 80,
      categories: ['artillery-fire' as IncidentCategory],
      rationale: 'Radar and acoustic tracks agree.',
    };
    expect((await rounds.saveDraft(draft)).problems).toEqual([]);
    return (await rounds.commitAssessment(incident, ROUND)).id;
  }

  function folderTarget(w: Workstation): SyncTargetStatus {
    return w.writer.services.sync.overview().targets.find((t) => t.kind === 'shared-folder')!;
  }

  const stored = (w: Workstation, id: string) => w.db.prepare('SELECT kind FROM objects WHERE id = ?').pluck().get(id) as string | undefined;

  it('a commitment sealed on one appears, verified, in the other’s store and on its screen; and back the other way', async () => {
    const incident = await freshIncident(a.reader);
    const fromA = await seal(a, 'FRA', incident);
    await until(() => stored(b, fromA) === 'commitment', 'the commitment sealed on A to reach B’s store', 45_000, syncthing);
    expect(b.db.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(0);
    // B acts for France too (the demo's default): its screen shows France's commitment, sealed elsewhere.
    await b.writer.services.rounds.switchDelegation('FRA' as MemberId);
    const seen = (await b.reader.services.commission.incident(incident)).participation!;
    expect(seen.commitments).toEqual([expect.objectContaining({ id: fromA, sealedHere: false })]);

    const fromB = await seal(b, 'DEU', incident);
    await until(() => stored(a, fromB) === 'commitment', 'the commitment sealed on B to reach A’s store', 45_000, syncthing);
    expect(a.db.prepare('SELECT count(*) FROM quarantine').pluck().get()).toBe(0);

    await until(() => folderTarget(b).received >= 1 && folderTarget(a).received >= 1, 'both targets to count what they received', 10_000);
    for (const w of [a, b]) expect(folderTarget(w)).toMatchObject({ label: 'Commission', quarantined: 0, error: null });
    // Both Syncthing instances agree the folder is in sync.
    for (const instance of syncthing) {
      await until(
        async () => (await instance.rest<{ needFiles: number; state: string }>(`/rest/db/status?folder=truceline-objects-test`)).needFiles === 0,
        `syncthing ${instance.name} to need nothing`,
        30_000,
        syncthing,
      );
    }
  }, 120_000);
});
