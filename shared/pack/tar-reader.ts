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

/**
 * An entry's content as views into the input chunks. Readable once, and only until the reader is
 * asked for the next entry (which skips whatever was not read).
 */
export interface TarEntryContent extends AsyncIterable<Uint8Array> {
  /** Sees every content chunk, read or skipped, in order; set before reading starts. */
  observe(observer: (chunk: Uint8Array) => void): void;
  /** Skips the content not read yet (still shown to the observer). */
  skipRest(): Promise<void>;
}

export interface TarEntry {
  readonly header: UstarHeader;
  /** 1 for the first entry. */
  readonly position: number;
  /** Byte offset of the entry's header in the archive. */
  readonly offset: number;
  readonly content: TarEntryContent;
}

const TRAILING_READ_BYTES = 64 * 1024;

/**
 * Streams the entries of a ustar archive: regular files with flat, safe names, closed by two zero
 * blocks and followed by nothing but zero bytes. Anything else ends the iteration with a PackError.
 */
export async function* readTar(chunks: ByteChunks, limits: Partial<TarLimits> = {}): AsyncGenerator<TarEntry, void, undefined> {
  const bounds: TarLimits = { ...DEFAULT_TAR_LIMITS, ...limits };
  const source = new ByteSource(chunks);
  try {
    for (let position = 1; ; position++) {
      const offset = source.consumed;
      const block = source.readBuffered(BLOCK_SIZE) ?? (await source.read(BLOCK_SIZE));
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
  } finally {
    await source.close();
  }
}

export function paddedSize(size: number): number {
  return Math.ceil(size / BLOCK_SIZE) * BLOCK_SIZE;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

// A hand-written iterator rather than an async generator: content chunks are the hot path, and a
// chunk already at hand is handed out without waiting on the input.
class EntryContent implements TarEntryContent {
  private remaining: number;
  private started = false;
  private finished = false;
  private observer: ((chunk: Uint8Array) => void) | undefined;

  constructor(
    private readonly source: ByteSource,
    private readonly size: number,
    private readonly where: string,
  ) {
    this.remaining = size;
  }

  observe(observer: (chunk: Uint8Array) => void): void {
    if (this.started) throw new Error(`${this.where}: an observer must be set before the content is read`);
    this.observer = observer;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array, undefined> {
    if (this.started) throw new Error(`${this.where}: the content of an entry can be read only once`);
    this.started = true;
    return { next: () => this.next() };
  }

  async skipRest(): Promise<void> {
    while (this.remaining > 0) if (!this.takeBuffered()) await this.takeAfterWait();
  }

  /** Skips the unread content and the padding up to the next block. */
  async skipToEnd(): Promise<void> {
    await this.skipRest();
    const paddingLength = paddedSize(this.size) - this.size;
    const padding = this.source.readBuffered(paddingLength) ?? (await this.source.read(paddingLength));
    if (padding.length < paddingLength) throw this.truncated();
    if (!isAllZero(padding)) throw new PackError('bad-padding', `${this.where}: the padding after the content is not zero bytes`);
    this.finished = true;
  }

  private next(): Promise<IteratorResult<Uint8Array, undefined>> {
    if (this.finished) return Promise.reject(new Error(`${this.where}: content read after the reader moved to the next entry`));
    if (this.remaining === 0) return Promise.resolve(DONE);
    const piece = this.takeBuffered();
    if (piece) return Promise.resolve({ done: false, value: piece });
    return this.takeAfterWait().then((value) => ({ done: false, value }));
  }

  private takeBuffered(): Uint8Array | undefined {
    const piece = this.source.takeBuffered(this.remaining);
    if (piece) this.consumed(piece);
    return piece;
  }

  private async takeAfterWait(): Promise<Uint8Array> {
    const piece = await this.source.take(this.remaining);
    if (!piece) throw this.truncated();
    this.consumed(piece);
    return piece;
  }

  private consumed(piece: Uint8Array): void {
    this.remaining -= piece.length;
    this.observer?.(piece);
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
