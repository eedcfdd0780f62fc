import type { TimeRangeS } from './playback-clock';

/** A time range (seconds since the window start) laid across a width in CSS pixels. */
export interface TimeScale {
  readonly fromS: number;
  readonly toS: number;
  readonly widthPx: number;
}

/** Half the span given to a range of no length (a single instant), so that it still has a place on the axis. */
const INSTANT_PAD_S = 0.5;

export function timeScale(range: TimeRangeS, widthPx: number): TimeScale {
  if (!(widthPx > 0 && Number.isFinite(widthPx))) throw new RangeError(`timeline width ${widthPx} px is not a positive number`);
  if (!(range.toS >= range.fromS)) throw new RangeError(`time range [${range.fromS} s, ${range.toS} s] ends before it starts`);
  if (range.toS > range.fromS) return { fromS: range.fromS, toS: range.toS, widthPx };
  return { fromS: range.fromS - INSTANT_PAD_S, toS: range.toS + INSTANT_PAD_S, widthPx };
}

export function secondsToPx(scale: TimeScale, seconds: number): number {
  return ((seconds - scale.fromS) / (scale.toS - scale.fromS)) * scale.widthPx;
}

/** The time at `px`, clamped into the scale's range. */
export function pxToSeconds(scale: TimeScale, px: number): number {
  const seconds = scale.fromS + (px / scale.widthPx) * (scale.toS - scale.fromS);
  return Math.min(scale.toS, Math.max(scale.fromS, seconds));
}

/** Seconds covered by `px` pixels. */
export function pxToDuration(scale: TimeScale, px: number): number {
  return (px / scale.widthPx) * (scale.toS - scale.fromS);
}

/** Bins of about `binWidthPx` each across the width: the histogram's cost grows with bins, so a wide screen caps it. */
export function histogramBinCount(widthPx: number, binWidthPx = 3, maxBins = 1000): number {
  return Math.max(1, Math.min(maxBins, Math.floor(widthPx / binWidthPx)));
}

/** The brush a drag from `aS` to `bS` makes, in either direction and clamped into `window`; undefined when narrower than `minWidthS` (a click, not a drag). */
export function brushBetween(window: TimeRangeS, aS: number, bS: number, minWidthS: number): TimeRangeS | undefined {
  const fromS = Math.max(window.fromS, Math.min(aS, bS));
  const toS = Math.min(window.toS, Math.max(aS, bS));
  return toS - fromS >= minWidthS && toS > fromS ? { fromS, toS } : undefined;
}

/** The brush moved by `deltaS`, its width kept, stopped at the window's ends. */
export function movedBrush(window: TimeRangeS, brush: TimeRangeS, deltaS: number): TimeRangeS {
  const width = Math.min(brush.toS - brush.fromS, window.toS - window.fromS);
  const fromS = Math.min(window.toS - width, Math.max(window.fromS, brush.fromS + deltaS));
  return { fromS, toS: fromS + width };
}

/** The brush with one end dragged to `seconds`: inside the window, and never narrower than `minWidthS` or past its other end. */
export function resizedBrush(window: TimeRangeS, brush: TimeRangeS, end: 'from' | 'to', seconds: number, minWidthS: number): TimeRangeS {
  const minWidth = Math.min(minWidthS, window.toS - window.fromS);
  if (end === 'from') return { fromS: Math.max(window.fromS, Math.min(seconds, brush.toS - minWidth)), toS: brush.toS };
  return { fromS: brush.fromS, toS: Math.min(window.toS, Math.max(seconds, brush.fromS + minWidth)) };
}

/** What a press at `px` on the brush strip takes hold of: an end of the brush (within `handlePx`), its body, or nothing. */
export type BrushGrip = 'from' | 'to' | 'body' | 'none';

export function brushGripAt(scale: TimeScale, brush: TimeRangeS | undefined, px: number, handlePx = 6): BrushGrip {
  if (!brush) return 'none';
  const fromPx = secondsToPx(scale, brush.fromS);
  const toPx = secondsToPx(scale, brush.toS);
  const toFrom = Math.abs(px - fromPx);
  const toTo = Math.abs(px - toPx);
  if (Math.min(toFrom, toTo) <= handlePx) return toFrom < toTo ? 'from' : 'to';
  return px > fromPx && px < toPx ? 'body' : 'none';
}

export interface TimeTick {
  /** Seconds since the window start. */
  readonly seconds: number;
  /** UTC. */
  readonly label: string;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Tick steps that fall on round UTC times. */
const TICK_STEPS_MS = [
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500],
  ...[1, 2, 5, 10, 15, 30].map((n) => n * SECOND_MS),
  ...[1, 2, 5, 10, 15, 30].map((n) => n * MINUTE_MS),
  ...[1, 2, 3, 6, 12].map((n) => n * HOUR_MS),
  ...[1, 2, 7, 14, 28].map((n) => n * DAY_MS),
];
const MAX_TICKS = 200;

/** The smallest round step that keeps ticks at least `minSpacingPx` apart. */
export function tickStepMs(scale: TimeScale, minSpacingPx: number): number {
  const msPerPx = ((scale.toS - scale.fromS) * SECOND_MS) / scale.widthPx;
  return TICK_STEPS_MS.find((step) => step / msPerPx >= minSpacingPx) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1]!;
}

/**
 * Ticks on round UTC times across the scale, labelled as precisely as their step needs: dates for
 * steps of days (and at each UTC midnight), HH:MM, HH:MM:SS, or HH:MM:SS.mmm below a second.
 */
export function timeTicks(scale: TimeScale, windowStartMs: number, minSpacingPx = 100): TimeTick[] {
  const stepMs = tickStepMs(scale, minSpacingPx);
  const fromMs = windowStartMs + scale.fromS * SECOND_MS;
  const toMs = windowStartMs + scale.toS * SECOND_MS;
  const ticks: TimeTick[] = [];
  for (let k = Math.ceil(fromMs / stepMs); k * stepMs <= toMs && ticks.length < MAX_TICKS; k++) {
    const tickMs = k * stepMs;
    ticks.push({ seconds: (tickMs - windowStartMs) / SECOND_MS, label: tickLabel(tickMs, stepMs) });
  }
  return ticks;
}

export function tickLabel(epochMs: number, stepMs: number): string {
  const iso = new Date(epochMs).toISOString();
  if (stepMs >= DAY_MS || epochMs % DAY_MS === 0) return iso.slice(0, 10);
  if (stepMs >= MINUTE_MS) return iso.slice(11, 16);
  if (stepMs >= SECOND_MS) return iso.slice(11, 19);
  return iso.slice(11, 23);
}
