import { adjacentPresetSpeed, checkSpeed } from './playback-speed';

/** Milliseconds from any fixed origin (performance.now() in the page, a fake in tests). */
export interface TimeSource {
  now(): number;
}

/** requestAnimationFrame in the page; tests run the frames themselves. */
export interface FrameScheduler {
  requestFrame(callback: () => void): number;
  cancelFrame(handle: number): void;
}

export const PAGE_TIME: TimeSource = { now: () => performance.now() };
export const ANIMATION_FRAMES: FrameScheduler = { requestFrame: (callback) => requestAnimationFrame(() => callback()), cancelFrame: (handle) => cancelAnimationFrame(handle) };

/** Sliding: the last `trailS` seconds up to the playhead. Cumulative: everything from the start up to the playhead. */
export type WindowMode = 'sliding' | 'cumulative';
/** A frame is what one displayed frame advances at the current speed: speed / frameRate seconds. */
export type StepUnit = 'frame' | 'second' | 'minute';

/** Seconds since the playback window start. */
export interface TimeRangeS {
  readonly fromS: number;
  readonly toS: number;
}

export interface PlaybackSnapshot {
  readonly window: TimeRangeS;
  readonly brush: TimeRangeS | undefined;
  /** Where the playhead runs: the brush, or else the whole window. */
  readonly range: TimeRangeS;
  readonly playheadS: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly loop: boolean;
  readonly mode: WindowMode;
  readonly trailS: number;
  /** The time range to draw and count: [playhead − trail, playhead] sliding, [range start, playhead] cumulative. */
  readonly visible: TimeRangeS;
}

export interface PlaybackClockOptions {
  readonly window: TimeRangeS;
  readonly playheadS?: number;
  readonly speed?: number;
  readonly loop?: boolean;
  readonly mode?: WindowMode;
  readonly trailS?: number;
  readonly frameRate?: number;
  readonly time?: TimeSource;
  readonly frames?: FrameScheduler;
}

export const DEFAULT_TRAIL_S = 60;
const STEP_SECONDS = { second: 1, minute: 60 } as const;

/**
 * The playback clock, apart from any map state: while playing it advances the playhead by the
 * elapsed time of its time source × speed on each frame, and hands every subscriber a snapshot on
 * each frame and after each change. At the end of its range it stops, or wraps when looping.
 */
export class PlaybackClock {
  private windowRange: TimeRangeS;
  private brushRange: TimeRangeS | undefined;
  private playheadS: number;
  private playing = false;
  private speed: number;
  private loop: boolean;
  private mode: WindowMode;
  private trailS: number;
  private readonly frameRate: number;
  private readonly time: TimeSource;
  private readonly frames: FrameScheduler;
  private lastNowMs = 0;
  private frameHandle: number | undefined;
  private readonly listeners = new Set<(snapshot: PlaybackSnapshot) => void>();

  constructor(options: PlaybackClockOptions) {
    this.windowRange = checkedWindow(options.window);
    this.speed = checkSpeed(options.speed ?? 1);
    this.loop = options.loop ?? false;
    this.mode = options.mode ?? 'sliding';
    this.trailS = checkedTrail(options.trailS ?? DEFAULT_TRAIL_S);
    this.frameRate = options.frameRate ?? 60;
    if (!(this.frameRate > 0 && Number.isFinite(this.frameRate))) throw new RangeError(`frame rate ${this.frameRate} is not a positive number`);
    this.time = options.time ?? PAGE_TIME;
    this.frames = options.frames ?? ANIMATION_FRAMES;
    this.playheadS = this.clamped(checkedTime('playhead', options.playheadS ?? this.windowRange.fromS));
  }

  snapshot(): PlaybackSnapshot {
    const range = this.range();
    const visible: TimeRangeS = this.mode === 'sliding' ? { fromS: this.playheadS - this.trailS, toS: this.playheadS } : { fromS: range.fromS, toS: this.playheadS };
    return {
      window: this.windowRange,
      brush: this.brushRange,
      range,
      playheadS: this.playheadS,
      playing: this.playing,
      speed: this.speed,
      loop: this.loop,
      mode: this.mode,
      trailS: this.trailS,
      visible,
    };
  }

