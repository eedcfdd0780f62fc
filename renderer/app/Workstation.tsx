import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Basemap } from '../../shared/basemap/types';
import type { CommissionView, IncidentSummary } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { ObjectId } from '../../shared/objects/types';
import { memberNames } from '../commission/member-names';
import { IncidentDetailPanel } from '../incidents/IncidentDetailPanel';
import { IncidentQueue } from '../incidents/IncidentQueue';
import { NO_FILTER, queueQuery, type IncidentFilter, type IncidentSort } from '../incidents/incident-query';
import { useEvidenceSource, useIncidentDetail } from '../incidents/use-commission-data';
import { useIncidentPages } from '../incidents/use-incident-pages';
import { Legend } from '../map/Legend';
import { DayButton } from '../playback/DayButton';
import { SHOW_ALL, type DetectionFilter } from '../playback/detection-filter';
import { EvidenceMap } from '../playback/EvidenceMap';
import { PlaybackDock } from '../playback/PlaybackDock';
import { incidentMarkers } from '../playback/incident-markers';
import { dayButtonState } from '../playback/monitoring-record';
import { PlaybackPanel } from '../playback/PlaybackPanel';
import { useEvidencePlayback, type EvidencePlayback } from '../playback/use-evidence-playback';
import { useLatestMonitoringRecord } from '../playback/use-latest-monitoring-record';
import { useDeskFollow } from '../session/desk-follow';
import { useMirrorPlayback } from '../session/use-mirror-playback';
import { emitAppEvent } from './app-events';
import type { PanelBounds } from './panel-size';
import type { Remote } from './remote';
import { SidePanel } from './SidePanel';
import { useMediaQuery } from './use-media-query';
import { usePanelState } from './use-panel-state';

export interface WorkstationProps {
  readonly api: TrucelineApi;
  readonly basemap: Basemap;
  readonly commission: Remote<CommissionView>;
  /** Grows when the store changed: the queue asks again. */
  readonly generation: number;
  readonly onReload: () => void;
  readonly flightDurationMs: number;
}

/** The detail (and with it the evidence list) is still on its way. */
const WAITING_FOR_DETAIL: EvidencePlayback = { status: 'loading', chunks: [] };

const QUEUE_BOUNDS: PanelBounds = { min: 200, max: 640, initial: 320 };
const DETAIL_BOUNDS: PanelBounds = { min: 280, max: 960, initial: 480 };
/** In CSS pixels, so browser zoom counts: below it the detail is a drawer over the queue's side (the same breakpoint as in styles.css). */
const WIDE_DESK_QUERY = '(min-width: 1200px)';

