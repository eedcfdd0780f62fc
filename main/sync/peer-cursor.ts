import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { ReadableDb } from '../store/database';
import { PRIVATE_FILE_MODE } from '../store/private-files';
import type { Store } from '../store/store';

/**
 * What this store knows a peer holds, one cursor per peer, kept in `peer-cursors.json` beside the
 * database (it names the database's rows, so it lives and dies with it). After an exchange the
 * peer holds every object this store held up to a row, and the objects of the imports that came
 * from it since; what it lacks is everything else. This is the export cursor of "everything since
 * the last exchange with this peer": per peer, never a local import chosen by hand. It can only
 * err towards sending more: a cursor that no longer matches the database is ignored.
 */
export interface PeerCursor {
  readonly peer: string;
  /** The peer holds (or was sent) every object of this store up to this rowid. */
  readonly throughRowid: number;
  /**
   * How many objects had rowids up to `throughRowid` when recorded. A database whose rowids changed
   * since (a migration rebuilt the table, a backup restored) no longer has that many, and the
   * cursor is ignored.
   */
  readonly objectsThrough: number;
  /** Imports of this store, after `throughRowid`, that brought objects from this peer: it holds those. */
  readonly fromPeerImports: readonly number[];
  /** When the exchange ended (ms since the epoch). */
  readonly at: number;
  /** How: 'catch-up', 'pack', … (shown, never interpreted). */
  readonly via: string;
}

export interface LackedObject {
  readonly rowid: number;
  readonly id: string;
  readonly kind: PackObjectKind;
  readonly size: number;
}

/** The objects a peer lacks as far as this store knows, read in pages so that no statement stays open between them. */
export interface PeerLack {
  /** The cursor they were counted from; null when there is none (or it no longer matches): everything. */
  readonly cursor: PeerCursor | null;
  /** The last rowid considered: give it to recordExchange once they reached the peer. */
  readonly throughRowid: number;
  readonly count: number;
  pages(pageSize?: number): Generator<LackedObject[]>;
}

export const PEER_CURSOR_FILE = 'peer-cursors.json';
export const MAX_PEER_ID_LENGTH = 200;
/** Imports remembered per peer; beyond that the oldest are forgotten (their objects count as lacking: sent again, never lost). */
const MAX_FROM_PEER_IMPORTS = 256;

export class PeerCursorError extends Error {
  override readonly name = 'PeerCursorError';
}

export function peerCursorFile(store: Pick<Store, 'dir'>): string {
  return join(store.dir, PEER_CURSOR_FILE);
}

/** The peer's cursor if one is recorded and still matches this database; null otherwise. */
export function readPeerCursor(store: Pick<Store, 'dir' | 'db'>, peer: string): PeerCursor | null {
  const cursor = readCursors(store)[checkPeerId(peer)];
  if (!cursor) return null;
  const counted = store.db.prepare('SELECT count(*) FROM objects WHERE rowid <= ?').pluck().get(cursor.throughRowid) as number;
  return counted === cursor.objectsThrough ? cursor : null;
}

/** The last rowid of the objects now: every object stored so far is at or before it. */
export function currentThroughRowid(db: ReadableDb): number {
  return db.prepare('SELECT coalesce(max(rowid), 0) FROM objects').pluck().get() as number;
}

export interface ExchangeRecord {
  /** The peer holds every object up to this rowid (default: every object stored now). */
  readonly throughRowid?: number;
  /** Imports after `throughRowid` whose objects came from the peer (a catch-up's import of what it sent). */
  readonly fromPeerImports?: readonly number[];
  readonly at?: number;
  readonly via: string;
}

