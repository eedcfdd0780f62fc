import { addRowsBefore, CLASS_COUNT, type DetectionCountIndex } from './detection-count-index';
import { confidenceThreshold, type DetectionFilter } from './detection-filter';
import { lowerBound, upperBound } from './sorted-search';

/** Counts for one time window; created once and refilled every frame. */
export interface WindowCounts {
  /** Per class: detections in the window that pass the filter. */
  readonly shown: Float64Array;
  shownTotal: number;
  /** Per class: detections anywhere in the evidence that pass the filter. */
  readonly matching: Float64Array;
  matchingTotal: number;
  /** Detections in the window, whatever the filter. */
  inWindow: number;
  /** All detections of the evidence. */
  total: number;
}

export function createWindowCounts(): WindowCounts {
  return { shown: new Float64Array(CLASS_COUNT), shownTotal: 0, matching: new Float64Array(CLASS_COUNT), matchingTotal: 0, inWindow: 0, total: 0 };
}

/** The rows [first, end) of the time-sorted `seconds` with fromS ≤ seconds ≤ toS. */
export interface RowRange {
  first: number;
  end: number;
}

/**
 * The window's ends are rounded to float32 first, as the GPU's filter range uniform is, so that a
 * count agrees with what the map draws for the same [fromS, toS].
 */
export function rowsInWindow(seconds: Float32Array, fromS: number, toS: number, into: RowRange = { first: 0, end: 0 }): RowRange {
  into.first = lowerBound(seconds, Math.fround(fromS));
  into.end = Math.max(into.first, upperBound(seconds, Math.fround(toS)));
  return into;
}

const scratchRange: RowRange = { first: 0, end: 0 };

/**
 * Fills `into` for the window [fromS, toS] (seconds since the window start) of the time-sorted
 * `seconds` indexed by `index`: two binary searches for the window's rows, then per (class, sensor
 * kind) at most 19 lists × 2 binary searches; nothing allocated, nothing proportional to the rows.
 */
export function countWindow(index: DetectionCountIndex, seconds: Float32Array, fromS: number, toS: number, filter: DetectionFilter, into: WindowCounts): WindowCounts {
  const threshold = confidenceThreshold(filter);
  const { first, end } = rowsInWindow(seconds, fromS, toS, scratchRange);
  into.shown.fill(0);
  into.matching.fill(0);
  addRowsBefore(index, end, filter.classMask, filter.sensorKindMask, threshold, 1, into.shown);
  addRowsBefore(index, first, filter.classMask, filter.sensorKindMask, threshold, -1, into.shown);
  addRowsBefore(index, index.count, filter.classMask, filter.sensorKindMask, threshold, 1, into.matching);
  into.shownTotal = sum(into.shown);
  into.matchingTotal = sum(into.matching);
  into.inWindow = end - first;
  into.total = index.count;
  return into;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
