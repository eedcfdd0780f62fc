export type ImportPhase =
  /** Reading the rosters a pack brings, before anything else: statements are verified against them. */
  | 'rosters'
  /** Streaming, verifying and writing every object. */
  | 'objects'
  /** Syncing chunks to disk and committing the transaction. */
  | 'commit'
  | 'done';

/** What an import has done so far; totals come from the pack's index. */
export interface ImportProgress {
  readonly source: string;
  readonly phase: ImportPhase;
  readonly objectsDone: number;
  readonly objectsTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly elapsedMs: number;
  /** Object bytes a second over the import so far; 0 until a rate can be measured. */
  readonly bytesPerSecond: number;
  /** At the current rate; undefined while no rate is known. */
  readonly secondsLeft: number | undefined;
}

export type ProgressListener = (progress: ImportProgress) => void;

/** Events at most every `intervalMs`, plus one at every phase change: a listener may redraw on each. */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressTracker {
  private phase: ImportPhase = 'rosters';
  private objectsDone = 0;
  private bytesDone = 0;
  private lastEmitted = -Infinity;
  private readonly startedAt: number;

  constructor(
    private readonly source: string,
    private readonly objectsTotal: number,
    private readonly bytesTotal: number,
    private readonly listener: ProgressListener | undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
  }

  enter(phase: ImportPhase): void {
    this.phase = phase;
    this.emit(true);
  }

  bytes(count: number): void {
    this.bytesDone += count;
    this.emit(false);
  }

  objectDone(): void {
    this.objectsDone += 1;
    this.emit(false);
  }

  private emit(force: boolean): void {
    if (!this.listener) return;
    const now = this.clock();
    if (!force && now - this.lastEmitted < PROGRESS_INTERVAL_MS) return;
    this.lastEmitted = now;
    const elapsedMs = now - this.startedAt;
    const bytesPerSecond = elapsedMs > 0 && this.bytesDone > 0 ? (this.bytesDone * 1000) / elapsedMs : 0;
    const bytesDone = Math.min(this.bytesDone, this.bytesTotal);
    this.listener({
      source: this.source,
      phase: this.phase,
      objectsDone: this.objectsDone,
      objectsTotal: this.objectsTotal,
      bytesDone,
      bytesTotal: this.bytesTotal,
      elapsedMs,
      bytesPerSecond,
      secondsLeft: bytesPerSecond > 0 ? (this.bytesTotal - bytesDone) / bytesPerSecond : undefined,
    });
  }
}

const BAR_WIDTH = 24;

/** One terminal line: a bar, the share done, objects, megabytes, the rate and the time left. */
export function progressLine(progress: ImportProgress): string {
  const share = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : progress.objectsTotal > 0 ? progress.objectsDone / progress.objectsTotal : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const left = progress.secondsLeft === undefined ? '' : `, ${formatSeconds(progress.secondsLeft)} left`;
  const phase = progress.phase === 'objects' ? '' : ` (${progress.phase === 'rosters' ? 'reading rosters' : progress.phase === 'commit' ? 'syncing and committing' : 'done'})`;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%` +
    ` ${progress.objectsDone}/${progress.objectsTotal} objects, ${mb(progress.bytesDone)}/${mb(progress.bytesTotal)} MB, ${mb(progress.bytesPerSecond)} MB/s${left}${phase}`
  );
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.ceil(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
