import { checkOfId, keyOfId, nodeIdRange, TotalsAccumulator } from '../../shared/sync/id-keys';
import { KeyedIdSnapshot, SortedKeys } from '../../shared/sync/id-snapshot';
import type { ReadableDb } from '../store/database';

/** The ids of a store's objects up to a row: what a catch-up reconciles, unchanged by imports that run meanwhile. */
export interface StoreIdSnapshot extends KeyedIdSnapshot {
  /** The objects' last rowid when the snapshot was taken: rows after it arrived later and are not part of it. */
  readonly throughRowid: number;
}

/**
 * Reads every object id once, in id order from the index on `objects.id`, into sorted keys and
 * their prefix sums (26 bytes an object); ids themselves are looked up again by range when needed.
 * Objects are never deleted and rowids only grow, so `rowid <= throughRowid` is the same set of
 * objects throughout.
 */
export function snapshotStoreIds(db: ReadableDb): StoreIdSnapshot {
  const throughRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM objects').pluck().get() as number;
  let keys = new Float64Array(1024);
  let checks = new Uint16Array(1024);
  let count = 0;
  const totals = new TotalsAccumulator();
  for (const id of db.prepare('SELECT id FROM objects WHERE rowid <= ? ORDER BY id').pluck().iterate(throughRowid) as IterableIterator<string>) {
    if (count === keys.length) {
      keys = grown(keys, new Float64Array(2 * count));
      checks = grown(checks, new Uint16Array(2 * count));
    }
    keys[count] = keyOfId(id);
    checks[count++] = checkOfId(id);
    totals.add(id);
  }
  const idsUnder = db.prepare('SELECT id FROM objects WHERE id >= ? AND id < ? AND rowid <= ? ORDER BY id LIMIT ?').pluck();
  const snapshot = new KeyedIdSnapshot(new SortedKeys(keys.subarray(0, count), checks.subarray(0, count)), totals.totals(), (node, limit) => {
    const range = nodeIdRange(node);
    return idsUnder.all(range.from, range.to, throughRowid, limit) as string[];
  });
  return Object.assign(snapshot, { throughRowid });
}

function grown<T extends Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
