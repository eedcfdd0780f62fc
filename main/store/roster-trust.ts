import type { Result } from '../../shared/encoding/result';
import type { Issue } from '../../shared/objects/issues';
import type { ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../crypto/node-sha256';
import type { ReadableDb, WritableDb } from './database';

export interface PinnedRoster {
  readonly id: ObjectId;
  readonly bytes: Uint8Array;
  readonly pinnedAt: number;
}

/** The roster this store trusts, pinned on its first import; undefined for a new store. */
export function pinnedRoster(db: ReadableDb): PinnedRoster | undefined {
  const row = db.prepare('SELECT trust.roster AS id, objects.body AS body, trust.pinned_at AS pinnedAt FROM trust JOIN objects ON objects.id = trust.roster').get() as
    | { id: ObjectId; body: Buffer; pinnedAt: number }
    | undefined;
  return row && { id: row.id, bytes: new Uint8Array(row.body), pinnedAt: row.pinnedAt };
}

/** Records the trust anchor; its object row must be written first, in the same transaction. */
export function pinRoster(db: WritableDb, id: ObjectId, at: number): void {
  db.prepare('INSERT INTO trust (singleton, roster, pinned_at) VALUES (1, ?, ?)').run(id, at);
}

export function storedRosterBytes(db: ReadableDb): Uint8Array[] {
  return (db.prepare("SELECT body FROM objects WHERE kind = 'roster'").pluck().all() as Buffer[]).map((body) => new Uint8Array(body));
}

/**
 * The chain from the pinned roster through every stored roster and the `candidates` (rosters a
 * pack or the user brings). Statements are verified against its current roster.
 */
export function storeRosterChain(db: ReadableDb, pinned: Uint8Array, candidates: readonly Uint8Array[], now: number): Promise<Result<RosterChain, Issue>> {
  return verifyRosterChain({ trusted: pinned, candidates: [...storedRosterBytes(db), ...candidates], now, sha256: nodeSha256 });
}
