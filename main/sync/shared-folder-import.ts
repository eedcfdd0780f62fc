import { constants, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { kindOfPayloadType } from '../../shared/objects/envelope';
import { MAX_SIGNED_OBJECT_BYTES, startsLikeSignedObject } from '../../shared/pack/entry-kind';
import { writePack, type PackObjectSource } from '../../shared/pack/pack-writer';
import type { Sha256Hex } from '../../shared/objects/types';
import type { ReadableDb } from '../store/database';
import { importPack, type ImportRejection } from '../store/import-pack';
import type { Store } from '../store/store';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import type { FolderObject } from './shared-folder-layout';

/** Bounds of one import from the folder: a flood of new files is taken in several packs, never held at once. */
export interface FolderImportLimits {
  /** Signed objects' bytes held in memory for one pack. */
  readonly heldBytes: number;
  /** Chunk bytes copied into one staging pack. */
  readonly chunkBytes: number;
  readonly objects: number;
}

export const DEFAULT_FOLDER_IMPORT_LIMITS: FolderImportLimits = { heldBytes: 64 << 20, chunkBytes: 1 << 30, objects: 20_000 };

export interface FolderImportResult {
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  readonly rejections: readonly ImportRejection[];
  /** Files no stored incident lists as evidence and that are no signed object: left unread until one does. */
  readonly waiting: number;
  /** Files larger than the evidence entry that names them: never read. */
  readonly oversized: number;
}

/** Why a file was refused, and which version of it: it is offered again only when it changes, or (`rosters`) when the roster chain grew. */
interface Refusal {
  readonly size: number;
  readonly mtimeMs: number;
  /** Roster objects in the store when it was refused; undefined when no roster can change the answer (its bytes are not its name). */
  readonly rosters: number | undefined;
}

type Candidate = { readonly file: FolderObject; readonly source: PackObjectSource; readonly held: number; readonly chunkBytes: number };

/** Pack-level codes whose answer no later object can change. */
const FINAL_CODES = new Set(['digest-mismatch', 'size-mismatch', 'duplicate-object', 'index-kind-mismatch']);

/**
 * Imports the folder's objects that the store lacks through the one verified import
 * (main/store/import-pack.ts): they are copied into a staging pack, named by their file names, so
 * that a file whose bytes are not its name is refused as `digest-mismatch`, and everything else is
 * verified and quarantined exactly as from any pack. Chunks are taken only once a stored incident
 * lists them, and never beyond the size it lists, so a huge or stray file is never read.
 */
export class FolderImporter {
  private readonly refused = new Map<string, Refusal>();
  /** Small files that are not signed objects, by version: not read again while they wait for an incident that lists them. */
  private readonly notSigned = new Map<string, { size: number; mtimeMs: number }>();
  private packs = 0;

  constructor(
    private readonly store: Store,
    private readonly reads: ReadableDb,
    private readonly stagingDir: string,
    private readonly verifier?: StatementBatchVerifier,
    private readonly limits: FolderImportLimits = DEFAULT_FOLDER_IMPORT_LIMITS,
  ) {}

  /** Removes staging packs a crash left behind: their objects are still in the folder. */
  async clearStaging(): Promise<void> {
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.stagingDir)) await rm(join(this.stagingDir, name), { force: true });
  }

  /** Imports what the store lacks among `files`, in as many packs as the limits ask; a pack that adds incidents may make chunks importable, so it goes on until nothing new lands. */
  async importNew(files: readonly FolderObject[], stopped: () => boolean = () => false): Promise<FolderImportResult> {
    const totals = { added: 0, present: 0, rejected: 0, rejections: [] as ImportRejection[], waiting: 0, oversized: 0 };
    // Each file goes into at most one pack per call, whatever the import answered: the loop ends.
    const tried = new Set<string>();
    for (;;) {
      const selection = await this.select(files, tried);
      totals.waiting = selection.waiting;
      totals.oversized = selection.oversized;
      if (selection.batch.length === 0 || stopped()) return totals;
      const report = await this.importBatch(selection.batch);
      totals.added += report.added;
      totals.present += report.present;
      totals.rejected += report.rejected;
      totals.rejections.push(...report.rejections);
      if (report.added === 0 && !selection.more) return totals;
    }
  }

  /** One pack's worth of files to import, and what waits. */
  private async select(files: readonly FolderObject[], tried: Set<string>): Promise<{ batch: Candidate[]; more: boolean; waiting: number; oversized: number }> {
    const isStored = this.reads.prepare('SELECT 1 FROM objects WHERE id = ?').pluck();
    const listedSize = this.reads.prepare('SELECT max(size) FROM incident_evidence WHERE sha256 = ?').pluck();
    const rosters = this.reads.prepare("SELECT count(*) FROM objects WHERE kind = 'roster'").pluck().get() as number;
    const batch: Candidate[] = [];
    let held = 0;
    let chunkBytes = 0;
    let waiting = 0;
    let oversized = 0;
    let more = false;
    for (const file of files) {
      if (tried.has(file.id) || isStored.get(file.id) !== undefined || this.stillRefused(file, rosters)) continue;
      if (batch.length >= this.limits.objects || held >= this.limits.heldBytes || chunkBytes >= this.limits.chunkBytes) {
        more = true;
        break;
      }
      const listed = listedSize.get(file.id) as number | null;
      const candidate = await this.candidate(file, listed);
      if (candidate === 'waiting') waiting += 1;
      else if (candidate === 'oversized') {
        oversized += 1;
        this.refused.set(file.id, { size: file.size, mtimeMs: file.mtimeMs, rosters: undefined });
      } else if (candidate !== 'gone') {
        tried.add(file.id);
        batch.push(candidate);
        held += candidate.held;
        chunkBytes += candidate.chunkBytes;
      }
    }
    return { batch, more, waiting, oversized };
  }

  private stillRefused(file: FolderObject, rosters: number): boolean {
    const refusal = this.refused.get(file.id);
    if (refusal === undefined || refusal.size !== file.size || refusal.mtimeMs !== file.mtimeMs) return false;
    return refusal.rosters === undefined || refusal.rosters === rosters;
  }

  private async candidate(file: FolderObject, listedSize: number | null): Promise<Candidate | 'waiting' | 'oversized' | 'gone'> {
    const chunk = (): Candidate => ({
      file,
      source: { id: file.id as Sha256Hex, kind: 'chunk', size: file.size, open: () => readExactly(file.path, file.size) },
      held: 0,
      chunkBytes: file.size,
    });
    const knownNotSigned = this.notSigned.get(file.id);
    if (file.size > MAX_SIGNED_OBJECT_BYTES || (knownNotSigned?.size === file.size && knownNotSigned.mtimeMs === file.mtimeMs)) {
      if (listedSize === null) return 'waiting';
      return file.size > listedSize ? 'oversized' : chunk();
    }
    const bytes = await readSmallFile(file.path, MAX_SIGNED_OBJECT_BYTES);
    if (bytes === undefined) return 'gone';
    const kind = signedKindOf(bytes);
    if (kind !== undefined) return { file, source: { id: file.id as Sha256Hex, kind, size: bytes.length, open: () => bytes }, held: bytes.length, chunkBytes: 0 };
    this.notSigned.set(file.id, { size: file.size, mtimeMs: file.mtimeMs });
    if (listedSize === null) return 'waiting';
    return file.size > listedSize ? 'oversized' : chunk();
  }

  private async importBatch(batch: readonly Candidate[]): Promise<{ added: number; present: number; rejected: number; rejections: readonly ImportRejection[] }> {
    await mkdir(this.stagingDir, { recursive: true, mode: 0o700 });
    this.packs += 1;
    const pack = join(this.stagingDir, `shared-folder-${Date.now()}-${this.packs}.pack`);
    try {
      // Not checked against the names while written: a file whose bytes are not its name must reach the import, which quarantines it.
      await pipeline(
        Readable.from(
          writePack(
            'sync',
            batch.map((c) => c.source),
          ),
        ),
        createWriteStream(pack, { mode: 0o600 }),
      );
      const report = await importPack(this.store, pack, this.verifier ? { verifier: this.verifier } : {});
      const rosters = this.reads.prepare("SELECT count(*) FROM objects WHERE kind = 'roster'").pluck().get() as number;
      const byId = new Map(batch.map((c) => [c.file.id, c.file]));
      for (const rejection of report.rejections) {
        const file = rejection.id === undefined ? undefined : byId.get(rejection.id);
        if (file) this.refused.set(file.id, { size: file.size, mtimeMs: file.mtimeMs, rosters: FINAL_CODES.has(rejection.code) ? undefined : rosters });
      }
      return report;
    } finally {
      await rm(pack, { force: true });
    }
  }
}

