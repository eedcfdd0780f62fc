import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ready } from '../../shared/crypto/sodium';
import type { ObjectId } from '../../shared/objects/types';
import { PACK_OBJECT_KINDS, type PackObjectKind } from '../../shared/pack/pack-index';
import type { ReadableDb } from './database';
import type { QuarantineCode } from './quarantine';
import { pinnedRoster } from './roster-trust';
import { trustedRosterChain } from './trusted-rosters';
import { DATABASE_FILE, type Store } from './store';

export interface StoreStatus {
  readonly dir: string;
  readonly objects: Readonly<Record<PackObjectKind, { readonly count: number; readonly bytes: number }>>;
  readonly incidents: number;
  readonly detectionCells: number;
  readonly imports: { readonly count: number; readonly last: ImportSummary | undefined };
  readonly quarantine: { readonly count: number; readonly byCode: Readonly<Partial<Record<QuarantineCode, number>>> };
  readonly roster:
    | {
        readonly pinned: ObjectId;
        readonly current: { readonly id: ObjectId; readonly version: number; readonly expires: string; readonly status: 'current' | 'expired' };
        readonly problem?: undefined;
      }
    | { readonly pinned: ObjectId; readonly current?: undefined; readonly problem: string }
    | undefined;
  /** store.db with its WAL and shared-memory files. */
  readonly databaseBytes: number;
  /** Bytes of the chunks the store holds (as recorded; `store rebuild` checks them on disk). */
  readonly chunkBytes: number;
}

export interface ImportSummary {
  readonly id: number;
  readonly source: string;
  readonly packKind: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
}

export async function storeStatus(store: Store, now = Date.now()): Promise<StoreStatus> {
  const db: ReadableDb = store.db;
  const objects = Object.fromEntries(PACK_OBJECT_KINDS.map((kind) => [kind, { count: 0, bytes: 0 }])) as Record<PackObjectKind, { count: number; bytes: number }>;
  for (const row of db.prepare('SELECT kind, count(*) AS count, coalesce(sum(size), 0) AS bytes FROM objects GROUP BY kind').all() as { kind: PackObjectKind; count: number; bytes: number }[]) {
    objects[row.kind] = { count: row.count, bytes: row.bytes };
  }
  const byCode = Object.fromEntries(db.prepare('SELECT code, count(*) FROM quarantine GROUP BY code').raw().all() as [QuarantineCode, number][]);
  const last = db
    .prepare(
      'SELECT id, source, pack_kind AS packKind, started_at AS startedAt, finished_at AS finishedAt, objects_added AS added, objects_present AS present, objects_rejected AS rejected FROM imports ORDER BY id DESC LIMIT 1',
    )
    .get() as ImportSummary | undefined;
  return {
    dir: store.dir,
    objects,
    incidents: db.prepare('SELECT count(*) FROM incidents').pluck().get() as number,
    detectionCells: db.prepare('SELECT count(*) FROM detection_cells').pluck().get() as number,
    imports: { count: db.prepare('SELECT count(*) FROM imports').pluck().get() as number, last },
    quarantine: { count: Object.values(byCode).reduce((sum, n) => sum + n, 0), byCode },
    roster: await rosterStatus(db, now),
    databaseBytes: ['', '-wal', '-shm'].reduce((sum, suffix) => sum + fileSize(join(store.dir, `${DATABASE_FILE}${suffix}`)), 0),
    chunkBytes: objects.chunk.bytes,
  };
}

async function rosterStatus(db: ReadableDb, now: number): Promise<StoreStatus['roster']> {
  const pinned = pinnedRoster(db);
  if (!pinned) return undefined;
  await ready();
  const chain = await trustedRosterChain(db, now);
  if (!chain) return undefined;
  if (!chain.ok) return { pinned: pinned.id, problem: chain.error.message };
  const { current, status } = chain.value;
  return { pinned: pinned.id, current: { id: current.id, version: current.version, expires: current.payload.expires, status } };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
