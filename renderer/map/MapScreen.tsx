import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import DeckGL from '@deck.gl/react';
import { FlyToInterpolator, MapView, type Layer, type MapViewState, type PickingInfo } from '@deck.gl/core';
import type { Basemap } from '../../shared/basemap/types';
import type { IncidentSummary } from '../../shared/commission/views';
import type { ObjectId } from '../../shared/objects/types';
import { chainageOf, measureLine, type ChainagePoint } from '../../shared/geo/chainage';
import type { LonLat } from '../../shared/geo/types';
import { emitAppEvent } from '../app/app-events';
import { categoryLabel } from '../incidents/incident-format';
import { FINALITY_LABELS } from '../incidents/finality-style';
import { OUTCOME_CLASS_LABELS, outcomeClassOf } from '../incidents/outcome-style';
import { basemapLayers } from './basemap-layers';
import { viewFitting } from './fit-view';
import { focusZoomFor } from './incident-focus';
import { INCIDENT_MARKER_LAYER_ID, incidentLayers } from './incident-layers';
import { MapControls } from './MapControls';
import { StatusBar } from './StatusBar';

export const INITIAL_VIEW_STATE: MapViewState = { longitude: 34.6, latitude: 48.2, zoom: 5.6, minZoom: 3, maxZoom: 13 };
export const DEFAULT_FLIGHT_DURATION_MS = 1500;
const MAP_VIEW = new MapView({ repeat: false });
const FLY_TO = new FlyToInterpolator();
const NO_INCIDENTS: readonly IncidentSummary[] = [];
const NO_LAYERS: readonly Layer[] = [];
const PICKING_RADIUS_PX = 4;
const LINE_FIT_PADDING_PX = 24;
const BUTTON_TRANSITION_MS = 300;
/**
 * A press and release without movement is a click however long the press, as in the DOM. deck.gl's
 * default limit (250 ms) counts the synchronous pick made on pointerdown, so it drops clicks
 * wherever picking is slow: software rendering on a field laptop, SwiftShader in tests.
 */
const EVENT_RECOGNIZER_OPTIONS = { click: { time: 5_000 } };

export interface MapScreenProps {
  readonly basemap: Basemap;
  /** Without one, the map fits the whole ceasefire line into its size until the user moves it. */
  readonly initialViewState?: MapViewState;
  /** The incidents to mark; keep its identity stable while they do not change. */
  readonly incidents?: readonly IncidentSummary[];
  /** The map flies to it whenever it changes. */
  readonly selected?: IncidentSummary;
  readonly onSelectIncident?: (id: ObjectId) => void;
  readonly flightDurationMs?: number;
  /** Layers drawn above the incidents (the evidence playing); a new array per frame is fine, their data must keep its identity. */
  readonly overlayLayers?: readonly Layer[];
  /** A click that picked no incident (evidence, or nothing). */
  readonly onPick?: (info: PickingInfo) => void;
  /** Overlays drawn over the map canvas, such as its legend. */
  readonly children?: ReactNode;
}

export interface CursorReadout {
  readonly position: LonLat;
  readonly chainage: ChainagePoint;
}

function pickedIncident(info: PickingInfo): IncidentSummary | undefined {
  return info.layer?.id === INCIDENT_MARKER_LAYER_ID ? (info.object as IncidentSummary | undefined) : undefined;
}

function incidentTooltip(info: PickingInfo): string | null {
  const incident = pickedIncident(info);
  if (!incident) return null;
  return `${incident.number} · ${categoryLabel(incident.category)}\n${OUTCOME_CLASS_LABELS[outcomeClassOf(incident.outcome)]} · ${FINALITY_LABELS[incident.finality.status]}`;
}

