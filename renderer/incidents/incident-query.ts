import { INCIDENT_SORTS, type CategoryCount, type IncidentSort, type OutcomeClass } from '../../shared/commission/incident-list';
import type { FinalityStatus } from '../../shared/commission/views';
import type { IncidentCategory } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { CATEGORY_LABELS } from './incident-format';
import type { QueueFilterQuery } from './use-incident-pages';

export { INCIDENT_SORTS, type IncidentSort };

export const INCIDENT_SORT_LABELS: Readonly<Record<IncidentSort, string>> = {
  'time-desc': 'Newest first',
  'time-asc': 'Oldest first',
  km: 'Km along the line',
  outcome: 'Outcome',
  number: 'Incident number',
};

export interface IncidentFilter {
  /** Outcomes to show; empty shows every outcome. */
  readonly outcomes: ReadonlySet<OutcomeClass>;
  readonly category: IncidentCategory | 'all';
  readonly finality: FinalityStatus | 'all';
  /** Only rounds that need the action of this workstation's delegation: its commitment or reveal, or (the chair) a reveal to open or a round to close. */
  readonly needsMyAction: boolean;
}

export const NO_FILTER: IncidentFilter = { outcomes: new Set(), category: 'all', finality: 'all', needsMyAction: false };

export function isFiltering(filter: IncidentFilter): boolean {
  return filter.outcomes.size > 0 || filter.category !== 'all' || filter.finality !== 'all' || filter.needsMyAction;
}

/** The query the main process answers for a filter and a sort (pages are asked for separately). */
export function queueQuery(filter: IncidentFilter, sort: IncidentSort): QueueFilterQuery {
  return {
    outcomes: [...filter.outcomes].sort(),
    category: filter.category === 'all' ? null : filter.category,
    finality: filter.finality === 'all' ? null : filter.finality,
    from: null,
    to: null,
    kmMin: null,
    kmMax: null,
    needsMyAction: filter.needsMyAction,
    text: null,
    sort,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Categories in taxonomy order, then unknown ones by name. */
export function inTaxonomyOrder(categories: readonly CategoryCount[]): CategoryCount[] {
  const taxonomy = Object.keys(CATEGORY_LABELS);
  const rank = (c: string) => {
    const index = taxonomy.indexOf(c);
    return index === -1 ? taxonomy.length : index;
  };
  return [...categories].sort((a, b) => rank(a.category) - rank(b.category) || compareText(a.category, b.category));
}

export type QueueKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';
export const QUEUE_PAGE_STEP = 10;

/** Where a navigation key moves the queue's cursor; from no cursor, the first key lands on the first or last item. */
export function nextQueueIndex(current: number | undefined, key: QueueKey, length: number): number | undefined {
  if (length === 0) return undefined;
  const last = length - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return current === undefined ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current === undefined ? last : clamp(current - 1);
    case 'PageDown':
      return clamp((current ?? -1) + QUEUE_PAGE_STEP);
    case 'PageUp':
      return clamp((current ?? length) - QUEUE_PAGE_STEP);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return exhaustive(key, current);
  }
}

export function isQueueKey(key: string): key is QueueKey {
  return key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End' || key === 'PageDown' || key === 'PageUp';
}
