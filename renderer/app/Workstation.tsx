import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Basemap } from '../../shared/basemap/types';
import type { CommissionView, IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { ObjectId } from '../../shared/objects/types';
import { memberNames } from '../commission/member-names';
import { IncidentDetailPanel } from '../incidents/IncidentDetailPanel';
import { IncidentQueue } from '../incidents/IncidentQueue';
import { NO_FILTER, filterIncidents, sortIncidents, type IncidentFilter, type IncidentSort } from '../incidents/incident-query';
import { useIncidentDetail } from '../incidents/use-commission-data';
import { Legend } from '../map/Legend';
import { MapScreen } from '../map/MapScreen';
import { emitAppEvent } from './app-events';
import type { Remote } from './remote';

export interface WorkstationProps {
  readonly api: TrucelineApi;
  readonly basemap: Basemap;
  readonly commission: Remote<CommissionView>;
  readonly incidents: Remote<readonly IncidentSummary[]>;
  readonly onReload: () => void;
  readonly flightDurationMs: number;
}

const NO_INCIDENTS: readonly IncidentSummary[] = [];

export function Workstation({ api, basemap, commission, incidents, onReload, flightDurationMs }: WorkstationProps) {
  const [filter, setFilter] = useState<IncidentFilter>(NO_FILTER);
  const [sort, setSort] = useState<IncidentSort>('time-desc');
  const [selectedId, setSelectedId] = useState<ObjectId | undefined>();

  const all = incidents.state === 'ready' ? incidents.value : NO_INCIDENTS;
  const filtered = useMemo(() => filterIncidents(all, filter), [all, filter]);
  const visible = useMemo(() => sortIncidents(filtered, sort), [filtered, sort]);
  const selected = useMemo(() => all.find((i) => i.id === selectedId), [all, selectedId]);
  const detail = useIncidentDetail(api, selectedId);
  const view = commission.state === 'ready' ? commission.value : undefined;
  const nameOf = useMemo(() => memberNames(view), [view]);

  const select = useCallback(
    (id: ObjectId | undefined) => {
      setSelectedId(id);
      const number = all.find((i) => i.id === id)?.number;
      if (number !== undefined) emitAppEvent('incident-selected', number);
    },
    [all],
  );

  useEffect(() => {
    if (commission.state === 'ready') emitAppEvent('commission-loaded');
  }, [commission]);
  useEffect(() => {
    if (incidents.state === 'ready') emitAppEvent('incidents-loaded');
  }, [incidents]);

  return (
    <main className="workspace">
      <IncidentQueue
        incidents={incidents}
        visible={visible}
        filter={filter}
        sort={sort}
        selectedId={selectedId}
        store={view?.store}
        nameOf={nameOf}
        onFilterChange={setFilter}
        onSortChange={setSort}
        onSelect={select}
        onRetry={onReload}
      />
      <div className="map-area">
        <MapScreen basemap={basemap} incidents={filtered} selected={selected} onSelectIncident={select} flightDurationMs={flightDurationMs}>
          <Legend />
        </MapScreen>
      </div>
      <IncidentDetailPanel
        detail={detail}
        selected={selected}
        actingAs={view?.actingAs?.member}
        nameOf={nameOf}
        onClose={() => setSelectedId(undefined)}
      />
    </main>
  );
}