  /** Calls `listener` with a snapshot after every frame and change; returns the unsubscribe. */
  subscribe(listener: (snapshot: PlaybackSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  play(): void {
    if (this.playing) return;
    const range = this.range();
    if (this.playheadS >= range.toS) this.playheadS = range.fromS;
    this.playing = true;
    this.lastNowMs = this.time.now();
    this.frameHandle = this.frames.requestFrame(this.onFrame);
    this.emit();
  }

  /** Stops where the time source says the playhead is now. */
  pause(): void {
    if (!this.playing) return;
    this.advance();
    this.halt();
    this.emit();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Pauses, then moves the playhead one step forward (1) or back (−1), within the range. */
  step(unit: StepUnit, direction: 1 | -1): void {
    if (this.playing) {
      this.advance();
      this.halt();
    }
    const size = unit === 'frame' ? this.speed / this.frameRate : STEP_SECONDS[unit];
    this.playheadS = this.clamped(this.playheadS + direction * size);
    this.emit();
  }

  /** Moves the playhead to `seconds`, clamped into the range. */
  seek(seconds: number): void {
    this.playheadS = this.clamped(checkedTime('seek', seconds));
    this.lastNowMs = this.time.now();
    this.emit();
  }

  jumpToStart(): void {
    this.seek(this.range().fromS);
  }

  jumpToEnd(): void {
    this.halt();
    this.seek(this.range().toS);
  }

  /** Refuses (RangeError) a speed outside MIN_SPEED…MAX_SPEED. */
  setSpeed(speed: number): void {
    checkSpeed(speed);
    if (this.playing) this.advance();
    this.speed = speed;
    this.emit();
  }

  /** The next preset speed up (1) or down (−1): the + and − keys. */
  stepSpeed(direction: 1 | -1): void {
    this.setSpeed(adjacentPresetSpeed(this.speed, direction));
  }

  setLoop(loop: boolean): void {
    this.loop = loop;
    this.emit();
  }

  setMode(mode: WindowMode): void {
    this.mode = mode;
    this.emit();
  }

  setTrail(seconds: number): void {
    this.trailS = checkedTrail(seconds);
    this.emit();
  }

  /** Limits playback to a sub-window, clamped into the window; refuses one that is empty there. */
  brush(fromS: number, toS: number): void {
    this.brushRange = checkedBrush(this.windowRange, checkedTime('brush start', fromS), checkedTime('brush end', toS));
    this.playheadS = this.clamped(this.playheadS);
    this.emit();
  }

  clearBrush(): void {
    this.brushRange = undefined;
    this.emit();
  }

  /** A new window (new evidence): the brush is kept where it still overlaps, the playhead clamped. */
  setWindow(window: TimeRangeS): void {
    this.windowRange = checkedWindow(window);
    const brush = this.brushRange;
    this.brushRange = brush && brush.toS > this.windowRange.fromS && brush.fromS < this.windowRange.toS ? checkedBrush(this.windowRange, brush.fromS, brush.toS) : undefined;
    this.playheadS = this.clamped(this.playheadS);
    this.emit();
  }

  /** Stops the frames and drops the subscribers. */
  dispose(): void {
    this.halt();
    this.listeners.clear();
  }

  private readonly onFrame = (): void => {
    this.frameHandle = undefined;
    if (!this.playing) return;
    this.advance();
    if (this.playing) this.frameHandle = this.frames.requestFrame(this.onFrame);
    this.emit();
  };

  private advance(): void {
    const now = this.time.now();
    const elapsedS = Math.max(0, now - this.lastNowMs) / 1000;
    this.lastNowMs = now;
    const range = this.range();
    const next = this.playheadS + elapsedS * this.speed;
    if (next < range.toS) {
      this.playheadS = next;
      return;
    }
    const length = range.toS - range.fromS;
    if (this.loop && length > 0) {
      this.playheadS = range.fromS + ((next - range.fromS) % length);
      return;
    }
    this.playheadS = range.toS;
    this.halt();
  }

  private halt(): void {
    this.playing = false;
    if (this.frameHandle !== undefined) this.frames.cancelFrame(this.frameHandle);
    this.frameHandle = undefined;
  }

  private range(): TimeRangeS {
    return this.brushRange ?? this.windowRange;
  }

  private clamped(seconds: number): number {
    const range = this.range();
    return Math.min(range.toS, Math.max(range.fromS, seconds));
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

function checkedTime(what: string, seconds: number): number {
  if (!Number.isFinite(seconds)) throw new RangeError(`${what} ${seconds} s is not a time`);
  return seconds;
}

function checkedWindow(window: TimeRangeS): TimeRangeS {
  checkedTime('window start', window.fromS);
  checkedTime('window end', window.toS);
  if (window.toS < window.fromS) throw new RangeError(`playback window ends (${window.toS} s) before it starts (${window.fromS} s)`);
  return { fromS: window.fromS, toS: window.toS };
}

function checkedTrail(seconds: number): number {
  if (!(seconds > 0 && Number.isFinite(seconds))) throw new RangeError(`trail length ${seconds} s is not a positive number of seconds`);
  return seconds;
}

function checkedBrush(window: TimeRangeS, fromS: number, toS: number): TimeRangeS {
  const from = Math.max(window.fromS, Math.min(fromS, toS));
  const to = Math.min(window.toS, Math.max(fromS, toS));
  if (!(to > from)) throw new RangeError(`brush [${fromS} s, ${toS} s] leaves nothing of the window [${window.fromS} s, ${window.toS} s]`);
  return { fromS: from, toS: to };
}
