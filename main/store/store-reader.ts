import type { ObjectId } from '../../shared/objects/types';
import type { ReadableDb } from './database';

export interface StoreCounts {
  readonly objects: number;
  readonly incidents: number;
  readonly quarantined: number;
}

const bodies = (rows: unknown[]): Uint8Array[] => (rows as Buffer[]).map((body) => new Uint8Array(body));

/**
 * The SQL of the store's shared reads. Statements by key and seq are read through
 * `statements_by_key_seq`: a key's fork shows only beside its statement with the same seq, or the
 * one before or after it, wherever that statement was made. `statements` and `round_objects` hold
 * their hashes as 32-byte blobs (migration 0060): ids go in through `unhex` and come out as lowercase hex.
 */
export const READER_SQL = {
  bodiesOfKind: 'SELECT body FROM objects WHERE kind = ? ORDER BY id',
  // Seq s − 1, s and s + 1 of each key that signed an object of the incident's rounds: same-seq and
  // broken-chain forks made on any other incident or round are among them.
  roundBodiesAndKeyNeighbours: `SELECT objects.body FROM objects WHERE objects.id IN (
      SELECT lower(hex(neighbour.id)) FROM round_objects
      JOIN statements AS own ON own.id = round_objects.object
      JOIN statements AS neighbour ON neighbour.keyid = own.keyid AND neighbour.seq BETWEEN own.seq - 1 AND own.seq + 1
      WHERE round_objects.incident = unhex(?)
    ) ORDER BY objects.id`,
  // The same objects' ids, in no order: the derived state reads only the bodies it has not decoded yet.
  roundIdsAndKeyNeighbours: `SELECT DISTINCT lower(hex(neighbour.id)) FROM round_objects
      JOIN statements AS own ON own.id = round_objects.object
      JOIN statements AS neighbour ON neighbour.keyid = own.keyid AND neighbour.seq BETWEEN own.seq - 1 AND own.seq + 1
      WHERE round_objects.incident = unhex(?)`,
  signedBody: "SELECT body FROM objects WHERE id = ? AND kind <> 'chunk'",
  // The stored statements that form a same-seq or broken-chain pair with one of the given statements (a JSON array of ids).
  forkWitnesses: `SELECT DISTINCT lower(hex(other.id)) AS witness FROM json_each(?) AS given
      JOIN statements AS own ON own.id = unhex(given.value)
      JOIN statements AS other ON other.keyid = own.keyid AND other.seq BETWEEN own.seq - 1 AND own.seq + 1
      WHERE other.id <> own.id
        AND (other.seq = own.seq OR (other.seq = own.seq + 1 AND other.prev IS NOT own.id) OR (other.seq = own.seq - 1 AND own.prev IS NOT other.id))
      ORDER BY witness`,
  // The signed objects among the given ids (a JSON array): chunks are never statements.
  statementBodies: "SELECT objects.body FROM json_each(?) AS given JOIN objects ON objects.id = given.value WHERE objects.kind <> 'chunk' ORDER BY objects.id",
  chunkPresent: "SELECT 1 FROM objects WHERE id = ? AND kind = 'chunk'",
  counts: "SELECT (SELECT count(*) FROM objects) AS objects, (SELECT count(*) FROM objects WHERE kind = 'incident') AS incidents, (SELECT count(*) FROM quarantine) AS quarantined",
} as const;

function prepareQueries(db: ReadableDb) {
  return {
    bodiesOfKind: db.prepare(READER_SQL.bodiesOfKind).pluck(),
    roundBodiesAndKeyNeighbours: db.prepare(READER_SQL.roundBodiesAndKeyNeighbours).pluck(),
    roundIdsAndKeyNeighbours: db.prepare(READER_SQL.roundIdsAndKeyNeighbours).pluck(),
    signedBody: db.prepare(READER_SQL.signedBody).pluck(),
    forkWitnesses: db.prepare(READER_SQL.forkWitnesses).pluck(),
    statementBodies: db.prepare(READER_SQL.statementBodies).pluck(),
    chunkPresent: db.prepare(READER_SQL.chunkPresent).pluck(),
    counts: db.prepare(READER_SQL.counts),
  };
}

/** Exact stored bytes and the derived rows that locate them; it never writes. */
export class StoreReader {
  private readonly sql: ReturnType<typeof prepareQueries>;

  constructor(readonly db: ReadableDb) {
    this.sql = prepareQueries(db);
  }

  bodiesOfKind(kind: 'roster' | 'incident'): Uint8Array[] {
    return bodies(this.sql.bodiesOfKind.all(kind));
  }

  /**
   * Every commitment, phase and assessment of the incident (all rounds), and every statement of
   * the keys that signed them with seq s − 1, s or s + 1 of one of theirs: what the round
   * resolution needs to see a fork of those keys made on another incident or round. In id order.
   */
  roundObjectsWithKeyNeighbours(incident: ObjectId): Uint8Array[] {
    return bodies(this.sql.roundBodiesAndKeyNeighbours.all(incident));
  }

  /** The ids of roundObjectsWithKeyNeighbours, in no order. */
  roundObjectIdsWithKeyNeighbours(incident: ObjectId): ObjectId[] {
    return this.sql.roundIdsAndKeyNeighbours.all(incident) as ObjectId[];
  }

  /** The stored bytes of one signed object; undefined for a chunk or an object not stored. */
  signedBody(id: string): Uint8Array | undefined {
    const body = this.sql.signedBody.get(id) as Buffer | undefined;
    return body === undefined ? undefined : new Uint8Array(body);
  }

  /**
   * The stored statements that show a fork of a key together with one of the given statements:
   * another with the same key and seq, the key's statement with the next seq whose prev is not the
   * given one, or the one with the previous seq that the given one's prev does not name. In id
   * order; given ids that are not stored statements are skipped.
   */
  forkWitnesses(statements: readonly string[]): ObjectId[] {
    if (statements.length === 0) return [];
    return this.sql.forkWitnesses.all(JSON.stringify(statements)) as ObjectId[];
  }

  /** The stored bytes of the signed objects among `ids`, in id order; ids not stored are skipped. */
  statementBodies(ids: readonly string[]): Uint8Array[] {
    return ids.length === 0 ? [] : bodies(this.sql.statementBodies.all(JSON.stringify(ids)));
  }

  chunkPresent(sha256: string): boolean {
    return this.sql.chunkPresent.get(sha256) !== undefined;
  }

  counts(): StoreCounts {
    return this.sql.counts.get() as StoreCounts;
  }
}