export function MapScreen({
  basemap,
  initialViewState,
  incidents = NO_INCIDENTS,
  selected,
  onSelectIncident,
  flightDurationMs = DEFAULT_FLIGHT_DURATION_MS,
  overlayLayers = NO_LAYERS,
  onPick,
  children,
}: MapScreenProps) {
  const line = useMemo(() => measureLine(basemap.ceasefireLine.vertices), [basemap]);
  const [viewState, setViewState] = useState<MapViewState>(initialViewState ?? INITIAL_VIEW_STATE);
  const fitsLine = useRef(initialViewState === undefined);
  const canvasSize = useRef<{ width: number; height: number } | undefined>(undefined);
  const [cursor, setCursor] = useState<CursorReadout | undefined>();
  const selectedData = useMemo(() => (selected ? [selected] : NO_INCIDENTS), [selected]);
  const baseLayers = useMemo(() => basemapLayers({ basemap, line, zoom: viewState.zoom }), [basemap, line, viewState.zoom]);
  const markerLayers = useMemo(() => incidentLayers({ incidents, selected: selectedData }), [incidents, selectedData]);
  const layers = useMemo(() => [...baseLayers, ...markerLayers, ...overlayLayers], [baseLayers, markerLayers, overlayLayers]);

  useEffect(() => {
    if (!selected) return;
    fitsLine.current = false;
    setViewState((current) => ({
      ...current,
      longitude: selected.lon,
      latitude: selected.lat,
      zoom: focusZoomFor(selected.uncertaintyM, selected.lat),
      transitionDuration: flightDurationMs,
      transitionInterpolator: FLY_TO,
      onTransitionEnd: () => emitAppEvent('map-focused', selected.number),
    }));
  }, [selected, flightDurationMs]);

  const moveTo = (target: Partial<MapViewState>) =>
    setViewState((current) => ({ ...current, ...target, transitionDuration: Math.min(BUTTON_TRANSITION_MS, flightDurationMs), transitionInterpolator: FLY_TO }));
  const zoomBy = (delta: number) =>
    setViewState((current) => {
      const zoom = Math.max(current.minZoom ?? 0, Math.min(current.maxZoom ?? 20, current.zoom + delta));
      return { ...current, zoom, transitionDuration: Math.min(BUTTON_TRANSITION_MS, flightDurationMs), transitionInterpolator: FLY_TO };
    });
  const fitLine = () => {
    const size = canvasSize.current;
    const fit = size ? viewFitting(basemap.ceasefireLine.vertices, size.width, size.height, LINE_FIT_PADDING_PX) : undefined;
    if (!fit) return;
    fitsLine.current = true;
    moveTo(fit);
  };
  const reset = () => {
    fitsLine.current = false;
    moveTo({ ...(initialViewState ?? INITIAL_VIEW_STATE), bearing: 0, pitch: 0 });
  };

  return (
    <div className="map-screen">
      <div className="map-canvas" data-testid="map">
        <DeckGL
          views={MAP_VIEW}
          viewState={viewState}
          onViewStateChange={({ viewState: next, interactionState }) => {
            if (interactionState.isDragging || interactionState.isPanning || interactionState.isZooming) fitsLine.current = false;
            setViewState(next as MapViewState);
          }}
          onResize={({ width, height }) => {
            canvasSize.current = { width, height };
            const fit = fitsLine.current ? viewFitting(basemap.ceasefireLine.vertices, width, height, LINE_FIT_PADDING_PX) : undefined;
            if (fit) setViewState((current) => ({ ...current, ...fit }));
          }}
          controller={{ dragRotate: false, touchRotate: false }}
          layers={layers}
          pickingRadius={PICKING_RADIUS_PX}
          eventRecognizerOptions={EVENT_RECOGNIZER_OPTIONS}
          onHover={(info) => {
            const coordinate = info.coordinate as [number, number] | undefined;
            setCursor(coordinate ? { position: coordinate, chainage: chainageOf(line, coordinate) } : undefined);
          }}
          onClick={(info) => {
            const incident = pickedIncident(info);
            if (incident) onSelectIncident?.(incident.id);
            else onPick?.(info);
          }}
          getTooltip={incidentTooltip}
          onAfterRender={() => emitAppEvent('map-rendered')}
          getCursor={({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'crosshair')}
        />
        {children}
        <MapControls onZoom={zoomBy} onReset={reset} onFitLine={fitLine} />
      </div>
      <StatusBar viewState={viewState} cursor={cursor} lineLengthKm={line.lengthKm} />
    </div>
  );
}
