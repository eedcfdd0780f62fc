import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { headers } from '@nats-io/transport-node';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import { HUB_HEADERS } from '../../shared/sync/hub';
import type { ReadableDb } from '../store/database';
import type { ChunkStore } from '../store/chunk-store';
import type { HubLink } from './hub-link';
import type { HubCursor } from './hub-settings';

/** Signed objects read from the store and published at once, acknowledged together before the cursor moves. */
const PUBLISH_BATCH = 128;

interface Row {
  readonly rowid: number;
  readonly id: string;
  readonly kind: PackObjectKind;
  readonly size: number;
  readonly fromHub: 0 | 1;
}

export interface OutboxRound {
  readonly signed: number;
  readonly chunks: number;
  /** What kept chunks back (the hub's object store unreachable from a cut-off site), or null. */
  readonly chunkError: string | null;
}

/**
 * What this workstation publishes to the hub: every object of its store that did not come from the
 * hub, in the order it was stored (by rowid), each acknowledged by the hub before the cursor passes
 * it. Signed objects go first and chunks after, up to the same snapshot, so that a chunk is announced
 * only after the incident that lists it: a receiver keeps a chunk only when it holds that incident.
 * Reads through a read-only connection, which never sees an import's uncommitted rows.
 */
export class HubOutbox {
  private readonly rowsAfter;
  private readonly maxRowid;
  private readonly body;
  private readonly waitingSigned;
  private readonly waitingChunks;

  constructor(
    db: ReadableDb,
    private readonly chunkStore: ChunkStore,
    /** Imports whose source starts with this came from the hub: not sent back. */
    hubIncomingPrefix: string,
    private cursor: HubCursor,
    private readonly saveCursor: (cursor: HubCursor) => Promise<void>,
  ) {
    const fromHub = `(substr(i.source, 1, ${hubIncomingPrefix.length}) = ${sqlString(hubIncomingPrefix)})`;
    this.rowsAfter = db.prepare(
      `SELECT o.rowid AS rowid, o.id AS id, o.kind AS kind, o.size AS size, ${fromHub} AS fromHub FROM objects o LEFT JOIN imports i ON i.id = o.import_id
       WHERE o.rowid > ? AND o.rowid <= ? AND (o.kind = 'chunk') = ? ORDER BY o.rowid LIMIT ?`,
    );
    this.maxRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM objects').pluck();
    this.body = db.prepare('SELECT body FROM objects WHERE rowid = ?').pluck();
    const waiting = (chunk: boolean) =>
      db.prepare(`SELECT count(*) FROM objects o LEFT JOIN imports i ON i.id = o.import_id WHERE o.rowid > ? AND (o.kind = 'chunk') = ${chunk ? 1 : 0} AND NOT coalesce(${fromHub}, 0)`).pluck();
    this.waitingSigned = waiting(false);
    this.waitingChunks = waiting(true);
  }

  /** Objects this workstation holds that it has not published yet. */
  waiting(): number {
    return (this.waitingSigned.get(this.cursor.signedThrough) as number) + (this.waitingChunks.get(this.cursor.chunksThrough) as number);
  }

  /** Publishes everything stored up to now; throws when signed objects cannot be published (chunks that cannot wait for the next round). */
  async publishAll(link: HubLink): Promise<OutboxRound> {
    const upTo = this.maxRowid.get() as number;
    let signed = 0;
    for (;;) {
      const rows = this.rowsAfter.all(this.cursor.signedThrough, upTo, 0, PUBLISH_BATCH) as Row[];
      if (rows.length === 0) break;
      signed += await this.publishSigned(link, rows);
      await this.advance({ ...this.cursor, signedThrough: rows[rows.length - 1]!.rowid });
    }
    let chunks = 0;
    const damaged: string[] = [];
    try {
      for (;;) {
        const rows = this.rowsAfter.all(this.cursor.chunksThrough, upTo, 1, PUBLISH_BATCH) as Row[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const outcome = row.fromHub ? 'skipped' : await this.publishChunk(link, row);
          if (outcome === 'published') chunks += 1;
          if (outcome === 'damaged') damaged.push(row.id.slice(0, 16));
          await this.advance({ ...this.cursor, chunksThrough: row.rowid });
        }
      }
    } catch (error) {
      if (link.isClosed) throw error;
      return { signed, chunks, chunkError: `chunks wait: ${messageOf(error)}` };
    }
    const chunkError = damaged.length > 0 ? `chunk(s) ${damaged.join(', ')} not sent: their files here do not hash to their names; run Audit this store` : null;
    return { signed, chunks, chunkError };
  }

