import { ALL_CLASSES_MASK, type DetectionFilter } from './detection-filter';
import { countSegments, type EvidenceSegments } from './evidence-segments';
import { createWindowCounts, type WindowCounts } from './window-counts';
import type { TimeRangeS } from './playback-clock';

/**
 * The panel's counts for one visible range, refilled on every frame without allocating. Per class
 * they ignore the class toggles (a toggle shows what it would add) but honour sensor kinds and
 * confidence; the totals honour the whole filter.
 */
export interface PanelCounts {
  /** Counted with every class shown. */
  readonly perClass: WindowCounts;
  /** Detections in the visible range that pass the filter: N of "N of M". */
  shown: number;
  /** Detections anywhere in the evidence that pass the filter: M. */
  matching: number;
  /** All detections of the evidence. */
  total: number;
}

export function createPanelCounts(): PanelCounts {
  return { perClass: createWindowCounts(), shown: 0, matching: 0, total: 0 };
}

/** Counts the visible range with `everyClass` (the filter with all classes on, made once per filter) and totals the classes `filter` shows. */
export function countPanel(evidence: EvidenceSegments, visible: TimeRangeS, filter: DetectionFilter, everyClass: DetectionFilter, into: PanelCounts): PanelCounts {
  countSegments(evidence, visible.fromS, visible.toS, everyClass, into.perClass);
  into.shown = maskedSum(into.perClass.shown, filter.classMask);
  into.matching = maskedSum(into.perClass.matching, filter.classMask);
  into.total = into.perClass.total;
  return into;
}

export function everyClassOf(filter: DetectionFilter): DetectionFilter {
  return { ...filter, classMask: ALL_CLASSES_MASK };
}

/** The sum of the entries whose bit is set in `mask`. */
export function maskedSum(values: Float64Array, mask: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (((mask >>> i) & 1) === 1) sum += values[i]!;
  return sum;
}

const NUMBER = new Intl.NumberFormat('en');
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });

export function formatCount(count: number): string {
  return NUMBER.format(count);
}

/** At most five characters ("9,999", "12.3K", "4.56M"), so that a live count never changes the layout around it. */
export function formatCompactCount(count: number): string {
  return count < 10_000 ? NUMBER.format(count) : COMPACT.format(count);
}

/** "N of M detections in the window" (N in the visible range, M in all the evidence, both after the filters). */
export function countsSummary(shown: number, matching: number): string {
  return `${formatCount(shown)} of ${formatCount(matching)} ${matching === 1 ? 'detection' : 'detections'} in the window`;
}

/** What the filters leave out, or nothing when they show everything. */
export function filteredNote(matching: number, total: number): string {
  return matching === total ? '' : `filters hide ${formatCount(total - matching)} of ${formatCount(total)}`;
}
