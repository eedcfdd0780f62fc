import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { decodeDetections } from '../../shared/evidence/detections-codec';
import { ready } from '../../shared/crypto/sodium';
import { decodeObject } from '../../shared/objects/decode-object';
import { objectIssue, shortHex, type Issue } from '../../shared/objects/issues';
import { ENVELOPE_JSON_LIMITS } from '../../shared/objects/limits';
import type { AnySignedObject } from '../../shared/objects/signed-object';
import type { ObjectId } from '../../shared/objects/types';
import { PackError } from '../../shared/pack/pack-error';
import { classifyPackEntry, mayBeSignedObject, withArticle, type EntryKind } from '../../shared/pack/entry-kind';
import { PACK_OBJECT_KINDS, type PackIndex, type PackIndexObject, type PackKind, type PackObjectKind } from '../../shared/pack/pack-index';
import { readPack, type PackItem, type PackLimits } from '../../shared/pack/pack-reader';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { verifyStatement } from '../../shared/roster/verify-statement';
import { createNodeSha256 } from '../crypto/node-incremental-sha256';
import { nodeSha256 } from '../crypto/node-sha256';
import { ChunkPublisher } from './chunk-publisher';
import type { ChunkWriter } from './chunk-store';
import { ProgressTracker, type ProgressListener } from './import-progress';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import { PooledStatements } from './pooled-statements';
import { StoredStatements } from './stored-statements';
import { QUARANTINE_MAX_BYTES, QUARANTINE_ROWS_PER_CODE, type QuarantineCode, type QuarantineEntry } from './quarantine';
import { deriveAfterImport } from './derived-state';
import { pinnedRoster, pinRoster } from './roster-trust';
import { inWriteTransaction, type Store } from './store';
import { StoreWriter } from './store-writer';
import { extendedRosterChain, rememberChain } from './trusted-rosters';

/** Detection chunks up to this size are decoded into the detection index as they stream in. */
export const DEFAULT_MAX_INDEXED_CHUNK_BYTES = 128 * 1024 ** 2;
/** Below this many objects a pack is verified on the import's thread: handing batches to other threads would cost more than it saves. */
export const POOLED_FROM_OBJECTS = 512;
const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];

export interface ImportOptions {
  /** A roster file's bytes: pinned as the trust anchor on a store's first import, a candidate to extend the chain later. */
  readonly roster?: { readonly source: string; readonly bytes: Uint8Array };
  readonly onProgress?: ProgressListener;
  readonly limits?: Partial<PackLimits>;
  readonly maxIndexedChunkBytes?: number;
  /** The verification time (ms since the epoch); defaults to now. */
  readonly now?: number;
  /** Decodes and verifies statements on other threads (main/worker/verify-pool.ts) while the import reads on; without it, on this thread. */
  readonly verifier?: StatementBatchVerifier;
  /** The verifier is used for packs listing at least this many objects (default POOLED_FROM_OBJECTS). */
  readonly pooledFrom?: number;
}

export interface ImportRejection {
  readonly id: string | undefined;
  readonly kind: PackObjectKind | undefined;
  readonly code: QuarantineCode;
  readonly reason: string;
}

export interface ImportReport {
  readonly importId: number;
  readonly source: string;
  readonly packKind: PackKind;
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  /** Bytes of the objects added. */
  readonly bytesAdded: number;
  readonly addedByKind: Readonly<Record<PackObjectKind, number>>;
  readonly rejections: readonly ImportRejection[];
  /** What deserves a look but refused nothing: roster chain notes, evidence still missing, chunks not indexed. */
  readonly notes: readonly string[];
  readonly roster: { readonly id: ObjectId; readonly version: number; readonly status: RosterChain['status']; readonly pinnedNow: boolean };
  readonly elapsedMs: number;
}

