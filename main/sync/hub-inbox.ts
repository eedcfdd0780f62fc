import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { JsMsg } from '@nats-io/jetstream';
import { buildPackIndex, encodePackIndex, isSha256Hex, PACK_INDEX_NAME, type PackIndexObject } from '../../shared/pack/pack-index';
import { writeTar, type TarEntrySource } from '../../shared/pack/tar-writer';
import { HUB_HEADERS, kindOfSubject } from '../../shared/sync/hub';
import { fileChunks } from '../packs/pack-file';
import type { ReadableDb } from '../store/database';
import type { ChunkStore } from '../store/chunk-store';
import type { ImportReport } from '../store/import-pack';
import { makePrivateFolder } from '../store/private-files';
import { HUB_MAX_MESSAGE_BYTES, type HubLink } from './hub-link';

export interface HubLimits {
  /** A chunk announced larger than this is never fetched: it is quarantined as not delivered. */
  readonly maxChunkBytes: number;
  /** Messages and bytes of signed objects held at once: one batch, imported as one pack. */
  readonly batchMessages: number;
  readonly batchBytes: number;
  /** How long one fetch waits on the hub for messages (a long poll). */
  readonly fetchExpiresMs: number;
  /** A chunk's download may take this long plus a second per `minBytesPerSecond`; a hub that dawdles longer has not delivered it. */
  readonly chunkDeadlineMs: number;
  readonly minBytesPerSecond: number;
}

/** After a batch put a message off, how long unlisted chunks wait for it, and at most how many deliveries each. */
const PUT_OFF_WINDOW_MS = 3000;
const PUT_OFF_DELIVERIES = 5;

export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxChunkBytes: 512 * 1024 ** 2,
  batchMessages: 256,
  batchBytes: 8 * 1024 ** 2,
  fetchExpiresMs: 5000,
  chunkDeadlineMs: 120_000,
  minBytesPerSecond: 64 * 1024,
};

export interface InboxBatch {
  /** Messages delivered in this batch. */
  readonly messages: number;
  /** Objects of the batch stored now, already held, or refused (in the quarantine). */
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  /** Messages the hub still holds for this workstation after this batch. */
  readonly pending: number;
}

/** Imports a pack file with the store's verification and quarantine (main/store/import-pack.ts), committed before it resolves. */
export type PackImporter = (path: string) => Promise<ImportReport>;

interface Received {
  readonly entries: PackIndexObject[];
  readonly signed: Map<string, Uint8Array>;
  readonly chunkFiles: Map<string, string>;
  heldBytes: number;
}

/**
 * Catches this workstation up from the hub, batch by batch, through its durable consumer. The hub is
 * never trusted: a batch is written as a sync pack (each object under the id the hub claims for it)
 * and imported like any pack, so verification and quarantine are the pack import's own. Messages are
 * acknowledged only once the import committed: a crash before that gets them again, and importing
 * again is idempotent. A chunk announced but not delivered (absent, too large, too slow) is listed in
 * the pack without content, which the import quarantines as a missing object.
 */
export class HubInbox {
  private readonly isStored;
  private readonly isListedEvidence;
  private sequence = 0;
  /** Until then, chunks no stored incident lists are put off too: a batch before put something off. */
  private putOffUntil = 0;

  constructor(
    /** Read-only: sees committed objects only. */
    db: ReadableDb,
    private readonly chunkStore: ChunkStore,
    /** The hub's temporary packs; imports from here are the hub's (not sent back). */
    readonly incomingDir: string,
    private readonly importer: PackImporter,
    private readonly limits: HubLimits = DEFAULT_HUB_LIMITS,
  ) {
    this.isStored = db.prepare('SELECT kind, size FROM objects WHERE id = ?');
    this.isListedEvidence = db.prepare('SELECT 1 FROM incident_evidence WHERE sha256 = ? LIMIT 1');
  }

  /** Removes what a crash left half-written; the messages behind it were not acknowledged and come again. */
  async clearLeftovers(): Promise<void> {
    makePrivateFolder(this.incomingDir);
    for (const name of await readdir(this.incomingDir)) await rm(join(this.incomingDir, name), { force: true, recursive: true });
  }

  async receive(link: HubLink): Promise<InboxBatch> {
    const consumer = await link.consumer();
    const messages = await consumer.fetch({ max_messages: this.limits.batchMessages, expires: this.limits.fetchExpiresMs });
    const held: JsMsg[] = [];
    const again: JsMsg[] = [];
    const received: Received = { entries: [], signed: new Map(), chunkFiles: new Map(), heldBytes: 0 };
    const batchDir = join(this.incomingDir, `batch-${process.pid}-${++this.sequence}`);
    let present = 0;
    let pending = 0;
    try {
      for await (const message of messages) {
        pending = message.info.pending;
        // Chunks after a message put off to a later batch wait with it: it may be the incident that lists them. So do chunks
        // no stored incident lists yet shortly after such a batch (the fetch may have ended between the incident and its chunks), a few times at most.
        if (kindOfSubject(message.subject) === 'chunk' && (again.length > 0 || this.waitsForPutOff(message))) {
          again.push(message);
          continue;
        }
        const outcome = await this.take(link, message, received, batchDir);
        if (outcome === 'again') again.push(message);
        else held.push(message);
        if (outcome === 'present') present += 1;
      }
      let report: ImportReport | undefined;
      if (received.entries.length > 0) {
        const pack = `${batchDir}.pack`;
        try {
          await writeBatchPack(pack, received);
          report = await this.importer(pack);
        } catch (error) {
          // Nothing of the batch was stored (a busy store, a full disk): the hub delivers it again soon, not after the acknowledgement wait.
          if (!link.isClosed) for (const message of [...held, ...again]) message.nak(1000);
          throw error;
        }
      }
      for (const message of held) message.ack();
      // A second copy of an id in one batch with other bytes: taken in a later batch, once the first is settled.
      for (const message of again) message.nak(1000);
      if (again.length > 0) this.putOffUntil = Date.now() + PUT_OFF_WINDOW_MS;
      await link.nc.flush();
      return { messages: held.length + again.length, added: report?.added ?? 0, present: present + (report?.present ?? 0), rejected: report?.rejected ?? 0, pending };
    } finally {
      await rm(batchDir, { recursive: true, force: true });
      await rm(`${batchDir}.pack`, { force: true });
    }
  }

