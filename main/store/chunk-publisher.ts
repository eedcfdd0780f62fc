import type { ChunkStore, ChunkWriter } from './chunk-store';

/** Chunks synced at once in the background; more would crowd reads and writes out of libuv's pool. */
const SYNCS_AT_ONCE = 2;

/**
 * Publishes the chunks of one import: each is synced and renamed into place in the background
 * while the next streams in, so the disk works while the CPU hashes. Remembers which files it
 * created, so that a failed import can take them away again.
 */
export class ChunkPublisher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly created = new Set<string>();
  private failure: unknown;

  constructor(private readonly chunks: ChunkStore) {}

  /** Two-hex-digit folders that received a chunk: their entries are synced before the commit. */
  get folders(): string[] {
    return [...this.created].map((id) => id.slice(0, 2));
  }

  begin(id: string): Promise<ChunkWriter> {
    this.throwIfFailed();
    // The pack reader hashes every byte it hands out and reports whether they match the name.
    return this.chunks.begin(id, { hashedByCaller: true });
  }

  /** Schedules `writer` to be published; call only once the pack reader verified its bytes. */
  async publish(writer: ChunkWriter): Promise<void> {
    this.throwIfFailed();
    const task: Promise<void> = writer.commit().then(
      () => {
        this.created.add(writer.sha256);
        this.inFlight.delete(task);
      },
      (error: unknown) => {
        this.failure ??= error;
        this.inFlight.delete(task);
      },
    );
    this.inFlight.add(task);
    while (this.inFlight.size >= SYNCS_AT_ONCE) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  /** Waits for every chunk to be on disk and its folder entry synced. */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    await this.chunks.syncFolders(this.folders);
  }

  /** After a failed import, or for chunks refused at the end: their files go again. */
  async discard(ids?: Iterable<string>): Promise<void> {
    await Promise.allSettled(this.inFlight);
    for (const id of ids ?? [...this.created]) {
      if (!this.created.delete(id)) continue;
      await this.chunks.remove(id);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