export type ImportErrorCode =
  /** The pack cannot be read as a pack at all (docs/PACK.md codes): nothing was written. */
  | 'bad-pack'
  /** The file cannot be read. */
  | 'io'
  /** A store's first import without a roster to pin. */
  | 'no-roster'
  /** The roster given (or the pinned one) is refused. */
  | 'roster'
  /** Another import or rebuild holds the store. */
  | 'busy';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly packErrorCode?: PackError['code'],
  ) {
    super(message);
  }
}

type Pending =
  | { readonly action: 'present' | 'unlisted' | 'too-large'; readonly id: string; readonly kind: PackObjectKind | undefined; readonly size: number }
  | { readonly action: 'signed'; readonly id: string; readonly kind: PackObjectKind; readonly size: number; readonly bytes: Uint8Array }
  | {
      readonly action: 'chunk';
      readonly id: string;
      readonly kind: 'chunk';
      readonly size: number;
      readonly writer: ChunkWriter;
      readonly restore: boolean;
      readonly decodedOnArrival: boolean;
      readonly indexBytes: Uint8Array | undefined;
      /** A chunk small enough to be a signed object is held: its bytes, not the index, say what it is. */
      readonly bytes: Uint8Array | undefined;
    };

interface PendingChunk {
  readonly size: number;
  /** Already stored as an object, its file missing: written again, no row added. */
  readonly restore: boolean;
  /** Listed as detection evidence when it arrived, so decoded then; otherwise decoded at the end only if it is kept as detection evidence. */
  readonly decodedOnArrival: boolean;
  readonly indexed: boolean;
  readonly indexProblem: string | undefined;
}

/**
 * Imports one pack file into the store, streaming: every object is verified before it is written
 * (signed objects against the roster chain from the pinned roster, chunks against their names and
 * the evidence lists of verified incidents), all in one SQLite transaction per pack. Rejected
 * objects go to the quarantine with their reason while the others land; objects already stored are
 * counted as present and left as they are. A pack that cannot be read at all writes nothing.
 */
export async function importPack(store: Store, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  await ready();
  const file = await openPackFile(path);
  const items = readPack(packFileChunks(file), { sha256: createNodeSha256, ...(options.limits ? { limits: options.limits } : {}) });
  try {
    const first = await items.next();
    if (first.done || first.value.type !== 'index') throw new ImportError('bad-pack', `${path}: no index`);
    return await new PackImport(store, path, first.value.index, options).execute(items);
  } catch (error) {
    throw asImportError(error, path);
  } finally {
    await items.return(undefined);
    await file.close();
  }
}

/**
 * Opens a pack file to read, refusing anything but a regular file (a folder, FIFO, socket or device)
 * with one line naming it. Nothing blocks: opening a FIFO to read would wait for a writer, so the
 * path is checked before it is opened, and opened non-blocking and checked again in case it changed.
 */
async function openPackFile(path: string): Promise<FileHandle> {
  let file: FileHandle | undefined;
  try {
    const named = await stat(path);
    if (!named.isFile()) throw new ImportError('io', `${path}: ${notAPackFile(named)}`);
    file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = await file.stat();
    if (!opened.isFile()) throw new ImportError('io', `${path}: ${notAPackFile(opened)}`);
    return file;
  } catch (error) {
    await file?.close();
    throw error instanceof ImportError ? error : new ImportError('io', `${path}: ${describeFsError(error)}`);
  }
}

function notAPackFile(info: Stats): string {
  if (info.isDirectory()) return 'is a folder, not a pack file';
  if (info.isFIFO()) return 'is a FIFO (named pipe), not a pack file';
  if (info.isSocket()) return 'is a socket, not a pack file';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'is a device, not a pack file';
  return 'is not a regular file, not a pack file';
}

/** A malformed pack or an unreadable file as an ImportError naming the file; anything else as it is. */
function asImportError(error: unknown, path: string): unknown {
  if (error instanceof PackError) return new ImportError('bad-pack', `${path}: ${error.message}`, error.code);
  if (error instanceof Error && !(error instanceof ImportError) && (error as NodeJS.ErrnoException).syscall !== undefined) {
    return new ImportError('io', `${path}: ${describeFsError(error)}`);
  }
  return error;
}

