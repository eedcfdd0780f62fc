import { CLASS_COUNT, SENSOR_KIND_COUNT, type DetectionCountIndex } from './detection-count-index';
import { countsSummary, filteredNote, formatCompactCount, type PanelCounts } from './live-counts';

/** What the live counts are written into: a text node holder and its data attributes (an element in the page). */
export interface CountElement {
  textContent: string | null;
  setAttribute(name: string, value: string): void;
}

/**
 * Writes the panel's counts straight into their elements on each frame, only where a number
 * changed, so that playing re-renders no React component. An element attached later gets the
 * last counts at once.
 */
export class LiveCountTargets {
  private total: CountElement | null = null;
  private note: CountElement | null = null;
  private readonly perClass: (CountElement | null)[] = new Array<CountElement | null>(CLASS_COUNT).fill(null);
  private shown = NaN;
  private matching = NaN;
  private all = NaN;
  private readonly classShown = new Float64Array(CLASS_COUNT).fill(NaN);
  /** Stable callback refs, one per class. */
  readonly classRefs: readonly ((element: CountElement | null) => void)[] = Array.from({ length: CLASS_COUNT }, (_, cls) => (element: CountElement | null) => {
    this.perClass[cls] = element;
    if (element && !Number.isNaN(this.classShown[cls]!)) writeClass(element, this.classShown[cls]!);
  });

  readonly totalRef = (element: CountElement | null): void => {
    this.total = element;
    if (element && !Number.isNaN(this.shown)) writeTotal(element, this.shown, this.matching, this.all);
  };

  readonly noteRef = (element: CountElement | null): void => {
    this.note = element;
    if (element && !Number.isNaN(this.all)) element.textContent = filteredNote(this.matching, this.all);
  };

  /** Forget what was written, so that the next show() writes everything (new evidence or filter). */
  reset(): void {
    this.shown = this.matching = this.all = NaN;
    this.classShown.fill(NaN);
  }

  show(counts: PanelCounts): void {
    if (counts.shown !== this.shown || counts.matching !== this.matching || counts.total !== this.all) {
      const filteredChanged = counts.matching !== this.matching || counts.total !== this.all;
      this.shown = counts.shown;
      this.matching = counts.matching;
      this.all = counts.total;
      if (this.total) writeTotal(this.total, this.shown, this.matching, this.all);
      if (this.note && filteredChanged) this.note.textContent = filteredNote(this.matching, this.all);
    }
    const perClass = counts.perClass.shown;
    for (let cls = 0; cls < CLASS_COUNT; cls++) {
      if (perClass[cls] === this.classShown[cls]) continue;
      this.classShown[cls] = perClass[cls]!;
      const element = this.perClass[cls];
      if (element) writeClass(element, perClass[cls]!);
    }
  }
}

function writeTotal(element: CountElement, shown: number, matching: number, total: number): void {
  element.textContent = countsSummary(shown, matching);
  element.setAttribute('data-shown', String(shown));
  element.setAttribute('data-matching', String(matching));
  element.setAttribute('data-total', String(total));
}

function writeClass(element: CountElement, shown: number): void {
  element.textContent = formatCompactCount(shown);
  element.setAttribute('data-count', String(shown));
}

/** Detections of the whole evidence (all its buckets) per class and per sensor kind, from the count indexes' group lists. */
export function evidenceTotals(indexes: readonly DetectionCountIndex[]): { readonly perClass: number[]; readonly perKind: number[] } {
  const perClass = new Array<number>(CLASS_COUNT).fill(0);
  const perKind = new Array<number>(SENSOR_KIND_COUNT).fill(0);
  for (const index of indexes) addTotals(index, perClass, perKind);
  return { perClass, perKind };
}

function addTotals(index: DetectionCountIndex, perClass: number[], perKind: number[]): void {
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    for (let kind = 0; kind < SENSOR_KIND_COUNT; kind++) {
      const group = cls * SENSOR_KIND_COUNT + kind;
      const rows = index.byGroupStarts[group + 1]! - index.byGroupStarts[group]!;
      perClass[cls]! += rows;
      perKind[kind]! += rows;
    }
  }
}
