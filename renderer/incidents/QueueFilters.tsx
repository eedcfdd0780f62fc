import type { CSSProperties } from 'react';
import type { FinalityStatus } from '../../shared/commission/views';
import type { IncidentCategory } from '../../shared/objects/types';
import { FINALITY_FILTER_LABELS, FINALITY_STATUSES } from './finality-style';
import { categoryLabel } from './incident-format';
import { INCIDENT_SORTS, INCIDENT_SORT_LABELS, NO_FILTER, inTaxonomyOrder, isFiltering, type IncidentFilter, type IncidentSort } from './incident-query';
import type { QueueTotals } from './use-incident-pages';
import { OUTCOME_CLASSES, OUTCOME_CLASS_LABELS, OUTCOME_COLORS, cssColor, type OutcomeClass } from './outcome-style';

export interface QueueFiltersProps {
  /** Totals and counts per filter value, as the store answered the current query. */
  readonly totals: QueueTotals;
  /** Whether this workstation acts for a delegation (needs-my-action is offered only then: its commitment, its reveal, or the chair's reveal to open or round to close). */
  readonly acting: boolean;
  readonly filter: IncidentFilter;
  readonly sort: IncidentSort;
  readonly onFilterChange: (filter: IncidentFilter) => void;
  readonly onSortChange: (sort: IncidentSort) => void;
}

export function QueueFilters({ totals, acting, filter, sort, onFilterChange, onSortChange }: QueueFiltersProps) {
  const outcomeCounts = totals.counts.outcomes;
  const categories = inTaxonomyOrder(totals.counts.categories);
  const finalityCounts = totals.counts.finality;
  const finalities = FINALITY_STATUSES.filter((status) => finalityCounts[status] > 0 || status !== 'closing-refused' || filter.finality === status);
  if (filter.category !== 'all' && !categories.some((c) => c.category === filter.category)) {
    categories.push({ category: filter.category, count: 0 });
  }
  const toggleOutcome = (outcome: OutcomeClass) => {
    const outcomes = new Set(filter.outcomes);
    if (!outcomes.delete(outcome)) outcomes.add(outcome);
    onFilterChange({ ...filter, outcomes });
  };

  return (
    <div className="queue-filters">
      <div className="outcome-filters" role="group" aria-label="Filter by outcome">
        {OUTCOME_CLASSES.map((outcome) => (
          <button
            key={outcome}
            type="button"
            className="outcome-filter"
            aria-pressed={filter.outcomes.has(outcome)}
            data-outcome={outcome}
            style={{ '--outcome-color': cssColor(OUTCOME_COLORS[outcome]) } as CSSProperties}
            onClick={() => toggleOutcome(outcome)}
          >
            {OUTCOME_CLASS_LABELS[outcome]}
            <span className="count" data-testid={`outcome-count-${outcome}`}>
              {outcomeCounts[outcome]}
            </span>
          </button>
        ))}
      </div>
      <div className="queue-controls">
        <label className="wide">
          Category
          <select value={filter.category} onChange={(event) => onFilterChange({ ...filter, category: event.target.value as IncidentCategory | 'all' })}>
            <option value="all">All categories</option>
            {categories.map(({ category, count }) => (
              <option key={category} value={category}>
                {categoryLabel(category)} ({count})
              </option>
            ))}
          </select>
        </label>
        <label>
          Finality
          <select value={filter.finality} onChange={(event) => onFilterChange({ ...filter, finality: event.target.value as FinalityStatus | 'all' })}>
            <option value="all">All</option>
            {finalities.map((status) => (
              <option key={status} value={status}>
                {FINALITY_FILTER_LABELS[status]} ({finalityCounts[status]})
              </option>
            ))}
          </select>
        </label>
        {acting && (
          <label className="needs-action">
            <input type="checkbox" checked={filter.needsMyAction} onChange={(event) => onFilterChange({ ...filter, needsMyAction: event.target.checked })} />
            Needs my action <span data-testid="needs-my-action-count">({totals.counts.needsMyAction})</span>
          </label>
        )}
        <label className="sort">
          Sort
          <select value={sort} onChange={(event) => onSortChange(event.target.value as IncidentSort)}>
            {INCIDENT_SORTS.map((s) => (
              <option key={s} value={s}>
                {INCIDENT_SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="queue-count" data-testid="queue-count">
        <span>
          {totals.total} of {totals.all} incidents
        </span>
        {isFiltering(filter) && (
          <button type="button" className="link" onClick={() => onFilterChange(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