class PackImport {
  private readonly writer: StoreWriter;
  private readonly publisher: ChunkPublisher;
  private readonly progress: ProgressTracker;
  private readonly isStored;
  private readonly storedKind;
  private readonly isDetectionEvidence;
  private readonly evidenceOfChunk;
  private readonly hasCells;
  /** When the import's transaction began: the import's start and every object's received_at. */
  private startedAt = 0;
  private readonly now: number;
  private readonly maxIndexedChunkBytes: number;
  private readonly rejections: ImportRejection[] = [];
  /** Objects refused, by code: past QUARANTINE_ROWS_PER_CODE only counted (an unsigned index can list any number of absent objects). */
  private readonly refusedByCode = new Map<QuarantineCode, number>();
  private rejected = 0;
  private readonly notes: string[] = [];
  private readonly addedByKind = Object.fromEntries(PACK_OBJECT_KINDS.map((kind) => [kind, 0])) as Record<PackObjectKind, number>;
  private readonly pendingChunks = new Map<string, PendingChunk>();
  private readonly listedKinds: ReadonlyMap<string, PackObjectKind>;
  /** Detection evidence of the incidents this pack adds: chunks stored earlier may need indexing. */
  private readonly newEvidence: { readonly incident: ObjectId; readonly sha256: string; readonly name: string; readonly role: string; readonly size: number }[] = [];
  private importId = 0;
  private present = 0;
  private added = 0;
  private bytesAdded = 0;
  private chain: RosterChain | undefined;
  private pooled: PooledStatements | undefined;
  /** The statements this import verified, decoded, for deriving their rounds at the end. */
  private readonly verified = new StoredStatements();
  private scratch = new Uint8Array(0);

  constructor(
    private readonly store: Store,
    private readonly source: string,
    private readonly index: PackIndex,
    private readonly options: ImportOptions,
  ) {
    this.writer = new StoreWriter(store.db);
    this.listedKinds = new Map(index.objects.map((object) => [object.id, object.kind]));
    this.publisher = new ChunkPublisher(store.chunks);
    const bytesTotal = index.objects.reduce((sum, object) => sum + object.size, 0);
    this.progress = new ProgressTracker(source, index.objects.length, bytesTotal, options.onProgress);
    this.isStored = store.db.prepare('SELECT 1 FROM objects WHERE id = ?').pluck();
    this.storedKind = store.db.prepare('SELECT kind FROM objects WHERE id = ?').pluck();
    this.isDetectionEvidence = store.db.prepare("SELECT 1 FROM incident_evidence WHERE sha256 = ? AND size = ? AND role = 'detections' LIMIT 1").pluck();
    this.evidenceOfChunk = store.db.prepare('SELECT role, size FROM incident_evidence WHERE sha256 = ?');
    this.hasCells = store.db.prepare('SELECT 1 FROM detection_cells WHERE chunk = ? LIMIT 1').pluck();
    this.now = options.now ?? Date.now();
    this.maxIndexedChunkBytes = options.maxIndexedChunkBytes ?? DEFAULT_MAX_INDEXED_CHUNK_BYTES;
  }

