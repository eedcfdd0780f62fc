import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { toHex } from '../../shared/encoding/hex';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { PackObjectSource } from '../../shared/pack/pack-writer';
import { decodeFrame, DEFAULT_MAX_FRAME_BYTES, encodeFrame, type CatchUpFrame } from '../../shared/sync/catch-up-frames';
import { addTotals, keyOfId, leafNode, nodeIdRange, sameTotals, TotalsAccumulator, type KeyNode, type SetTotals } from '../../shared/sync/id-keys';
import { encodeObjectRecordHeader, ObjectRecordParser } from '../../shared/sync/object-records';
import { Reconciler, type ReconcilerLimits, type SendPlan } from '../../shared/sync/reconciler';
import { SyncProtocolError, type SyncErrorCode } from '../../shared/sync/sync-error';
import { createNodeSha256 } from '../crypto/node-incremental-sha256';
import { fileChunks, writePackSources } from '../packs/pack-file';
import { importPack, type ImportOptions, type ImportReport } from '../store/import-pack';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../store/private-files';
import type { Store } from '../store/store';
import { CountingTransport, TransportClosedError, type MessageTransport } from './message-transport';
import { recordExchange, type PeerCursor } from './peer-cursor';
import { snapshotStoreIds, type StoreIdSnapshot } from './store-id-snapshot';

export interface CatchUpLimits {
  readonly reconcile: Partial<ReconcilerLimits>;
  readonly maxFrameBytes: number;
  /** Objects accepted from the peer, whatever the exchange says it lacks. */
  readonly maxObjects: number;
  readonly maxObjectBytes: number;
  readonly maxTotalBytes: number;
}

export const DEFAULT_CATCH_UP_LIMITS: CatchUpLimits = {
  reconcile: {},
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  maxObjects: 8_000_000,
  maxObjectBytes: 4 * 1024 ** 3,
  maxTotalBytes: 64 * 1024 ** 3,
};

export interface CatchUpOptions {
  /** The initiator sends the first message; the other side must be the responder. */
  readonly role: 'initiator' | 'responder';
  /** Who the peer is: its cursor (peer-cursor.ts) is recorded once the exchange converged and the peer confirmed its import. */
  readonly peer: string;
  readonly limits?: Partial<CatchUpLimits>;
  /** Passed to the import of what the peer sent. */
  readonly importOptions?: Pick<ImportOptions, 'verifier' | 'pooledFrom' | 'now' | 'onProgress' | 'maxIndexedChunkBytes'>;
}

export interface CatchUpReport {
  readonly peer: string;
  readonly role: CatchUpOptions['role'];
  /** The reconciliation: messages each way and their bytes on the wire. */
  readonly reconcile: { readonly messagesSent: number; readonly messagesReceived: number; readonly bytesSent: number; readonly bytesReceived: number };
  /** Objects sent and received, with their content bytes. */
  readonly sent: { readonly objects: number; readonly bytes: number };
  readonly received: { readonly objects: number; readonly bytes: number };
  /** The import of what the peer sent (null when it sent nothing). */
  readonly imported: ImportReport | null;
  /** What the peer's store made of what this side sent. */
  readonly peerImported: { readonly added: number; readonly present: number; readonly rejected: number };
  /** Every byte each way, frames included. */
  readonly wire: { readonly bytesSent: number; readonly bytesReceived: number };
  /** Both sides now hold the union: what this side held plus what it received sums to what the peer held plus what it was sent. */
  readonly converged: boolean;
  /** The peer's cursor as recorded (null when the exchange did not converge). */
  readonly cursor: PeerCursor | null;
  readonly notes: readonly string[];
  /** The whole session, and its parts: reading this store's ids and reconciling, sending and receiving objects, importing what came. */
  readonly elapsedMs: number;
  readonly phasesMs: { readonly reconcile: number; readonly transfer: number; readonly import: number };
}

/** `closed`: the connection ended early; `import`: this store could not import what came; `io`: this side could not read its own objects. */
export type CatchUpErrorCode = SyncErrorCode | 'closed' | 'import' | 'io';

