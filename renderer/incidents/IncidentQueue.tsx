import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CommissionView } from '../../shared/commission/views';
import type { ObjectId } from '../../shared/objects/types';
import { IncidentQueueItem } from './IncidentQueueItem';
import { NO_FILTER, isQueueKey, nextQueueIndex, type IncidentFilter, type IncidentSort } from './incident-query';
import type { NameOf } from './outcome-style';
import { QueueFilters } from './QueueFilters';
import type { IncidentPages } from './use-incident-pages';

export interface IncidentQueueProps {
  readonly pages: IncidentPages;
  readonly filter: IncidentFilter;
  readonly sort: IncidentSort;
  readonly selectedId: ObjectId | undefined;
  readonly store: CommissionView['store'] | undefined;
  /** Whether this workstation acts for a delegation. */
  readonly acting: boolean;
  readonly nameOf: NameOf;
  readonly onFilterChange: (filter: IncidentFilter) => void;
  readonly onSortChange: (sort: IncidentSort) => void;
  readonly onSelect: (id: ObjectId | undefined) => void;
  readonly onRetry: () => void;
}

const optionId = (id: ObjectId) => `incident-option-${id}`;

export function IncidentQueue(props: IncidentQueueProps) {
  const { totals } = props.pages;
  return (
    <aside className="incident-queue" aria-label="Incident queue">
      <h2 className="panel-title">Incidents</h2>
      {totals.state === 'loading' && <p className="loading">Loading the incident queue…</p>}
      {totals.state === 'failed' && (
        <div className="error-line" role="alert" data-testid="incidents-error">
          <span>Could not load the incidents: {totals.error}</span>
          <button type="button" onClick={props.onRetry}>
            Retry
          </button>
        </div>
      )}
      {totals.state === 'ready' &&
        (totals.value.all === 0 ? (
          <p className="empty" data-testid="queue-empty">
            No verified incidents in this store yet.
          </p>
        ) : (
          <>
            <QueueFilters totals={totals.value} acting={props.acting} filter={props.filter} sort={props.sort} onFilterChange={props.onFilterChange} onSortChange={props.onSortChange} />
            <QueueList {...props} total={totals.value.total} />
          </>
        ))}
      {props.store && (
        <footer className="queue-footer" data-testid="store-counts">
          {props.store.objects} objects · {props.store.incidents} incidents · <span className={props.store.quarantined > 0 ? 'warning' : undefined}>{props.store.quarantined} quarantined</span>
        </footer>
      )}
    </aside>
  );
}

/** A first guess of a row's height in pixels, until rows are measured. */
const ROW_ESTIMATE_PX = 76;
/** Rows drawn beyond each edge of the viewport: keyboard steps and short scrolls never show a gap. */
const OVERSCAN_ROWS = 60;

/**
 * The rows of the queue, drawn only around the viewport (spacers stand for the others) and asked
 * for page by page as the list scrolls to them. The listbox's cursor is a queue position.
 */
function QueueList({ pages, total, selectedId, nameOf, onSelect, onFilterChange }: IncidentQueueProps & { readonly total: number }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [rowHeight, setRowHeight] = useState(ROW_ESTIMATE_PX);
  const [activeIndex, setActiveIndex] = useState<number | undefined>();

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN_ROWS);
  const end = Math.min(total, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN_ROWS);
  const { ensure, indexOf, rowAt } = pages;

  useEffect(() => ensure(first, end), [ensure, first, end]);

  useEffect(() => {
    const index = selectedId === undefined ? undefined : indexOf(selectedId);
    if (index !== undefined) setActiveIndex(index);
  }, [selectedId, indexOf]);

  // Rows are measured once drawn, so the spacers stand for about the height the rows they replace would take.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const options = list.querySelectorAll<HTMLElement>('[role="option"]');
    if (options.length === 0) return;
    const measured = (options[options.length - 1]!.offsetTop + options[options.length - 1]!.offsetHeight - options[0]!.offsetTop) / options.length;
    if (measured > 0 && Math.abs(measured - rowHeight) > 0.5) setRowHeight(measured);
    if (list.clientHeight > 0 && list.clientHeight !== viewport.height) setViewport((v) => ({ ...v, height: list.clientHeight }));
  });

  useEffect(() => {
    const list = listRef.current;
    const id = activeIndex === undefined ? undefined : rowAt(activeIndex)?.id;
    const option = id === undefined ? null : document.getElementById(optionId(id));
    if (option) option.scrollIntoView({ block: 'nearest' });
    else if (list && activeIndex !== undefined) list.scrollTop = Math.max(0, activeIndex * rowHeight - list.clientHeight / 2);
    // Only a move of the cursor scrolls; rows arriving do not.
  }, [activeIndex]);

  if (total === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        No incident matches these filters.{' '}
        <button type="button" className="link" onClick={() => onFilterChange(NO_FILTER)}>
          Clear filters
        </button>
      </p>
    );
  }

  const active = activeIndex === undefined || activeIndex >= total ? undefined : rowAt(activeIndex);
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (isQueueKey(event.key)) {
      event.preventDefault();
      const next = nextQueueIndex(activeIndex === undefined || activeIndex >= total ? undefined : activeIndex, event.key, total);
      if (next !== undefined) setActiveIndex(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (active) onSelect(active.id);
    } else if (event.key === 'Escape') {
      onSelect(undefined);
    }
  };

  const rows = [];
  for (let index = first; index < end; index++) {
    const incident = rowAt(index);
    rows.push(
      incident ? (
        <IncidentQueueItem
          key={incident.id}
          incident={incident}
          domId={optionId(incident.id)}
          position={{ index, total }}
          selected={incident.id === selectedId}
          active={index === activeIndex}
          nameOf={nameOf}
          onClick={() => {
            setActiveIndex(index);
            onSelect(incident.id);
          }}
        />
      ) : (
        <li key={`row-${index}`} role="presentation" className="queue-item queue-item-pending" style={{ height: rowHeight }}>
          Loading…
        </li>
      ),
    );
  }

  return (
    <ul
      ref={listRef}
      className="queue-list"
      role="listbox"
      aria-label="Incidents"
      aria-busy={pages.busy}
      tabIndex={0}
      aria-activedescendant={active ? optionId(active.id) : undefined}
      onKeyDown={onKeyDown}
      onScroll={(event) => setViewport({ top: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
    >
      {first > 0 && <li role="presentation" className="queue-spacer" style={{ height: first * rowHeight }} />}
      {rows}
      {end < total && <li role="presentation" className="queue-spacer" style={{ height: (total - end) * rowHeight }} />}
    </ul>
  );
}
