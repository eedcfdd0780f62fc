import { useId, useState, type CSSProperties } from 'react';
import { OUTCOME_CLASSES, OUTCOME_CLASS_LABELS, OUTCOME_COLORS, OUTCOME_MARKERS, cssColor } from '../incidents/outcome-style';
import { useMediaQuery } from '../app/use-media-query';
import { BASEMAP_COLORS } from './basemap-layers';

const css = ([r, g, b, a]: readonly number[]) => `rgba(${r}, ${g}, ${b}, ${(a ?? 255) / 255})`;

/** In CSS pixels, so browser zoom counts: on a shorter window the legend starts folded to its button and leaves the map its room. */
export const LEGEND_OPEN_QUERY = '(min-height: 900px)';

export function Legend() {
  const roomy = useMediaQuery(LEGEND_OPEN_QUERY);
  // Follows the window's height until the delegate opens or folds it.
  const [chosen, setChosen] = useState<boolean | undefined>();
  const open = chosen ?? roomy;
  const bodyId = useId();
  return (
    <aside className="legend" aria-label="Legend" data-open={open}>
      <button type="button" className="legend-toggle" aria-expanded={open} aria-controls={bodyId} data-testid="legend-toggle" onClick={() => setChosen(!open)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> Legend
      </button>
      <div className="legend-body" id={bodyId} hidden={!open}>
        <div>
          <span className="swatch line" style={{ background: css(BASEMAP_COLORS.ceasefireLine) }} />
          Ceasefire line — <strong>illustrative</strong>, not an agreed line
        </div>
        <div>
          <span className="swatch" style={{ background: css(BASEMAP_COLORS.zoneFill), borderColor: css(BASEMAP_COLORS.zoneEdge) }} />
          Disengagement zone ±15 km (illustrative)
        </div>
        <div>
          <span className="swatch dot" style={{ background: css(BASEMAP_COLORS.settlementUkraineControlled) }} />
          Settlement, Ukraine-controlled
        </div>
        <div>
          <span className="swatch dot" style={{ background: css(BASEMAP_COLORS.settlementOccupied) }} />
          Settlement, occupied (front of 2026-08-22)
        </div>
        <div className="legend-heading">Incidents by outcome (dot: decided, hollow: open, white outline: contested); faint circle: location uncertainty</div>
        <div className="legend-outcomes">
          {OUTCOME_CLASSES.map((outcome) => (
            <span key={outcome}>
              <span className="swatch marker" data-marker={OUTCOME_MARKERS[outcome]} style={{ '--outcome-color': cssColor(OUTCOME_COLORS[outcome]) } as CSSProperties} />
              {OUTCOME_CLASS_LABELS[outcome]}
            </span>
          ))}
        </div>
      </div>
    </aside>
  );
}