  async execute(items: AsyncGenerator<PackItem>): Promise<ImportReport> {
    let pinnedNow = false;
    try {
      await inWriteTransaction(this.store.db, async () => {
        this.startedAt = Date.now();
        this.importId = this.writer.beginImport(this.source, this.index.kind, this.startedAt);
        pinnedNow = await this.establishChain();
        this.progress.enter('objects');
        let pending: Pending | undefined;
        for await (const item of items) {
          switch (item.type) {
            case 'index':
              throw new ImportError('bad-pack', `${this.source}: a second index`);
            case 'object':
              pending = await this.receive(item);
              break;
            case 'verified':
              if (pending?.id !== item.object.id) throw new Error(`pack reader: verdict for ${item.object.id} without its object`);
              await this.accept(pending, item.object);
              pending = undefined;
              break;
            case 'rejected':
              await this.refuse(pending?.id === item.id ? pending : undefined, item);
              pending = undefined;
              break;
            default: {
              const unreachable: never = item;
              throw new Error(`unexpected pack item ${String(unreachable)}`);
            }
          }
        }
        await this.pooled?.drain();
        this.progress.enter('commit');
        await this.settleChunks();
        await this.indexStoredDetectionChunks();
        this.noteMissingEvidence();
        await this.publisher.settle();
        await deriveAfterImport(this.store.db, this.importId, this.chain!, this.now, this.verified);
        this.writer.finishImport(this.importId, Date.now(), { added: this.added, present: this.present, rejected: this.rejected, bytes: this.bytesAdded });
      });
    } catch (error) {
      await this.publisher.discard();
      if (error instanceof Error && /database is locked|SQLITE_BUSY/.test(error.message)) {
        throw new ImportError('busy', `${this.store.dir}: the store is busy (another import or a rebuild is running); try again when it ends`);
      }
      throw error;
    }
    this.progress.enter('done');
    const chain = this.chain!;
    rememberChain(this.store.db, chain);
    return {
      importId: this.importId,
      source: this.source,
      packKind: this.index.kind,
      added: this.added,
      present: this.present,
      rejected: this.rejected,
      bytesAdded: this.bytesAdded,
      addedByKind: this.addedByKind,
      rejections: this.rejections,
      notes: this.notes,
      roster: { id: chain.current.id, version: chain.current.version, status: chain.status, pinnedNow },
      elapsedMs: Date.now() - this.startedAt,
    };
  }

  /**
   * The roster chain every statement of the pack is checked against: from the pinned roster (or
   * the one given, on a first import) through the stored rosters, the one given and those the
   * pack brings. Rosters the pack lists that the store lacks are read first, in a pass of their own.
   */
  private async establishChain(): Promise<boolean> {
    const given = this.options.roster;
    const pinned = pinnedRoster(this.store.db);
    const newRosterIds = new Set<string>(this.index.objects.filter((o) => o.kind === 'roster' && this.isStored.get(o.id) === undefined).map((o) => o.id));
    this.progress.enter('rosters');
    const packRosters = newRosterIds.size === 0 ? [] : await readListedRosters(this.source, newRosterIds, this.options.limits);
    const candidates = [...(given ? [given.bytes] : []), ...packRosters];
    if (pinned === undefined && given === undefined) {
      throw new ImportError('no-roster', `${this.store.dir}: the store trusts no roster yet; give the commission's roster with --roster FILE on the first import`);
    }
    const result = pinned
      ? await extendedRosterChain(this.store.db, pinned.bytes, candidates, this.now)
      : await verifyRosterChain({ trusted: given!.bytes, candidates, now: this.now, sha256: nodeSha256 });
    if (!result.ok) throw new ImportError('roster', `${pinned ? 'pinned roster' : `roster ${given!.source}`}: ${result.error.message}`);
    const chain = result.value;
    this.chain = chain;
    if (this.options.verifier && this.index.objects.length >= (this.options.pooledFrom ?? POOLED_FROM_OBJECTS)) this.pooled = new PooledStatements(this.options.verifier, chain, this.now);
    for (const issue of chain.issues) if (issue.object === undefined || !newRosterIds.has(issue.object)) this.notes.push(issue.message);

    if (given) {
      const decoded = await decodeObject(given.bytes, nodeSha256);
      const id = decoded.ok ? decoded.value.id : undefined;
      const accepted = chain.rosters.find((roster) => roster.id === id);
      if (!accepted) {
        const issue = chain.issues.find((i) => i.object === id);
        throw new ImportError('roster', `roster ${given.source}: ${issue?.message ?? (decoded.ok ? 'is not part of the chain from the pinned roster' : decoded.error.message)}`);
      }
      if (this.isStored.get(accepted.id) === undefined) this.addSigned(accepted.object);
    }
    if (pinned === undefined) pinRoster(this.store.db, chain.rosters[0]!.id, this.startedAt);
    return pinned === undefined;
  }

