import { formatTimestamp } from '../../shared/objects/timestamp';
import type { QuarantineItem, QuarantinePage } from '../../shared/sync/peer-packs';
import type { ReadableDb, WritableDb } from './database';

interface Row {
  readonly id: number;
  readonly code: string;
  readonly reason: string;
  readonly objectId: string | null;
  readonly receivedAt: number;
  readonly bytesKept: number;
}

/** One page of the quarantine ordered by code (then arrival), with the count of every code: the desk's quarantine view. */
export function quarantinePage(db: ReadableDb, offset: number, limit: number): QuarantinePage {
  const codes = db.prepare('SELECT code, count(*) AS count FROM quarantine GROUP BY code ORDER BY code').all() as { code: string; count: number }[];
  const rows = db
    .prepare('SELECT id, code, reason, object_id AS objectId, received_at AS receivedAt, bytes IS NOT NULL AS bytesKept FROM quarantine ORDER BY code, id LIMIT ? OFFSET ?')
    .all(limit, offset) as Row[];
  const items: QuarantineItem[] = rows.map((row) => ({
    id: row.id,
    code: row.code,
    reason: row.reason,
    objectId: row.objectId,
    receivedAt: formatTimestamp(row.receivedAt),
    bytesKept: row.bytesKept === 1,
  }));
  return { total: codes.reduce((sum, c) => sum + c.count, 0), codes, offset, items };
}

/**
 * Empties the quarantine; returns how many rows it held. Nothing stored depends on it: a refused
 * object that arrives again is refused again, and recorded again.
 */
export function clearQuarantine(db: WritableDb): number {
  return db.prepare('DELETE FROM quarantine').run().changes;
}