/** The kind a signed object's envelope names, read without verifying anything (the import does); undefined for bytes that are no envelope. */
export function signedKindOf(bytes: Uint8Array): PackObjectSource['kind'] | undefined {
  if (!startsLikeSignedObject(bytes)) return undefined;
  try {
    const envelope = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as { payloadType?: unknown };
    return typeof envelope.payloadType === 'string' ? kindOfPayloadType(envelope.payloadType) : undefined;
  } catch {
    return undefined;
  }
}

/** A regular file's bytes, at most `max` (a file that grew past it is read again as it is next time); undefined when it is gone or not a regular file. */
async function readSmallFile(path: string, max: number): Promise<Uint8Array | undefined> {
  const file = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch(() => undefined);
  if (file === undefined) return undefined;
  try {
    const info = await file.stat();
    if (!info.isFile() || info.size > max) return undefined;
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await file.close();
  }
}

/** Streams exactly `size` bytes of a regular file: a file that shrank fails the staging pack, which is tried again at the next scan. */
async function* readExactly(path: string, size: number): AsyncGenerator<Uint8Array> {
  const file = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    if (!(await file.stat()).isFile()) throw new Error(`${path}: not a regular file`);
    let position = 0;
    while (position < size) {
      const piece = new Uint8Array(Math.min(4 << 20, size - position));
      const { bytesRead } = await file.read(piece, 0, piece.length, position);
      if (bytesRead === 0) throw new Error(`${path}: shorter than the ${size} bytes it had when the folder was scanned`);
      position += bytesRead;
      yield piece.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
