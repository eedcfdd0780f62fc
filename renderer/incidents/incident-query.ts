import type { FinalityStatus, IncidentSummary } from '../../shared/commission/views';
import type { IncidentCategory } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { FINALITY_STATUSES } from './finality-style';
import { CATEGORY_LABELS } from './incident-format';
import { OUTCOME_CLASSES, outcomeClassOf, type OutcomeClass } from './outcome-style';

export const INCIDENT_SORTS = ['time-desc', 'time-asc', 'km'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

export const INCIDENT_SORT_LABELS: Readonly<Record<IncidentSort, string>> = {
  'time-desc': 'Newest first',
  'time-asc': 'Oldest first',
  km: 'Km along the line',
};

export interface IncidentFilter {
  /** Outcomes to show; empty shows every outcome. */
  readonly outcomes: ReadonlySet<OutcomeClass>;
  readonly category: IncidentCategory | 'all';
  readonly finality: FinalityStatus | 'all';
}

export const NO_FILTER: IncidentFilter = { outcomes: new Set(), category: 'all', finality: 'all' };

export function isFiltering(filter: IncidentFilter): boolean {
  return filter.outcomes.size > 0 || filter.category !== 'all' || filter.finality !== 'all';
}

function matchesOutcome(incident: IncidentSummary, outcomes: ReadonlySet<OutcomeClass>): boolean {
  return outcomes.size === 0 || outcomes.has(outcomeClassOf(incident.outcome));
}

function matchesCategory(incident: IncidentSummary, category: IncidentFilter['category']): boolean {
  return category === 'all' || incident.category === category;
}

function matchesFinality(incident: IncidentSummary, finality: IncidentFilter['finality']): boolean {
  return finality === 'all' || incident.finality.status === finality;
}

export function filterIncidents(incidents: readonly IncidentSummary[], filter: IncidentFilter): IncidentSummary[] {
  return incidents.filter((i) => matchesOutcome(i, filter.outcomes) && matchesCategory(i, filter.category) && matchesFinality(i, filter.finality));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTime(a: IncidentSummary, b: IncidentSummary): number {
  return Date.parse(a.windowStart) - Date.parse(b.windowStart) || compareText(a.number, b.number);
}

/** A new array; ties are broken by incident number so the order never depends on the input's. */
export function sortIncidents(incidents: readonly IncidentSummary[], sort: IncidentSort): IncidentSummary[] {
  const sorted = [...incidents];
  switch (sort) {
    case 'time-asc':
      return sorted.sort(compareTime);
    case 'time-desc':
      return sorted.sort((a, b) => compareTime(b, a));
    case 'km':
      return sorted.sort((a, b) => a.chainageKm - b.chainageKm || compareText(a.number, b.number));
    default:
      return exhaustive(sort, sorted);
  }
}

/** Counts per outcome of the incidents the category and finality filters let through: what each outcome filter would show. */
export function countByOutcome(incidents: readonly IncidentSummary[], filter: IncidentFilter): Record<OutcomeClass, number> {
  const counts = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, 0])) as Record<OutcomeClass, number>;
  for (const incident of incidents) {
    if (matchesCategory(incident, filter.category) && matchesFinality(incident, filter.finality)) counts[outcomeClassOf(incident.outcome)]++;
  }
  return counts;
}

/** Counts per finality of the incidents the outcome and category filters let through: what each finality filter would show. */
export function countByFinality(incidents: readonly IncidentSummary[], filter: IncidentFilter): Record<FinalityStatus, number> {
  const counts = Object.fromEntries(FINALITY_STATUSES.map((status) => [status, 0])) as Record<FinalityStatus, number>;
  for (const incident of incidents) {
    if (matchesOutcome(incident, filter.outcomes) && matchesCategory(incident, filter.category)) counts[incident.finality.status]++;
  }
  return counts;
}

export interface CategoryCount {
  readonly category: IncidentCategory;
  readonly count: number;
}

/** Categories present among the incidents the outcome and finality filters let through, in taxonomy order, then unknown ones by name. */
export function countByCategory(incidents: readonly IncidentSummary[], filter: IncidentFilter): CategoryCount[] {
  const counts = new Map<IncidentCategory, number>();
  for (const incident of incidents) {
    if (matchesOutcome(incident, filter.outcomes) && matchesFinality(incident, filter.finality)) counts.set(incident.category, (counts.get(incident.category) ?? 0) + 1);
  }
  const taxonomy = Object.keys(CATEGORY_LABELS);
  const rank = (c: string) => {
    const index = taxonomy.indexOf(c);
    return index === -1 ? taxonomy.length : index;
  };
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => rank(a.category) - rank(b.category) || compareText(a.category, b.category));
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
