import { useEffect, useMemo, useState } from 'react';
import DeckGL from '@deck.gl/react';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { MapViewState } from '@deck.gl/core';
import type { Basemap } from '../../shared/basemap/types';
import { measureLine } from '../../shared/geo/chainage';
import type { PlaybackMirror } from '../../shared/session/session-view';
import { basemapLayers } from '../map/basemap-layers';
import { bucketLayers } from '../playback/bucket-layers';
import { useSliceHandOver } from '../playback/use-slice-hand-over';
import { SHOW_ALL } from '../playback/detection-filter';
import { useClockSnapshot } from '../playback/use-clock-snapshot';
import { followMirror } from './follow-mirror';
import type { SessionPlayback } from './use-session-evidence';

const INCIDENT_ZOOM = 11;

export interface SessionMapProps {
  readonly basemap: Basemap;
  readonly incident: { readonly lon: number; readonly lat: number };
  readonly playback: SessionPlayback;
  readonly mirror: PlaybackMirror;
  readonly frozen: boolean;
}

/**
 * The room's big map: the current item's place and its evidence playing on a clock that follows the
 * desk's mirrored playback. Nothing on it answers the pointer: the room reads it, nobody hovers it.
 */
export function SessionMap({ basemap, incident, playback, mirror, frozen }: SessionMapProps) {
  const ready = playback.status === 'ready' ? playback : undefined;
  const clock = ready?.clock;
  useEffect(() => {
    if (clock) followMirror(clock, mirror, frozen);
  }, [clock, mirror, frozen]);
  const snapshot = useClockSnapshot(clock);

  const [viewState, setViewState] = useState<MapViewState>({ longitude: incident.lon, latitude: incident.lat, zoom: INCIDENT_ZOOM });
  useEffect(() => setViewState({ longitude: incident.lon, latitude: incident.lat, zoom: INCIDENT_ZOOM }), [incident.lon, incident.lat]);
  const line = useMemo(() => measureLine(basemap.ceasefireLine.vertices), [basemap]);
  const base = useMemo(() => basemapLayers({ basemap, line, zoom: viewState.zoom }), [basemap, line, viewState.zoom]);

  const handed = useSliceHandOver(ready?.evidence.segments);
  const evidence = useMemo(() => (snapshot && ready ? bucketLayers(ready.evidence.segments, snapshot, SHOW_ALL, handed) : []), [ready?.evidence, snapshot, handed]);
  const marker = useMemo(
    () =>
      new ScatterplotLayer({
        id: 'session-incident',
        data: [incident],
        getPosition: (d: { lon: number; lat: number }) => [d.lon, d.lat],
        getRadius: 14,
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: [255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 4,
      }),
    [incident],
  );

  return (
    <section className="session__map" aria-label="Map" data-testid="session-map" data-playback={playback.status} data-playhead={snapshot ? snapshot.playheadS.toFixed(1) : ''}>
      <DeckGL viewState={viewState} controller={false} layers={[...base, ...evidence, marker]} getTooltip={null} />
      {playback.status === 'refused' && <p className="session__map-note">{playback.message}</p>}
      {playback.status === 'loading' && <p className="session__map-note">Loading the evidence…</p>}
    </section>
  );
}
