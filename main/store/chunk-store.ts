import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class ChunkStoreError extends Error {
  override readonly name = 'ChunkStoreError';
}

/**
 * Evidence chunks by SHA-256 in a folder beside the database: `chunks/ab/abcdef…`. A chunk is
 * written to a temporary file, synced, and renamed into place only when its bytes hash to its
 * name, so a crash leaves either the whole chunk or nothing under its name. Chunks are immutable:
 * writing one that exists is a no-op.
 */
export class ChunkStore {
  constructor(readonly rootDir: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new ChunkStoreError(`chunk name "${sha256.slice(0, 80)}" is not a lowercase SHA-256`);
    return join(this.rootDir, sha256.slice(0, 2), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }

  /** Begins writing a chunk expected to hash to `sha256`; `commit()` checks and publishes it. */
  async begin(sha256: string): Promise<ChunkWriter> {
    const finalPath = this.pathOf(sha256);
    const dir = join(this.rootDir, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const tempPath = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.partial`);
    return new ChunkWriter(sha256, finalPath, tempPath, await open(tempPath, 'wx'));
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

  stream(sha256: string) {
    return createReadStream(this.pathOf(sha256));
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
}

export class ChunkWriter {
  private readonly hash = createHash('sha256');
  private size = 0;

  constructor(
    readonly sha256: string,
    private readonly finalPath: string,
    private readonly tempPath: string,
    private readonly file: Awaited<ReturnType<typeof open>>,
  ) {}

  get bytesWritten(): number {
    return this.size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    this.hash.update(bytes);
    this.size += bytes.length;
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }

  async commit(): Promise<void> {
    const actual = this.hash.digest('hex');
    if (actual !== this.sha256) {
      await this.abort();
      throw new ChunkStoreError(`chunk ${this.sha256.slice(0, 12)}…: its bytes hash to ${actual.slice(0, 12)}…`);
    }
    await this.file.sync();
    await this.file.close();
    await rename(this.tempPath, this.finalPath);
  }

  async abort(): Promise<void> {
    await this.file.close().catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}