export function Workstation({ api, basemap, commission, generation, onReload, flightDurationMs }: WorkstationProps) {
  const [filter, setFilter] = useState<IncidentFilter>(NO_FILTER);
  const [sort, setSort] = useState<IncidentSort>('time-desc');
  const [selectedId, setSelectedId] = useState<ObjectId | undefined>();

  const query = useMemo(() => queueQuery(filter, sort), [filter, sort]);
  const pages = useIncidentPages(api, query, generation);
  // The selected incident stays on the map and in the detail while the queue pages change under it.
  const [remembered, setRemembered] = useState<IncidentSummary | undefined>();
  const found = useMemo(() => pages.loaded.find((i) => i.id === selectedId), [pages.loaded, selectedId]);
  useEffect(() => {
    if (found) setRemembered(found);
  }, [found]);
  const selected = found ?? (remembered?.id === selectedId ? remembered : undefined);
  const detail = useIncidentDetail(api, selectedId, generation);
  const playback = useEvidencePlayback(useEvidenceSource(detail));
  useMirrorPlayback(api, playback.status === 'ready' ? playback.clock : undefined);
  const [evidenceFilter, setEvidenceFilter] = useState<DetectionFilter>(SHOW_ALL);
  // A monitoring record plays a day in many chunks: the incidents of that day are marked on its timeline.
  const isDay = playback.status === 'ready' && playback.chunks.length > 1;
  const markers = useMemo(() => (isDay && selected ? incidentMarkers(selected, pages.loaded) : undefined), [isDay, selected, pages.loaded]);
  const view = commission.state === 'ready' ? commission.value : undefined;
  const nameOf = useMemo(() => memberNames(view), [view]);
  const wide = useMediaQuery(WIDE_DESK_QUERY);
  const [queuePanel, setQueuePanel] = usePanelState('queue', QUEUE_BOUNDS);
  const [detailPanel, setDetailPanel] = usePanelState('detail', DETAIL_BOUNDS);
  const drawer = !wide && selectedId !== undefined && !detailPanel.collapsed;

  const select = useCallback(
    (id: ObjectId | undefined) => {
      setSelectedId(id);
      const number = pages.loaded.find((i) => i.id === id)?.number;
      if (number !== undefined) emitAppEvent('incident-selected', number);
    },
    [pages.loaded],
  );
  // The day of the line: its monitoring record opens from the map, wherever the queue stands.
  const latestRecord = useLatestMonitoringRecord(api, generation);
  const openDay = useCallback((record: IncidentSummary) => {
    setRemembered(record);
    setSelectedId(record.id);
    emitAppEvent('incident-selected', record.number);
  }, []);
  // The chair stepped the room session's agenda: the desk shows that item, so its playback plays what the room shows.
  useDeskFollow(select);

  useEffect(() => {
    if (commission.state === 'ready') emitAppEvent('commission-loaded');
  }, [commission]);
  useEffect(() => {
    if (pages.totals.state === 'ready') emitAppEvent('incidents-loaded');
  }, [pages.totals]);

  return (
    <main className={`workspace${drawer ? ' workspace-drawer' : ''}`}>
      <SidePanel id="queue" label="the incident queue" side="left" bounds={QUEUE_BOUNDS} state={queuePanel} onChange={setQueuePanel} inert={drawer}>
        <IncidentQueue
          pages={pages}
          filter={filter}
          sort={sort}
          selectedId={selectedId}
          store={view?.store}
          acting={view?.actingAs != null}
          nameOf={nameOf}
          onFilterChange={setFilter}
          onSortChange={setSort}
          onSelect={select}
          onRetry={onReload}
        />
      </SidePanel>
      <div className="map-area">
        <div className="map-stage">
          <EvidenceMap basemap={basemap} incidents={pages.loaded} selected={selected} onSelectIncident={select} flightDurationMs={flightDurationMs} playback={playback} filter={evidenceFilter}>
            <Legend />
            <DayButton state={dayButtonState(latestRecord)} playing={latestRecord.state === 'ready' && latestRecord.value?.id === selectedId} onOpen={openDay} />
          </EvidenceMap>
        </div>
        {/* Shown, at one height, whenever an incident is selected: the map changes size only when the selection starts or ends, never during its flight to an incident. */}
        {selectedId !== undefined && (
          <PlaybackDock playback={detail?.state === 'ready' ? playback : WAITING_FOR_DETAIL}>
            {playback.status === 'ready' && (
              <PlaybackPanel
                clock={playback.clock}
                evidence={playback.evidence}
                filter={evidenceFilter}
                onFilterChange={setEvidenceFilter}
                {...(selected ? { title: selected.number } : {})}
                {...(markers ? { markers } : {})}
              />
            )}
          </PlaybackDock>
        )}
      </div>
      <SidePanel id="detail" label="the incident detail" side={drawer ? 'left' : 'right'} overlay={drawer} bounds={DETAIL_BOUNDS} state={detailPanel} onChange={setDetailPanel}>
        <IncidentDetailPanel detail={detail} selected={selected} actingAs={view?.actingAs?.member} nameOf={nameOf} onClose={() => setSelectedId(undefined)} />
      </SidePanel>
    </main>
  );
}