  private async publishSigned(link: HubLink, rows: readonly Row[]): Promise<number> {
    const js = link.publisher;
    const outgoing = rows.filter((row) => !row.fromHub).map((row) => ({ row, bytes: new Uint8Array(this.body.get(row.rowid) as Buffer) }));
    const acks = await Promise.all(outgoing.map(({ row, bytes }) => js.publish(link.subject(row.kind), bytes, { msgID: row.id, headers: fromHeaders(link.workstation) })));
    // The server de-duplicates by message id: someone who learnt an id first could have published other bytes under it, and the
    // genuine object would then be dropped. When the hub calls a publish a duplicate, its stored bytes are compared, and on a
    // difference the object goes again under its id and a random suffix no one can have taken.
    for (const [i, ack] of acks.entries()) {
      if (!ack.duplicate) continue;
      const { row, bytes } = outgoing[i]!;
      const stored = await link.storedAt(ack.stream, ack.seq);
      if (stored === undefined || Buffer.compare(Buffer.from(stored.data), Buffer.from(bytes)) !== 0) {
        await js.publish(link.subject(row.kind), bytes, { msgID: `${row.id}.${randomBytes(8).toString('hex')}`, headers: fromHeaders(link.workstation) });
      }
    }
    return outgoing.length;
  }

  /** Puts the chunk into the hub's bucket (unless it is there whole already), then announces it on the stream. */
  private async publishChunk(link: HubLink, row: Row): Promise<'published' | 'missing' | 'damaged'> {
    const path = this.chunkStore.pathOf(row.id);
    if ((await this.chunkStore.sizeOf(row.id)) !== row.size) return 'missing';
    const bucket = await link.chunks();
    const present = await bucket.info(row.id);
    if (!present || present.deleted || present.size !== row.size || digestHex(present.digest) !== row.id) {
      const info = await bucket.put({ name: row.id }, Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array> as never);
      // A chunk damaged on this disk is never offered under its name.
      if (digestHex(info.digest) !== row.id) {
        await bucket.delete(row.id).catch(() => undefined);
        return 'damaged';
      }
    }
    const h = fromHeaders(link.workstation);
    h.set(HUB_HEADERS.size, String(row.size));
    const ack = await link.publisher.publish(link.subject('chunk'), new Uint8Array(0), { msgID: row.id, headers: h });
    // As for signed objects: an announcement someone made first under this id, with another size, would hide this one.
    if (ack.duplicate && (await link.storedAt(ack.stream, ack.seq))?.size !== String(row.size)) {
      await link.publisher.publish(link.subject('chunk'), new Uint8Array(0), { msgID: `${row.id}.${randomBytes(8).toString('hex')}`, headers: h });
    }
    return 'published';
  }

  private async advance(cursor: HubCursor): Promise<void> {
    this.cursor = cursor;
    await this.saveCursor(cursor);
  }
}

function fromHeaders(workstation: string) {
  const h = headers();
  h.set(HUB_HEADERS.from, workstation);
  return h;
}

/** The object store's digest ("SHA-256=" and base64url) as hex. */
function digestHex(digest: string): string {
  return digest.startsWith('SHA-256=') ? Buffer.from(digest.slice('SHA-256='.length), 'base64url').toString('hex') : '';
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
