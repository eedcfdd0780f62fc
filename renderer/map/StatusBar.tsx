import type { MapViewState } from '@deck.gl/core';
import type { CursorReadout } from './MapScreen';
import { formatLonLat } from './format-coordinates';
import { scaleBarFor } from './scale';

const SCALE_BAR_MAX_PX = 120;

export interface StatusBarProps {
  readonly viewState: MapViewState;
  readonly cursor: CursorReadout | undefined;
  readonly lineLengthKm: number;
}

export function StatusBar({ viewState, cursor, lineLengthKm }: StatusBarProps) {
  const scale = scaleBarFor(viewState.latitude, viewState.zoom, SCALE_BAR_MAX_PX);
  return (
    <footer className="status-bar">
      <div className="scale" data-testid="scale" aria-label={`scale ${scale.label}`}>
        <div className="scale-bar" style={{ width: `${scale.widthPx.toFixed(1)}px` }} />
        <span>{scale.label}</span>
      </div>
      <span data-testid="zoom">zoom {viewState.zoom.toFixed(1)}</span>
      {cursor ? (
        <>
          <span data-testid="cursor-lonlat">{formatLonLat(cursor.position)}</span>
          <span data-testid="cursor-chainage">
            km {cursor.chainage.km.toFixed(1)} of {lineLengthKm.toFixed(0)} along the line, {cursor.chainage.offsetKm.toFixed(1)} km off it
          </span>
        </>
      ) : (
        <span className="hint">Point at the map for coordinates and km along the line</span>
      )}
    </footer>
  );
}
