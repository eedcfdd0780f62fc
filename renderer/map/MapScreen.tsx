import { useMemo, useState } from 'react';
import DeckGL from '@deck.gl/react';
import { MapView, type MapViewState } from '@deck.gl/core';
import type { Basemap } from '../../shared/basemap/types';
import { chainageOf, measureLine, type ChainagePoint } from '../../shared/geo/chainage';
import type { LonLat } from '../../shared/geo/types';
import { emitAppEvent } from '../app/app-events';
import { basemapLayers } from './basemap-layers';
import { StatusBar } from './StatusBar';

export const INITIAL_VIEW_STATE: MapViewState = { longitude: 34.6, latitude: 48.2, zoom: 5.6, minZoom: 3, maxZoom: 13 };
const MAP_VIEW = new MapView({ repeat: false });

export interface MapScreenProps {
  readonly basemap: Basemap;
  readonly initialViewState?: MapViewState;
}

export interface CursorReadout {
  readonly position: LonLat;
  readonly chainage: ChainagePoint;
}

export function MapScreen({ basemap, initialViewState = INITIAL_VIEW_STATE }: MapScreenProps) {
  const line = useMemo(() => measureLine(basemap.ceasefireLine.vertices), [basemap]);
  const [viewState, setViewState] = useState<MapViewState>(initialViewState);
  const [cursor, setCursor] = useState<CursorReadout | undefined>();
  const layers = useMemo(() => basemapLayers({ basemap, line, zoom: viewState.zoom }), [basemap, line, viewState.zoom]);

  return (
    <div className="map-screen">
      <div className="map-canvas" data-testid="map">
        <DeckGL
          views={MAP_VIEW}
          viewState={viewState}
          onViewStateChange={({ viewState: next }) => setViewState(next as MapViewState)}
          controller={{ dragRotate: false, touchRotate: false }}
          layers={layers}
          onHover={(info) => {
            const coordinate = info.coordinate as [number, number] | undefined;
            setCursor(coordinate ? { position: coordinate, chainage: chainageOf(line, coordinate) } : undefined);
          }}
          onAfterRender={() => emitAppEvent('map-rendered')}
          getCursor={({ isDragging }) => (isDragging ? 'grabbing' : 'crosshair')}
        />
      </div>
      <StatusBar viewState={viewState} cursor={cursor} lineLengthKm={line.lengthKm} />
    </div>
  );
}
