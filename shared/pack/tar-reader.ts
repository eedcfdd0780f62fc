import { ByteSource, type ByteChunks } from './byte-source';
import { PackError } from './pack-error';
import { BLOCK_SIZE, decodeUstarHeader, isAllZero, type UstarHeader } from './ustar-header';

/** Bounds that keep a hostile archive (a tar bomb) from exhausting memory or disk. */
export interface TarLimits {
  readonly maxEntryBytes: number;
  readonly maxEntries: number;
  /** Every byte of the archive counts: headers, content, padding, trailing zeros. */
  readonly maxArchiveBytes: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxEntryBytes: 4 * 1024 ** 3,
  maxEntries: 1_000_000,
  maxArchiveBytes: 64 * 1024 ** 3,
};

export interface TarEntry {
  readonly header: UstarHeader;
  /** 1 for the first entry. */
  readonly position: number;
  /** Byte offset of the entry's header in the archive. */
  readonly offset: number;
  /**
   * The content as views into the input chunks. Readable once, and only until the reader is asked
   * for the next entry (which skips whatever was not read).
   */
  readonly content: AsyncIterable<Uint8Array>;
}

const TRAILING_READ_BYTES = 64 * 1024;

/**
 * Streams the entries of a ustar archive: regular files with flat, safe names, closed by two zero
 * blocks and followed by nothing but zero bytes. Anything else ends the iteration with a PackError.
 */
export async function* readTar(chunks: ByteChunks, limits: Partial<TarLimits> = {}): AsyncGenerator<TarEntry, void, undefined> {
  const bounds: TarLimits = { ...DEFAULT_TAR_LIMITS, ...limits };
  const source = new ByteSource(chunks);
  for (let position = 1; ; position++) {
    const offset = source.consumed;
    const block = await source.read(BLOCK_SIZE);
    if (block.length === 0) {
      const reason = offset === 0 ? 'the input is empty' : `the input ends at byte ${offset} without the two zero blocks that close a tar archive`;
      throw new PackError('missing-end-of-archive', reason);
    }
    if (block.length < BLOCK_SIZE) throw new PackError('truncated', `the input ends inside the header of entry ${position} at byte ${offset}`);
    if (isAllZero(block)) {
      await readEndOfArchive(source, offset, bounds);
      return;
    }
    const where = `entry ${position} at byte ${offset}`;
    const header = decodeUstarHeader(block, where);
    if (position > bounds.maxEntries) throw new PackError('too-many-entries', `${where}: more than ${bounds.maxEntries} entries`);
    if (header.size > bounds.maxEntryBytes) {
      throw new PackError('entry-too-large', `${where}: ${header.size} bytes exceeds the limit of ${bounds.maxEntryBytes}`);
    }
    const end = source.consumed + paddedSize(header.size);
    if (end > bounds.maxArchiveBytes) {
      throw new PackError('archive-too-large', `${where}: the archive would exceed the limit of ${bounds.maxArchiveBytes} bytes`);
    }
    const content = new EntryContent(source, header.size, where);
    yield { header, position, offset, content };
    await content.skipToEnd();
  }
}

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK_SIZE) * BLOCK_SIZE;
}

class EntryContent implements AsyncIterable<Uint8Array> {
  private remaining: number;
  private started = false;
  private finished = false;

  constructor(
    private readonly source: ByteSource,
    private readonly size: number,
    private readonly where: string,
  ) {
    this.remaining = size;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    if (this.started) throw new Error(`${this.where}: the content of an entry can be read only once`);
    this.started = true;
    for (;;) {
      if (this.finished) throw new Error(`${this.where}: content read after the reader moved to the next entry`);
      if (this.remaining === 0) return;
      yield await this.takeSome();
    }
  }

  /** Discards the unread content and the padding up to the next block. */
  async skipToEnd(): Promise<void> {
    while (this.remaining > 0) await this.takeSome();
    const paddingLength = paddedSize(this.size) - this.size;
    const padding = await this.source.read(paddingLength);
    if (padding.length < paddingLength) throw this.truncated();
    if (!isAllZero(padding)) throw new PackError('bad-padding', `${this.where}: the padding after the content is not zero bytes`);
    this.finished = true;
  }

  private async takeSome(): Promise<Uint8Array> {
    const piece = await this.source.take(this.remaining);
    if (!piece) throw this.truncated();
    this.remaining -= piece.length;
    return piece;
  }

  private truncated(): PackError {
    return new PackError('truncated', `${this.where}: the input ends after ${this.size - this.remaining} of ${this.size} content bytes`);
  }
}

async function readEndOfArchive(source: ByteSource, firstZeroOffset: number, bounds: TarLimits): Promise<void> {
  const second = await source.read(BLOCK_SIZE);
  if (second.length === 0) throw new PackError('missing-end-of-archive', `the input ends after a single zero block at byte ${firstZeroOffset}`);
  if (second.length < BLOCK_SIZE) throw new PackError('truncated', `the input ends inside the end-of-archive blocks at byte ${firstZeroOffset}`);
  if (!isAllZero(second)) {
    throw new PackError('missing-end-of-archive', `a lone zero block at byte ${firstZeroOffset} is followed by more data`);
  }
  for (;;) {
    const offset = source.consumed;
    const rest = await source.take(TRAILING_READ_BYTES);
    if (!rest) return;
    if (!isAllZero(rest)) throw new PackError('trailing-data', `non-zero bytes after the end of the archive, from byte ${offset}`);
    if (source.consumed > bounds.maxArchiveBytes) {
      throw new PackError('archive-too-large', `the archive exceeds the limit of ${bounds.maxArchiveBytes} bytes`);
    }
  }
}