export class CatchUpError extends Error {
  override readonly name = 'CatchUpError';
  constructor(
    readonly code: CatchUpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Objects pieces are gathered into frames of about this size. */
const FRAME_FILL_BYTES = 256 * 1024;
const MAX_PIECE_BYTES = 512 * 1024;
/** Rows read from the database at a time when sending a node. */
const SEND_PAGE = 2_000;
/** Objects up to this size are read from the spool in one read. */
const WHOLE_READ_BYTES = 4 << 20;
export const CATCH_UP_FOLDER = 'catch-up';

interface SendRow {
  readonly id: string;
  readonly kind: PackObjectKind;
  readonly size: number;
  /** Signed objects' bytes; null for chunks, whose bytes are in the chunk folder. */
  readonly body: Buffer | null;
}

interface ReceivedObject {
  readonly id: string;
  readonly kind: PackObjectKind;
  readonly size: number;
  readonly offset: number;
}

/**
 * Brings this store and a peer's to the union of their objects over one transport, both ways in
 * one session: a reconciliation (shared/sync/reconciler.ts) finds what each side lacks, then each
 * sends exactly that as a stream of object records (shared/sync/object-records.ts) while receiving
 * the peer's; what arrives is spooled to a file beside the database, written as a sync pack, and
 * imported with the store's own verified import (refused objects go to the quarantine). Each side
 * then tells the other what its store made of them. Every message is bounded and checked; any
 * refusal ends the session in one line, told to the peer. The caller closes the transport.
 */
export async function catchUp(store: Store, transport: MessageTransport, options: CatchUpOptions): Promise<CatchUpReport> {
  const session = new CatchUpSession(store, new CountingTransport(transport), options);
  try {
    return await session.run();
  } catch (error) {
    const failure = asCatchUpError(error);
    if (failure.code !== 'aborted' && failure.code !== 'closed') await transport.send(encodeFrame({ type: 'abort', reason: failure.message })).catch(() => undefined);
    throw failure;
  } finally {
    await session.cleanUp();
  }
}

class CatchUpSession {
  private readonly limits: CatchUpLimits;
  private readonly notes: string[] = [];
  private readonly files: string[] = [];
  private readonly reconcileStats = { messagesSent: 0, messagesReceived: 0, bytesSent: 0, bytesReceived: 0 };

  constructor(
    private readonly store: Store,
    private readonly transport: CountingTransport,
    private readonly options: CatchUpOptions,
  ) {
    this.limits = { ...DEFAULT_CATCH_UP_LIMITS, ...options.limits };
  }

  async run(): Promise<CatchUpReport> {
    const startedAt = performance.now();
    const snapshot = snapshotStoreIds(this.store.db);
    const { plan, peerTotals, first } = await this.reconcile(snapshot);
    const reconciledAt = performance.now();
    const sendCount = plan.nodes.reduce((sum, node) => sum + snapshot.summary(node).count, 0) + plan.ids.length;
    const expected = Math.min(Math.max(0, peerTotals.count - snapshot.totals.count + sendCount), this.limits.maxObjects);
    const [sent, received] = await Promise.all([this.sendObjects(plan, snapshot), this.receiveObjects(first, expected)]);
    const receivedTotals = new TotalsAccumulator();
    for (const object of received.objects) if (!holds(snapshot, object.id)) receivedTotals.add(object.id);
    const converged = sameTotals(addTotals(snapshot.totals, receivedTotals.totals()), addTotals(peerTotals, sent.totals));
    if (!converged) this.notes.push('after the exchange the two sides still differ: what one side held and received does not sum to what the other held and sent');
    const transferredAt = performance.now();
    const imported = await this.importReceived(received.objects, received.spool);
    const importedAt = performance.now();
    const peerImported = await this.receivePeerImport();
    const cursor = converged ? recordExchange(this.store, this.options.peer, { throughRowid: snapshot.throughRowid, fromPeerImports: imported ? [imported.importId] : [], via: 'catch-up' }) : null;
    return {
      peer: this.options.peer,
      role: this.options.role,
      reconcile: { ...this.reconcileStats },
      sent: { objects: sent.objects, bytes: sent.bytes },
      received: { objects: received.objects.length, bytes: received.bytes },
      imported,
      peerImported,
      wire: { bytesSent: this.transport.bytesSent, bytesReceived: this.transport.bytesReceived },
      converged,
      cursor,
      notes: this.notes,
      elapsedMs: performance.now() - startedAt,
      phasesMs: { reconcile: reconciledAt - startedAt, transfer: transferredAt - reconciledAt, import: importedAt - transferredAt },
    };
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.files.map((file) => rm(file, { force: true })));
  }

  /** Takes turns with the peer until one side ends; returns what to send and the first frame after the reconciliation, when it came already. */
  private async reconcile(snapshot: StoreIdSnapshot): Promise<{ plan: SendPlan; peerTotals: SetTotals; first: CatchUpFrame | undefined }> {
    const reconciler = new Reconciler(snapshot, this.limits.reconcile);
    if (this.options.role === 'initiator') await this.sendReconcile(reconciler.start());
    let first: CatchUpFrame | undefined;
    for (;;) {
      const frame = await this.receiveFrame();
      if (frame.type !== 'reconcile') {
        first = frame;
        break;
      }
      this.reconcileStats.messagesReceived += 1;
      this.reconcileStats.bytesReceived += frame.message.length + 2;
      const reply = reconciler.receive(frame.message);
      if (reply === undefined) break;
      await this.sendReconcile(reply);
    }
    const outcome = reconciler.outcome();
    return { plan: outcome.send, peerTotals: outcome.peerTotals, first };
  }

  private async sendReconcile(message: Uint8Array): Promise<void> {
    const frame = encodeFrame({ type: 'reconcile', message });
    this.reconcileStats.messagesSent += 1;
    this.reconcileStats.bytesSent += frame.length;
    await this.transport.send(frame);
  }

  private async receiveFrame(): Promise<CatchUpFrame> {
    const message = await this.transport.receive();
    if (message === undefined) throw new CatchUpError('closed', `the peer closed the connection before the catch-up ended`);
    const frame = decodeFrame(message, this.limits.maxFrameBytes);
    if (frame.type === 'abort') throw new CatchUpError('aborted', `the peer stopped the catch-up: ${frame.reason}`);
    return frame;
  }

  /** Streams the objects of the plan, in id order, as object records gathered into frames; then how many were sent. */
  private async sendObjects(plan: SendPlan, snapshot: StoreIdSnapshot): Promise<{ objects: number; bytes: number; totals: SetTotals }> {
    const totals = new TotalsAccumulator();
    const pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let objects = 0;
    let bytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const piece = Buffer.concat(pending, pendingBytes);
      pending.length = 0;
      pendingBytes = 0;
      await this.transport.send(encodeFrame({ type: 'objects', piece }));
    };
    const add = async (part: Uint8Array) => {
      for (let at = 0; at < part.length; at += MAX_PIECE_BYTES) {
        const slice = part.subarray(at, at + MAX_PIECE_BYTES);
        pending.push(slice);
        pendingBytes += slice.length;
        if (pendingBytes >= FRAME_FILL_BYTES) await flush();
      }
    };
    for (const row of this.planRows(plan, snapshot.throughRowid)) {
      if (row.kind === 'chunk' && (await this.store.chunks.sizeOf(row.id)) !== row.size) {
        this.notes.push(`chunk ${row.id.slice(0, 12)}…: its file is missing from the chunk folder or has the wrong size; not sent`);
        continue;
      }
      await add(encodeObjectRecordHeader(row.kind, row.size));
      if (row.kind === 'chunk') {
        let streamed = 0;
        for await (const part of fileChunks(this.store.chunks.pathOf(row.id))) {
          streamed += part.length;
          if (streamed > row.size) break;
          await add(part);
        }
        if (streamed !== row.size) throw new CatchUpError('io', `chunk ${row.id}: its file changed while it was being sent`);
      } else {
        await add(row.body!);
      }
      totals.add(row.id);
      objects += 1;
      bytes += row.size;
    }
    await flush();
    await this.transport.send(encodeFrame({ type: 'sent', objects, bytes }));
    return { objects, bytes, totals: totals.totals() };
  }

