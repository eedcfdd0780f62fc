export interface MapControlsProps {
  readonly onZoom: (delta: number) => void;
  readonly onReset: () => void;
  readonly onFitLine: () => void;
}

/** Buttons for what the mouse wheel and drag do, so that the map can be used from the keyboard alone. */
export function MapControls({ onZoom, onReset, onFitLine }: MapControlsProps) {
  return (
    <div className="map-controls" role="toolbar" aria-label="Map view" data-testid="map-controls">
      <button type="button" onClick={() => onZoom(1)} aria-label="Zoom in" title="Zoom in">
        +
      </button>
      <button type="button" onClick={() => onZoom(-1)} aria-label="Zoom out" title="Zoom out">
        −
      </button>
      <button type="button" onClick={onReset} title="Back to the first view of the map">
        Reset
      </button>
      <button type="button" onClick={onFitLine} title="Show the whole ceasefire line">
        Fit the line
      </button>
    </div>
  );
}
