export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const NO_BYTES = new Uint8Array(0);

/**
 * Pulls bytes from chunks of any size. `take` hands out views into the caller's chunks without
 * copying, so a source must not reuse a chunk's memory after yielding it.
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private chunk: Uint8Array = NO_BYTES;
  private offset = 0;
  private ended = false;
  private consumedBytes = 0;

  constructor(chunks: ByteChunks) {
    this.iterator = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]();
  }

  /** Bytes handed out so far. */
  get consumed(): number {
    return this.consumedBytes;
  }

  /** Up to `max` bytes (at least one) of the chunk at hand without waiting, or undefined if it is used up. */
  takeBuffered(max: number): Uint8Array | undefined {
    const length = Math.min(max, this.chunk.length - this.offset);
    if (length <= 0) return undefined;
    const view = this.chunk.subarray(this.offset, this.offset + length);
    this.offset += length;
    this.consumedBytes += length;
    return view;
  }

  /** Exactly `length` bytes if the chunk at hand holds them, without waiting; otherwise undefined. */
  readBuffered(length: number): Uint8Array | undefined {
    return this.chunk.length - this.offset >= length ? this.takeBuffered(length) : undefined;
  }

  /** Up to `max` bytes (at least one), or undefined at the end of the input. */
  async take(max: number): Promise<Uint8Array | undefined> {
    return (await this.fill()) ? this.takeBuffered(max) : undefined;
  }

  /** Exactly `length` bytes, or fewer only where the input ends. */
  async read(length: number): Promise<Uint8Array> {
    if (!(await this.fill())) return NO_BYTES;
    const whole = this.readBuffered(length);
    if (whole) return whole;
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const piece = await this.take(length - filled);
      if (!piece) return bytes.subarray(0, filled);
      bytes.set(piece, filled);
      filled += piece.length;
    }
    return bytes;
  }

  /** Lets the input go (closes a file stream, ends a generator) when reading stops early. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.chunk = NO_BYTES;
    await this.iterator.return?.();
  }

  private async fill(): Promise<boolean> {
    while (this.offset >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      if (!(next.value instanceof Uint8Array)) throw new TypeError('a byte source yielded something other than a Uint8Array');
      this.chunk = next.value;
      this.offset = 0;
    }
    return true;
  }
}