  /** The plan's objects in id order, each once (nodes and ids may overlap only if the peer asked twice), read from the database a page at a time. */
  private *planRows(plan: SendPlan, throughRowid: number): Generator<SendRow> {
    const from = this.store.db.prepare('SELECT id, kind, size, body FROM objects WHERE id >= ? AND id < ? AND rowid <= ? ORDER BY id LIMIT ?');
    const after = this.store.db.prepare('SELECT id, kind, size, body FROM objects WHERE id > ? AND id < ? AND rowid <= ? ORDER BY id LIMIT ?');
    // A single id's range ends just after it: no other id of 64 hex digits lies below `${id}0`.
    const ranges = [...plan.nodes.map(nodeIdRange), ...plan.ids.map((id) => ({ from: id, to: `${id}0` }))].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let last = '';
    for (const range of ranges) {
      let rows = (range.from > last ? from.all(range.from, range.to, throughRowid, SEND_PAGE) : after.all(last, range.to, throughRowid, SEND_PAGE)) as SendRow[];
      while (rows.length > 0) {
        yield* rows;
        last = rows.at(-1)!.id;
        if (rows.length < SEND_PAGE) break;
        rows = after.all(last, range.to, throughRowid, SEND_PAGE) as SendRow[];
      }
    }
  }