  private waitsForPutOff(message: JsMsg): boolean {
    return Date.now() < this.putOffUntil && message.info.deliveryCount < PUT_OFF_DELIVERIES && this.isListedEvidence.get(objectIdOf(message)) === undefined;
  }

  private async take(link: HubLink, message: JsMsg, received: Received, batchDir: string): Promise<'held' | 'present' | 'again' | 'ignored'> {
    if (message.headers?.get(HUB_HEADERS.from) === link.workstation) return 'ignored';
    const kind = kindOfSubject(message.subject);
    const id = objectIdOf(message);
    // Not an object of this commission's stream as this workstation publishes them: nothing to verify, nothing to keep.
    if (kind === undefined || !isSha256Hex(id)) return 'ignored';
    if (received.signed.has(id) || received.chunkFiles.has(id) || received.entries.some((e) => e.id === id)) {
      return kind !== 'chunk' && !sameBytes(received.signed.get(id), message.data) ? 'again' : 'present';
    }
    const stored = this.isStored.get(id) as { kind: string; size: number } | undefined;
    if (kind !== 'chunk') {
      if (stored) return 'present';
      if (message.data.length > HUB_MAX_MESSAGE_BYTES) {
        received.entries.push({ id, kind, size: message.data.length });
        return 'held';
      }
      // The batch holds at most batchBytes of signed objects (whatever the hub sends): the rest comes in a later batch.
      if (received.heldBytes + message.data.length > this.limits.batchBytes && received.signed.size > 0) return 'again';
      received.heldBytes += message.data.length;
      received.signed.set(id, new Uint8Array(message.data));
      received.entries.push({ id, kind, size: message.data.length });
      return 'held';
    }
    const announced = Number(message.headers?.get(HUB_HEADERS.size) ?? '');
    if (stored?.kind === 'chunk' && (await this.chunkStore.sizeOf(id)) === stored.size) return 'present';
    if (!Number.isSafeInteger(announced) || announced < 0 || announced > this.limits.maxChunkBytes) {
      received.entries.push({ id, kind: 'chunk', size: Number.isSafeInteger(announced) && announced >= 0 ? announced : 0 });
      return 'held';
    }
    const file = await this.download(link, id, announced, batchDir);
    received.entries.push({ id, kind: 'chunk', size: file ? (await stat(file)).size : announced });
    if (file) received.chunkFiles.set(id, file);
    return 'held';
  }

  /**
   * Fetches a chunk from the hub's bucket into a file, reading at most its announced size plus one
   * byte (a longer stream is cut there: its bytes will not hash to its name). Undefined when the hub
   * has no such chunk or does not deliver it in time; throws only when the connection is gone.
   */
  private async download(link: HubLink, id: string, size: number, batchDir: string): Promise<string | undefined> {
    await mkdir(batchDir, { recursive: true, mode: 0o700 });
    const file = join(batchDir, id);
    const deadline = AbortSignal.timeout(this.limits.chunkDeadlineMs + Math.ceil(size / this.limits.minBytesPerSecond) * 1000);
    try {
      const bucket = await link.chunks();
      const result = await bucket.get(id);
      if (!result) return undefined;
      const reader = result.data.getReader();
      let taken = 0;
      async function* bounded(): AsyncGenerator<Uint8Array> {
        try {
          while (taken <= size) {
            const { done, value } = await reader.read();
            if (done) return;
            const piece = value.subarray(0, size + 1 - taken);
            taken += piece.length;
            yield piece;
          }
        } catch (error) {
          // The client's own digest check failed: keep what came, the import judges it.
          if (link.isClosed) throw error;
        } finally {
          await reader.cancel().catch(() => undefined);
        }
      }
      await pipeline(Readable.from(bounded()), createWriteStream(file, { mode: 0o600 }), { signal: deadline });
      return file;
    } catch (error) {
      if (link.isClosed) throw error;
      await rm(file, { force: true });
      return undefined;
    }
  }
}

/** The object id a message carries: its message id, less the suffix a publisher adds to step around bytes someone else published under the id first. */
function objectIdOf(message: JsMsg): string {
  return (message.headers?.get('Nats-Msg-Id') ?? '').replace(/^([0-9a-f]{64})\.[0-9a-f]{16}$/, '$1');
}

/** The batch as a pack: the index lists every object the hub announced, the archive holds those that came. */
async function writeBatchPack(path: string, received: Received): Promise<void> {
  const index = buildPackIndex('sync', received.entries);
  const indexBytes = encodePackIndex(index);
  function* entries(): Generator<TarEntrySource> {
    yield { name: PACK_INDEX_NAME, size: indexBytes.length, content: indexBytes };
    for (const listed of index.objects) {
      const bytes = received.signed.get(listed.id);
      if (bytes) yield { name: listed.id, size: bytes.length, content: bytes };
      const file = received.chunkFiles.get(listed.id);
      if (file) yield { name: listed.id, size: listed.size, content: fileChunks(file) };
    }
  }
  await pipeline(Readable.from(writeTar(entries())), createWriteStream(path, { mode: 0o600 }));
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0;
}