  /** Takes in an object's content, which must be read before the next item is asked for. */
  private async receive(item: Extract<PackItem, { type: 'object' }>): Promise<Pending> {
    const { id, kind, size } = item;
    if (kind === undefined) return { action: 'unlisted', id, kind, size };
    const storedKind = this.storedKind.get(id) as PackObjectKind | undefined;
    // Bytes that hash to a stored signed object's id are that object: listed as a chunk they are
    // refused as one (index-kind-mismatch), never written to the chunk folder.
    if (kind !== 'chunk' || (storedKind !== undefined && storedKind !== 'chunk')) {
      if (storedKind !== undefined && kind !== 'chunk') return { action: 'present', id, kind, size };
      if (size > ENVELOPE_JSON_LIMITS.maxBytes) return { action: 'too-large', id, kind, size };
      const bytes = new Uint8Array(size);
      let filled = 0;
      for await (const piece of item.content) {
        bytes.set(piece, filled);
        filled += piece.length;
        this.progress.bytes(piece.length);
      }
      return { action: 'signed', id, kind, size, bytes };
    }
    const stored = storedKind === 'chunk';
    if (this.pendingChunks.has(id) || (stored && (await this.store.chunks.has(id)))) return { action: 'present', id, kind, size };
    const writer = await this.publisher.begin(id);
    // Only a chunk a verified incident (stored, or earlier in this pack) lists as detections is decoded as it streams in.
    const decodedOnArrival = this.isDetectionEvidence.get(id, size) !== undefined;
    let indexBytes: Uint8Array | undefined;
    const bytes = mayBeSignedObject(size) ? new Uint8Array(size) : undefined;
    let filled = 0;
    try {
      for await (const piece of item.content) {
        if (filled === 0 && decodedOnArrival && size <= this.maxIndexedChunkBytes && mayStartArrowFile(piece)) indexBytes = this.indexScratch(size);
        indexBytes?.set(piece, filled);
        bytes?.set(piece, filled);
        filled += piece.length;
        await writer.append(piece);
        this.progress.bytes(piece.length);
      }
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return { action: 'chunk', id, kind, size, writer, restore: stored, decodedOnArrival, indexBytes, bytes };
  }

  private async accept(pending: Pending, listed: PackIndexObject): Promise<void> {
    this.countUnreadBytes(pending);
    switch (pending.action) {
      case 'present':
        this.present += 1;
        break;
      case 'unlisted':
        throw new Error(`pack reader: unlisted object ${pending.id} reported as verified`);
      case 'too-large':
        this.rejectMismatch(pending.id, await classifyPackEntry({ id: pending.id, listed: listed.kind, size: pending.size }, undefined, nodeSha256));
        break;
      case 'signed':
        // Rosters extend the chain and incidents say which chunks that follow are detection evidence: both are checked here, at once.
        if (this.pooled && listed.kind !== 'roster' && listed.kind !== 'incident') {
          await this.pooled.add(listed.id, listed.kind, pending.bytes, (verified) => (verified ? this.addSigned(verified) : this.acceptSigned(pending.bytes, listed)));
        } else await this.acceptSigned(pending.bytes, listed);
        break;
      case 'chunk':
        if (pending.bytes && this.rejectMismatch(pending.id, await classifyPackEntry({ id: pending.id, listed: 'chunk', size: pending.size }, pending.bytes, nodeSha256), pending.bytes)) {
          await pending.writer.abort();
          break;
        }
        await this.publisher.publish(pending.writer);
        this.pendingChunks.set(pending.id, { size: pending.size, restore: pending.restore, decodedOnArrival: pending.decodedOnArrival, ...this.indexDetections(pending.id, pending.indexBytes) });
        break;
      default: {
        const unreachable: never = pending;
        throw new Error(`unexpected pending object ${String(unreachable)}`);
      }
    }
    this.progress.objectDone();
  }

  private async refuse(pending: Pending | undefined, item: Extract<PackItem, { type: 'rejected' }>): Promise<void> {
    if (pending?.action === 'chunk') await pending.writer.abort();
    if (pending) this.countUnreadBytes(pending);
    const kind = pending?.kind ?? this.listedKinds.get(item.id);
    const bytes = pending?.action === 'signed' && pending.bytes.length <= QUARANTINE_MAX_BYTES ? pending.bytes : undefined;
    this.reject({ objectId: item.id, kind, code: item.code, reason: item.message, ...(bytes ? { bytes } : {}) });
    this.progress.objectDone();
  }

  /** Content the import skipped still counts as done for progress. */
  private countUnreadBytes(pending: Pending): void {
    if (pending.action === 'present' || pending.action === 'unlisted' || pending.action === 'too-large') this.progress.bytes(pending.size);
  }

  private async acceptSigned(bytes: Uint8Array, listed: PackIndexObject): Promise<void> {
    const listedKind = listed.kind;
    const keep = bytes.length <= QUARANTINE_MAX_BYTES ? { bytes } : {};
    const entry = await classifyPackEntry({ id: listed.id, listed: listedKind, size: bytes.length }, bytes, nodeSha256);
    if (entry.kind === undefined) return this.rejectIssue(entry.issue, listedKind, keep);
    if (this.rejectMismatch(listed.id, entry, bytes) || entry.kind === 'chunk') return;
    const object = entry.object;
    if (object.kind === 'roster') {
      const chain = this.chain!;
      if (chain.rosters.some((roster) => roster.id === object.id)) return this.addSigned(object);
      const issue =
        chain.issues.find((i) => i.object === object.id) ??
        objectIssue('roster-rollback', 'roster', object.id, `v${object.payload.version} is not part of the chain from the roster this store pinned (v${chain.rosters[0]!.version})`);
      return this.rejectIssue(issue, listedKind, keep);
    }
    const verdict = verifyStatement(object, this.chain!);
    if (!verdict.ok) return this.rejectIssue(verdict.error, listedKind, keep);
    this.addSigned(object);
  }

  private addSigned(object: AnySignedObject): void {
    this.writer.addSignedObject(object, this.importId, this.startedAt);
    this.added += 1;
    this.bytesAdded += object.bytes.length;
    this.addedByKind[object.kind] += 1;
    if (object.kind !== 'roster') this.verified.remember(object);
    if (object.kind === 'incident') {
      for (const e of object.payload.evidence) this.newEvidence.push({ incident: object.id, sha256: e.sha256, name: e.name, role: e.role, size: e.size });
    }
  }

  /**
   * One buffer, reused, holds the chunk being decoded for the detection index: a chunk is decoded
   * as soon as its bytes are verified, before the next object is read, and nothing keeps its bytes.
   */
  private indexScratch(size: number): Uint8Array {
    if (this.scratch.length < size) this.scratch = new Uint8Array(Math.max(size, 2 * this.scratch.length));
    return this.scratch.subarray(0, size);
  }

  /** Decodes a detections chunk into the detection index; the rows go again if the chunk is refused or not detection evidence. */
  private indexDetections(id: string, bytes: Uint8Array | undefined): Pick<PendingChunk, 'indexed' | 'indexProblem'> {
    if (bytes === undefined) return { indexed: false, indexProblem: undefined };
    try {
      this.writer.setDetectionCells(id, decodeDetections(bytes));
      return { indexed: true, indexProblem: undefined };
    } catch (error) {
      return { indexed: false, indexProblem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Chunks are kept only when a verified incident, stored or in this pack, lists them with their size. */
  private async settleChunks(): Promise<void> {
    const refused: string[] = [];
    const toIndex: string[] = [];
    for (const [id, chunk] of this.pendingChunks) {
      const evidence = this.evidenceOfChunk.all(id) as { role: string; size: number }[];
      const matching = evidence.filter((e) => e.size === chunk.size);
      const problem: QuarantineEntry | undefined =
        evidence.length === 0
          ? { objectId: id, kind: 'chunk', code: 'unreferenced-chunk', reason: `chunk ${shortHex(id)}: no verified incident in the store or the pack lists it as evidence` }
          : matching.length === 0
            ? { objectId: id, kind: 'chunk', code: 'evidence-size-mismatch', reason: `chunk ${shortHex(id)}: ${chunk.size} bytes, but its incident's evidence list gives ${evidence[0]!.size}` }
            : undefined;
      const isDetections = matching.some((e) => e.role === 'detections');
      if (chunk.indexed && (problem !== undefined || !isDetections)) this.writer.clearDetectionCells(id);
      if (problem !== undefined) {
        if (!chunk.restore) refused.push(id);
        this.reject(problem);
        continue;
      }
      if (isDetections && !chunk.indexed && !chunk.decodedOnArrival && chunk.size <= this.maxIndexedChunkBytes) toIndex.push(id);
      else if (isDetections && !chunk.indexed) this.notes.push(notIndexedNote(id, chunk.size, chunk.indexProblem, this.maxIndexedChunkBytes));
      if (chunk.restore) {
        this.present += 1;
        this.notes.push(`chunk ${shortHex(id)}: its file was missing from the chunk folder and is restored`);
        continue;
      }
      this.writer.addChunk(id, chunk.size, this.importId, this.startedAt);
      this.added += 1;
      this.bytesAdded += chunk.size;
      this.addedByKind.chunk += 1;
    }
    await this.publisher.discard(refused);
    await this.indexKeptChunks(toIndex);
    this.recordRefusalsBeyondCap();
  }

  /** Detection evidence whose incident came after it in the pack: decoded from its file, now that it is kept. */
  private async indexKeptChunks(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const size = this.pendingChunks.get(id)!.size;
      const bytes = this.indexScratch(size);
      await this.store.chunks.readInto(id, bytes);
      const result = this.indexDetections(id, mayStartArrowFile(bytes) ? bytes : undefined);
      if (!result.indexed) this.notes.push(notIndexedNote(id, size, result.indexProblem, this.maxIndexedChunkBytes));
    }
  }

  /** An incident of this pack can make a chunk stored earlier detection evidence: index it now. */
  private async indexStoredDetectionChunks(): Promise<void> {
    for (const e of this.newEvidence) {
      if (e.role !== 'detections' || this.pendingChunks.has(e.sha256)) continue;
      if (this.storedKind.get(e.sha256) !== 'chunk' || this.hasCells.get(e.sha256) !== undefined) continue;
      const size = await this.store.chunks.sizeOf(e.sha256);
      if (size !== e.size) continue;
      const bytes = size <= this.maxIndexedChunkBytes ? new Uint8Array(await this.store.chunks.read(e.sha256)) : undefined;
      const result = this.indexDetections(e.sha256, bytes);
      if (!result.indexed) this.notes.push(notIndexedNote(e.sha256, size, result.indexProblem, this.maxIndexedChunkBytes));
    }
  }

  private noteMissingEvidence(): void {
    for (const e of this.newEvidence) {
      const kind = this.storedKind.get(e.sha256) as PackObjectKind | undefined;
      if (kind === undefined) this.notes.push(`incident ${shortHex(e.incident)}: evidence ${e.name} (${shortHex(e.sha256)}) is not in the store yet`);
      else if (kind !== 'chunk') this.notes.push(`incident ${shortHex(e.incident)}: evidence ${e.name} (${shortHex(e.sha256)}) names ${withArticle(kind)}, not a chunk: it can never be present`);
    }
  }

  /** Quarantines an entry whose index kind is not what its bytes are (recorded under the kind its bytes give); false when they agree. */
  private rejectMismatch(id: string, entry: EntryKind, bytes?: Uint8Array): boolean {
    if (entry.kind === undefined || !entry.mismatch) return false;
    const keep = bytes && bytes.length <= QUARANTINE_MAX_BYTES ? { bytes } : {};
    this.reject({ objectId: id, kind: entry.kind, code: entry.mismatch.code, reason: entry.mismatch.message, ...keep });
    return true;
  }

  private rejectIssue(issue: Issue, kind: PackObjectKind, keep: { bytes?: Uint8Array }): void {
    this.reject({ objectId: issue.object ?? undefined, kind, code: issue.code, reason: issue.message, ...keep });
  }

  private reject(entry: QuarantineEntry): void {
    this.rejected += 1;
    const refused = (this.refusedByCode.get(entry.code) ?? 0) + 1;
    this.refusedByCode.set(entry.code, refused);
    if (refused > QUARANTINE_ROWS_PER_CODE) return;
    this.writer.quarantine(entry, this.importId, this.startedAt);
    this.rejections.push({ id: entry.objectId, kind: entry.kind, code: entry.code, reason: entry.reason });
  }

  /** One quarantine row per code for the objects refused beyond the first QUARANTINE_ROWS_PER_CODE, with their count. */
  private recordRefusalsBeyondCap(): void {
    for (const [code, refused] of this.refusedByCode) {
      const more = refused - QUARANTINE_ROWS_PER_CODE;
      if (more <= 0) continue;
      const reason = `${more} more object(s) of this pack refused with ${code}, counted but not recorded one by one (the first ${QUARANTINE_ROWS_PER_CODE} are)`;
      this.writer.quarantine({ code, reason }, this.importId, this.startedAt);
      this.rejections.push({ id: undefined, kind: undefined, code, reason });
    }
  }
}

function notIndexedNote(id: string, size: number, problem: string | undefined, limit: number): string {
  const why = problem ?? (size > limit ? `${size} bytes is over the ${limit} bytes decoded for the index` : 'not an Arrow IPC file');
  return `chunk ${shortHex(id)}: detection evidence left out of the detection index (${why})`;
}

/** Reads only the listed rosters of a pack, stopping once all are found; the main pass checks them again. */
async function readListedRosters(path: string, wanted: ReadonlySet<string>, limits: Partial<PackLimits> | undefined): Promise<Uint8Array[]> {
  const found: Uint8Array[] = [];
  const missing = new Set(wanted);
  let held: { id: string; bytes: Uint8Array } | undefined;
  const file = await openPackFile(path);
  try {
    for await (const item of readPack(packFileChunks(file), { sha256: createNodeSha256, ...(limits ? { limits } : {}) })) {
      if (item.type === 'object') {
        held = undefined;
        if (!missing.has(item.id) || item.size > ENVELOPE_JSON_LIMITS.maxBytes) continue;
        const bytes = new Uint8Array(item.size);
        let filled = 0;
        for await (const piece of item.content) {
          bytes.set(piece, filled);
          filled += piece.length;
        }
        held = { id: item.id, bytes };
      } else if (item.type === 'verified' && held?.id === item.object.id) {
        found.push(held.bytes);
        missing.delete(held.id);
        if (missing.size === 0) break;
      }
    }
  } finally {
    await file.close();
  }
  return found;
}

/** Large reads: fewer calls into the thread pool per gigabyte of pack. */
const READ_BYTES = 4 << 20;

async function* packFileChunks(file: FileHandle): AsyncGenerator<Uint8Array> {
  for await (const piece of file.createReadStream({ start: 0, highWaterMark: READ_BYTES, autoClose: false })) yield piece as Buffer;
}

/** Whether the first piece of a chunk can begin an Arrow IPC file (a piece may be shorter than the magic). */
function mayStartArrowFile(piece: Uint8Array): boolean {
  return ARROW_MAGIC.every((byte, i) => i >= piece.length || piece[i] === byte);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a pack file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