  /** Receives the peer's object records, spooling them to a file and hashing each to learn its id. */
  private async receiveObjects(first: CatchUpFrame | undefined, expected: number): Promise<{ objects: ReceivedObject[]; bytes: number; spool: string }> {
    const spool = this.temporaryFile('spool');
    const file = await open(spool, 'w', PRIVATE_FILE_MODE);
    const parser = new ObjectRecordParser({ maxObjects: expected, maxObjectBytes: this.limits.maxObjectBytes, maxTotalBytes: this.limits.maxTotalBytes });
    const objects: ReceivedObject[] = [];
    let current: { kind: PackObjectKind; size: number; offset: number; hash: ReturnType<typeof createNodeSha256> } | undefined;
    let position = 0;
    try {
      for (let frame = first ?? (await this.receiveFrame()); ; frame = await this.receiveFrame()) {
        if (frame.type === 'sent') {
          parser.finish();
          if (frame.objects !== parser.objectCount || frame.bytes !== parser.contentBytes) {
            throw new SyncProtocolError('malformed', `the peer says it sent ${frame.objects} objects of ${frame.bytes} bytes, but ${parser.objectCount} of ${parser.contentBytes} came`);
          }
          return { objects: onceEach(objects), bytes: parser.contentBytes, spool };
        }
        if (frame.type !== 'objects') throw new SyncProtocolError('unexpected', `a ${frame.type} frame while the peer's objects were expected`);
        await file.write(frame.piece, 0, frame.piece.length, position);
        position += frame.piece.length;
        for (const event of parser.push(frame.piece)) {
          if (event.type === 'begin') current = { ...event, hash: createNodeSha256() };
          else if (event.type === 'content') current!.hash.update(event.bytes);
          else {
            const id = toHex(current!.hash.digest());
            objects.push({ id, kind: current!.kind, size: current!.size, offset: current!.offset });
            current = undefined;
          }
        }
      }
    } finally {
      await file.close();
    }
  }

  /** Writes what came as a sync pack and imports it; tells the peer what the store made of it, or why it could not. */
  private async importReceived(objects: readonly ReceivedObject[], spool: string): Promise<ImportReport | null> {
    if (objects.length === 0) {
      await this.transport.send(encodeFrame({ type: 'received', added: 0, present: 0, rejected: 0 }));
      return null;
    }
    const pack = this.temporaryFile('pack');
    const file = await open(spool, 'r');
    let report: ImportReport;
    try {
      const sources: PackObjectSource[] = objects.map((object) => ({ id: object.id as PackObjectSource['id'], kind: object.kind, size: object.size, open: () => spooled(file, object) }));
      await writePackSources(pack, 'sync', sources);
      const maxIndexBytes = 1024 + 128 * objects.length;
      report = await importPack(this.store, pack, {
        ...this.options.importOptions,
        limits: { maxEntries: objects.length + 1, maxEntryBytes: this.limits.maxObjectBytes, maxArchiveBytes: this.limits.maxTotalBytes + 1024 * (objects.length + 2) + maxIndexBytes, maxIndexBytes },
      });
    } catch (error) {
      throw new CatchUpError('import', `the import of the ${objects.length} objects the peer sent failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await file.close();
    }
    await this.transport.send(encodeFrame({ type: 'received', added: report.added, present: report.present, rejected: report.rejected }));
    return report;
  }

  private async receivePeerImport(): Promise<{ added: number; present: number; rejected: number }> {
    const frame = await this.receiveFrame();
    if (frame.type !== 'received') throw new SyncProtocolError('unexpected', `a ${frame.type} frame where the peer's import result was expected`);
    return { added: frame.added, present: frame.present, rejected: frame.rejected };
  }

  private temporaryFile(suffix: string): string {
    const folder = join(this.store.dir, CATCH_UP_FOLDER);
    if (this.files.length === 0) {
      makePrivateFolder(folder);
      removeLeftovers(folder);
    }
    const path = join(folder, `${process.pid}-${randomBytes(6).toString('hex')}.${suffix}`);
    this.files.push(path);
    return path;
  }
}

/** Spools and packs of sessions whose process is gone (killed mid-way): named by the process id that wrote them. */
function removeLeftovers(folder: string): void {
  for (const name of readdirSync(folder)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An object's content read back from the spool: at once when small, in pieces otherwise. */
async function* spooled(file: FileHandle, object: ReceivedObject): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < object.size; at += WHOLE_READ_BYTES) {
    const length = Math.min(WHOLE_READ_BYTES, object.size - at);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, object.offset + at);
    if (bytesRead !== length) throw new Error(`the catch-up spool ends inside an object`);
    yield buffer;
  }
}

/** The objects sorted by id, each once (a peer may send one twice). */
function onceEach(objects: ReceivedObject[]): ReceivedObject[] {
  objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return objects.filter((object, i) => i === 0 || object.id !== objects[i - 1]!.id);
}

/** Whether the snapshot holds the id (ids that share its key are looked up). */
function holds(snapshot: StoreIdSnapshot, id: string): boolean {
  const node: KeyNode = leafNode(keyOfId(id));
  return snapshot.summary(node).count > 0 && snapshot.idsUnder(node, 1_000).includes(id);
}

function asCatchUpError(error: unknown): CatchUpError {
  if (error instanceof CatchUpError) return error;
  if (error instanceof SyncProtocolError) return new CatchUpError(error.code, error.message);
  if (error instanceof TransportClosedError) return new CatchUpError('closed', error.message);
  return new CatchUpError('io', error instanceof Error ? error.message : String(error));
}
