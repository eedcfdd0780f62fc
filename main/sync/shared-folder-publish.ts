import { createHash } from 'node:crypto';
import { link, lstat, mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { ReadableDb } from '../store/database';
import type { ChunkStore } from '../store/chunk-store';
import { objectPath, objectsRoot, temporaryPath } from './shared-folder-layout';

/** Errors of file systems that cannot make hard links (some network shares, FAT): the object is renamed into place after a check instead. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

export class PublishError extends Error {
  override readonly name = 'PublishError';
}

/**
 * Puts one object into the folder under its name: written to a temporary file in its prefix folder,
 * hashed on the way (bytes that do not hash to the name never get it), synced, then hard-linked to
 * its name, which fails when the name exists, so an object already there is never overwritten.
 * 'present' when the name was taken (by the same object from a peer, or by anything else).
 */
export async function publishObject(folder: string, id: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<'written' | 'present'> {
  const target = objectPath(folder, id);
  if (await exists(target)) return 'present';
  await mkdir(dirname(target), { recursive: true });
  const temp = temporaryPath(folder, id);
  const file = await open(temp, 'wx');
  try {
    await writeHashed(file, id, content);
    await file.sync();
    await file.close();
    return await linkIntoPlace(temp, target);
  } finally {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
  }
}

async function writeHashed(file: FileHandle, id: string, content: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
  const hash = createHash('sha256');
  for await (const piece of content instanceof Uint8Array ? [content] : content) {
    hash.update(piece);
    let offset = 0;
    while (offset < piece.length) offset += (await file.write(piece, offset, piece.length - offset)).bytesWritten;
  }
  const actual = hash.digest('hex');
  if (actual !== id) throw new PublishError(`object ${id.slice(0, 12)}…: its stored bytes hash to ${actual.slice(0, 12)}…, not published`);
}

async function linkIntoPlace(temp: string, target: string): Promise<'written' | 'present'> {
  try {
    await link(temp, target);
    return 'written';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return 'present';
    if (!NO_HARD_LINKS.has(code)) throw error;
  }
  // Without hard links a peer's copy could land between the check and the rename; it is the same object, so the rename replaces it with the same bytes.
  if (await exists(target)) return 'present';
  await rename(temp, target);
  return 'written';
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}

export interface StorePublishResult {
  readonly written: number;
  readonly present: number;
  /** Objects that could not be published (a chunk file missing from the store, a write that failed), with the first reason. */
  readonly failed: number;
  readonly firstFailure: string | null;
  /** The last object row looked at: the next publish starts after it. */
  readonly cursor: number;
}

interface ObjectRow {
  readonly rowid: number;
  readonly id: string;
  readonly kind: PackObjectKind;
}

const PAGE_ROWS = 500;

/**
 * Publishes the store's objects from row `after` on that the folder lacks (`inFolder` names what it
 * holds; names written are added to it). Reads through a read-only connection, so that only
 * committed objects are published and a rolled-back import leaves nothing behind in the folder.
 */
export async function publishStore(reads: ReadableDb, chunks: ChunkStore, folder: string, inFolder: Set<string>, after: number, stopped: () => boolean = () => false): Promise<StorePublishResult> {
  const page = reads.prepare('SELECT rowid, id, kind FROM objects WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const body = reads.prepare('SELECT body FROM objects WHERE rowid = ?').pluck();
  let cursor = after;
  let written = 0;
  let present = 0;
  let failed = 0;
  let firstFailure: string | null = null;
  const prefixes = new Set<string>();
  for (;;) {
    const rows = page.all(cursor, PAGE_ROWS) as ObjectRow[];
    if (rows.length === 0 || stopped()) break;
    for (const row of rows) {
      cursor = row.rowid;
      if (inFolder.has(row.id)) continue;
      try {
        const content = row.kind === 'chunk' ? chunks.stream(row.id) : new Uint8Array(body.get(row.rowid) as Buffer);
        const outcome = await publishObject(folder, row.id, content);
        if (outcome === 'written') {
          written += 1;
          prefixes.add(row.id.slice(0, 2));
        } else present += 1;
        inFolder.add(row.id);
      } catch (error) {
        failed += 1;
        firstFailure ??= `${row.kind} ${row.id.slice(0, 12)}…: ${describe(error)}`;
      }
      if (stopped()) break;
    }
  }
  await syncFolders([...prefixes].map((prefix) => join(objectsRoot(folder), prefix)));
  return { written, present, failed, firstFailure, cursor };
}

/** Makes the renames durable; a folder that cannot be synced (Windows, some network shares) is left to the file system. */
async function syncFolders(folders: readonly string[]): Promise<void> {
  for (const folder of folders) {
    const handle = await open(folder, 'r').catch(() => undefined);
    await handle?.sync().catch(() => undefined);
    await handle?.close();
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'its file is missing';
  if (code === 'ENOSPC') return 'the folder’s disk is full';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