/** Records that an exchange with the peer completed: it now holds everything up to the row given. */
export function recordExchange(store: Pick<Store, 'dir' | 'db'>, peer: string, exchange: ExchangeRecord): PeerCursor {
  const id = checkPeerId(peer);
  const throughRowid = exchange.throughRowid ?? currentThroughRowid(store.db);
  const objectsThrough = store.db.prepare('SELECT count(*) FROM objects WHERE rowid <= ?').pluck().get(throughRowid) as number;
  const cursor: PeerCursor = {
    peer: id,
    throughRowid,
    objectsThrough,
    fromPeerImports: [...new Set(exchange.fromPeerImports ?? [])].slice(-MAX_FROM_PEER_IMPORTS),
    at: exchange.at ?? Date.now(),
    via: exchange.via,
  };
  writeCursors(store, { ...readCursors(store), [id]: cursor });
  return cursor;
}

/** Records that an import brought objects from the peer (a pack it sent): they no longer count as lacking. Nothing when the peer has no cursor. */
export function recordReceivedFrom(store: Pick<Store, 'dir' | 'db'>, peer: string, importId: number): void {
  const cursor = readPeerCursor(store, peer);
  if (!cursor || cursor.fromPeerImports.includes(importId)) return;
  writeCursors(store, { ...readCursors(store), [cursor.peer]: { ...cursor, fromPeerImports: [...cursor.fromPeerImports, importId].slice(-MAX_FROM_PEER_IMPORTS) } });
}

/** What the peer lacks: every object after its cursor not brought by an import from it, or every object when it has none. */
export function objectsPeerLacks(store: Pick<Store, 'dir' | 'db'>, peer: string): PeerLack {
  const cursor = readPeerCursor(store, peer);
  const throughRowid = currentThroughRowid(store.db);
  const after = cursor?.throughRowid ?? 0;
  const imports = JSON.stringify(cursor?.fromPeerImports ?? []);
  const where = 'rowid > ? AND rowid <= ? AND (import_id IS NULL OR import_id NOT IN (SELECT value FROM json_each(?)))';
  const count = store.db.prepare(`SELECT count(*) FROM objects WHERE ${where}`).pluck().get(after, throughRowid, imports) as number;
  const page = store.db.prepare(`SELECT rowid, id, kind, size FROM objects WHERE ${where} ORDER BY rowid LIMIT ?`);
  return {
    cursor,
    throughRowid,
    count,
    *pages(pageSize = 10_000) {
      let from = after;
      for (;;) {
        const rows = page.all(from, throughRowid, imports, pageSize) as LackedObject[];
        if (rows.length === 0) return;
        yield rows;
        from = rows.at(-1)!.rowid;
      }
    },
  };
}

/** How many objects the peer lacks as far as this store knows (what the sync panel shows waiting to go out). */
export function countObjectsPeerLacks(store: Pick<Store, 'dir' | 'db'>, peer: string): number {
  return objectsPeerLacks(store, peer).count;
}

function checkPeerId(peer: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (peer.length === 0 || peer.length > MAX_PEER_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(peer)) {
    throw new PeerCursorError(`peer ${JSON.stringify(peer.slice(0, 40))}: a peer is named by 1 to ${MAX_PEER_ID_LENGTH} printable characters`);
  }
  return peer;
}

type Cursors = Readonly<Record<string, PeerCursor>>;

/** The recorded cursors; a missing or damaged file is none (the next export for each peer then holds everything). */
function readCursors(store: Pick<Store, 'dir'>): Cursors {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(peerCursorFile(store), 'utf8'));
  } catch {
    return {};
  }
  if (!isRecord(value) || value['version'] !== 1 || !isRecord(value['peers'])) return {};
  return Object.fromEntries(Object.entries(value['peers']).filter((entry): entry is [string, PeerCursor] => isCursor(entry[0], entry[1])));
}

/** Written to a temporary file and renamed, so that a crash leaves the old cursors or the new ones. */
function writeCursors(store: Pick<Store, 'dir'>, peers: Cursors): void {
  const file = peerCursorFile(store);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, peers }, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
}

function isCursor(peer: string, value: unknown): value is PeerCursor {
  if (!isRecord(value) || value['peer'] !== peer) return false;
  const imports = value['fromPeerImports'];
  return isCount(value['throughRowid']) && isCount(value['objectsThrough']) && isCount(value['at']) && typeof value['via'] === 'string' && Array.isArray(imports) && imports.every(isCount);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
