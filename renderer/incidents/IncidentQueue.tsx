import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CommissionView, IncidentSummary } from '../../shared/commission/views';
import type { ObjectId } from '../../shared/objects/types';
import type { Remote } from '../app/remote';
import { IncidentQueueItem } from './IncidentQueueItem';
import { NO_FILTER, isQueueKey, nextQueueIndex, type IncidentFilter, type IncidentSort } from './incident-query';
import type { NameOf } from './outcome-style';
import { QueueFilters } from './QueueFilters';

export interface IncidentQueueProps {
  readonly incidents: Remote<readonly IncidentSummary[]>;
  /** The incidents the filter lets through, in queue order. */
  readonly visible: readonly IncidentSummary[];
  readonly filter: IncidentFilter;
  readonly sort: IncidentSort;
  readonly selectedId: ObjectId | undefined;
  readonly store: CommissionView['store'] | undefined;
  readonly nameOf: NameOf;
  readonly onFilterChange: (filter: IncidentFilter) => void;
  readonly onSortChange: (sort: IncidentSort) => void;
  readonly onSelect: (id: ObjectId | undefined) => void;
  readonly onRetry: () => void;
}

const optionId = (id: ObjectId) => `incident-option-${id}`;

export function IncidentQueue(props: IncidentQueueProps) {
  const { incidents } = props;
  return (
    <aside className="incident-queue" aria-label="Incident queue">
      <h2 className="panel-title">Incidents</h2>
      {incidents.state === 'loading' && <p className="loading">Loading the incident queue…</p>}
      {incidents.state === 'failed' && (
        <div className="error-line" role="alert" data-testid="incidents-error">
          <span>Could not load the incidents: {incidents.error}</span>
          <button type="button" onClick={props.onRetry}>
            Retry
          </button>
        </div>
      )}
      {incidents.state === 'ready' &&
        (incidents.value.length === 0 ? (
          <p className="empty" data-testid="queue-empty">
            No verified incidents in this store yet.
          </p>
        ) : (
          <>
            <QueueFilters
              incidents={incidents.value}
              shown={props.visible.length}
              filter={props.filter}
              sort={props.sort}
              onFilterChange={props.onFilterChange}
              onSortChange={props.onSortChange}
            />
            <QueueList {...props} />
          </>
        ))}
      {props.store && (
        <footer className="queue-footer" data-testid="store-counts">
          {props.store.objects} objects · {props.store.incidents} incidents ·{' '}
          <span className={props.store.quarantined > 0 ? 'warning' : undefined}>{props.store.quarantined} quarantined</span>
        </footer>
      )}
    </aside>
  );
}

function QueueList({ visible, selectedId, nameOf, onSelect, onFilterChange }: IncidentQueueProps) {
  const [activeId, setActiveId] = useState<ObjectId | undefined>(selectedId);

  useEffect(() => {
    if (selectedId !== undefined) setActiveId(selectedId);
  }, [selectedId]);

  useEffect(() => {
    if (activeId !== undefined) document.getElementById(optionId(activeId))?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  if (visible.length === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        No incident matches these filters.{' '}
        <button type="button" className="link" onClick={() => onFilterChange(NO_FILTER)}>
          Clear filters
        </button>
      </p>
    );
  }

  const activeIndex = visible.findIndex((i) => i.id === activeId);
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (isQueueKey(event.key)) {
      event.preventDefault();
      const next = nextQueueIndex(activeIndex === -1 ? undefined : activeIndex, event.key, visible.length);
      if (next !== undefined) setActiveId(visible[next]!.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (activeIndex !== -1) onSelect(visible[activeIndex]!.id);
    } else if (event.key === 'Escape') {
      onSelect(undefined);
    }
  };

  return (
    <ul
      className="queue-list"
      role="listbox"
      aria-label="Incidents"
      tabIndex={0}
      aria-activedescendant={activeIndex === -1 ? undefined : optionId(visible[activeIndex]!.id)}
      onKeyDown={onKeyDown}
    >
      {visible.map((incident, index) => (
        <IncidentQueueItem
          key={incident.id}
          incident={incident}
          domId={optionId(incident.id)}
          selected={incident.id === selectedId}
          active={index === activeIndex}
          nameOf={nameOf}
          onClick={() => {
            setActiveId(incident.id);
            onSelect(incident.id);
          }}
        />
      ))}
    </ul>
  );
}
