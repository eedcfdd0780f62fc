import type { ObjectId } from '../../shared/objects/types';
import type { ReadableDb, WritableDb } from './database';

export interface PinnedRoster {
  readonly id: ObjectId;
  readonly bytes: Uint8Array;
  readonly pinnedAt: number;
}

/** The roster this store trusts, pinned on its first import; undefined for a new store. */
export function pinnedRoster(db: ReadableDb): PinnedRoster | undefined {
  const row = db.prepare('SELECT trust.roster AS id, objects.body AS body, trust.pinned_at AS pinnedAt FROM trust JOIN objects ON objects.id = trust.roster').get() as
    { id: ObjectId; body: Buffer; pinnedAt: number } | undefined;
  return row && { id: row.id, bytes: new Uint8Array(row.body), pinnedAt: row.pinnedAt };
}

/** Records the trust anchor; its object row must be written first, in the same transaction. */
export function pinRoster(db: WritableDb, id: ObjectId, at: number): void {
  db.prepare('INSERT INTO trust (singleton, roster, pinned_at) VALUES (1, ?, ?)').run(id, at);
}
