import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './private-files';

const SHA256_HEX = /^[0-9a-f]{64}$/;
export const CHUNK_FOLDER_NAME = /^[0-9a-f]{2}$/;
const PARTIAL_NAME = /^\.([0-9a-f]{64})\.[0-9a-f]{12}\.partial$/;
/** Bytes handed to the OS but not yet written; bounds the memory a writer holds on to. */
const MAX_WRITE_BYTES_IN_FLIGHT = 8 << 20;

export class ChunkStoreError extends Error {
  override readonly name = 'ChunkStoreError';
}

export interface BeginOptions {
  /**
   * The caller hashes exactly the bytes it appends (the pack reader does, as it streams them) and
   * commits only when they hash to the name; the writer then does not hash them a second time.
   */
  readonly hashedByCaller?: boolean;
}

/** A file found in the chunk folder: a chunk under its name, or a temporary file left by a crash. */
export interface ChunkFile {
  readonly path: string;
  readonly sha256: string;
  readonly partial: boolean;
  readonly size: number;
}

/**
 * Evidence chunks by SHA-256 in a folder beside the database: `chunks/ab/abcdef…`. A chunk is
 * written to a temporary file, synced, and renamed into place only when its bytes hash to its
 * name, so a crash leaves either the whole chunk or nothing under its name. Chunks are immutable:
 * writing one that exists is a no-op.
 */
export class ChunkStore {
  /** Two-hex-digit folders known to exist, so that writing a chunk costs no mkdir. */
  private readonly folders = new Set<string>();

  constructor(readonly rootDir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new ChunkStoreError(`chunk name "${sha256.slice(0, 80)}" is not a lowercase SHA-256`);
    return join(this.rootDir, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.sizeOf(sha256)) !== undefined;
  }

  /** The size of the stored chunk in bytes, or undefined when there is none. */
  async sizeOf(sha256: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch {
      return undefined;
    }
  }

  /** Begins writing a chunk expected to hash to `sha256`; `commit()` checks and publishes it. */
  async begin(sha256: string, options: BeginOptions = {}): Promise<ChunkWriter> {
    const finalPath = this.pathOf(sha256);
    const dir = join(this.rootDir, sha256.slice(0, 2));
    if (!this.folders.has(dir)) {
      await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      await chmod(dir, PRIVATE_FOLDER_MODE);
      this.folders.add(dir);
    }
    const tempPath = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.partial`);
    const file = await open(tempPath, 'wx', PRIVATE_FILE_MODE);
    try {
      await file.chmod(PRIVATE_FILE_MODE);
    } catch (error) {
      await file.close();
      await rm(tempPath, { force: true });
      throw error;
    }
    return new ChunkWriter(sha256, finalPath, tempPath, file, options.hashedByCaller !== true);
  }

  async write(sha256: string, bytes: Uint8Array): Promise<void> {
    const writer = await this.begin(sha256);
    try {
      await writer.append(bytes);
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  /** Reads a stored chunk into `target`, which must be exactly its size. */
  async readInto(sha256: string, target: Uint8Array): Promise<void> {
    const file = await open(this.pathOf(sha256), 'r');
    try {
      let filled = 0;
      while (filled < target.length) {
        const { bytesRead } = await file.read(target, filled, target.length - filled, filled);
        if (bytesRead === 0) throw new ChunkStoreError(`chunk ${sha256.slice(0, 12)}…: ${filled} bytes on disk, ${target.length} expected`);
        filled += bytesRead;
      }
    } finally {
      await file.close();
    }
  }

  stream(sha256: string) {
    return createReadStream(this.pathOf(sha256), { highWaterMark: 1 << 20 });
  }

  /** Re-hashes a stored chunk; false when it is missing or its bytes no longer match its name. */
  async verify(sha256: string): Promise<boolean> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of this.stream(sha256)) hash.update(chunk as Buffer);
    } catch {
      return false;
    }
    return hash.digest('hex') === sha256;
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /**
   * Makes renames in the given two-hex-digit folders durable (the folders' entries, not only the
   * files' bytes). Platforms that cannot sync a folder (Windows) journal renames themselves.
   */
  async syncFolders(prefixes: Iterable<string>): Promise<void> {
    for (const prefix of new Set(prefixes)) await syncFolder(join(this.rootDir, prefix));
    await syncFolder(this.rootDir);
  }

  /** Every file in the chunk folder, chunks and leftover temporary files alike. */
  async *files(): AsyncGenerator<ChunkFile> {
    let folders: string[];
    try {
      folders = (await readdir(this.rootDir)).filter((name) => CHUNK_FOLDER_NAME.test(name)).sort();
    } catch {
      return;
    }
    for (const folder of folders) {
      for (const name of (await readdir(join(this.rootDir, folder))).sort()) {
        const path = join(this.rootDir, folder, name);
        const partial = PARTIAL_NAME.exec(name);
        if (!partial && !SHA256_HEX.test(name)) continue;
        const info = await stat(path).catch(() => undefined);
        if (info?.isFile()) yield { path, sha256: partial ? partial[1]! : name, partial: partial !== null, size: info.size };
      }
    }
  }
}

async function syncFolder(path: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'ENOENT') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes are positional and overlap with the caller's next piece, so bytes appended must stay
 * unchanged until `commit()` or `abort()` returns.
 */
export class ChunkWriter {
  private readonly hash;
  private readonly pending: { readonly done: Promise<void>; readonly bytes: number }[] = [];
  private bytesInFlight = 0;
  private size = 0;

  constructor(
    readonly sha256: string,
    private readonly finalPath: string,
    private readonly tempPath: string,
    private readonly file: FileHandle,
    hashing: boolean,
  ) {
    this.hash = hashing ? createHash('sha256') : undefined;
  }

  get bytesWritten(): number {
    return this.size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.hash?.update(bytes);
    const done = writeFully(this.file, bytes, this.size);
    // Awaited in order below or in commit/abort; a failure surfaces there, not as unhandled.
    done.catch(() => undefined);
    this.pending.push({ done, bytes: bytes.length });
    this.bytesInFlight += bytes.length;
    this.size += bytes.length;
    while (this.bytesInFlight > MAX_WRITE_BYTES_IN_FLIGHT) await this.settleOldest();
  }

  /** Publishes the chunk under its name once its bytes are on disk (synced unless `sync` is false). */
  async commit(options: { readonly sync?: boolean } = {}): Promise<void> {
    try {
      while (this.pending.length > 0) await this.settleOldest();
      if (this.hash) {
        const actual = this.hash.digest('hex');
        if (actual !== this.sha256) throw new ChunkStoreError(`chunk ${this.sha256.slice(0, 12)}…: its bytes hash to ${actual.slice(0, 12)}…`);
      }
      if (options.sync !== false) await this.file.sync();
      await this.file.close();
      await rename(this.tempPath, this.finalPath);
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.pending.splice(0).map((write) => write.done));
    this.bytesInFlight = 0;
    await this.file.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.pending.shift()!;
    this.bytesInFlight -= oldest.bytes;
    await oldest.done;
  }
}

async function writeFully(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset, position + offset);
    offset += bytesWritten;
  }
}
