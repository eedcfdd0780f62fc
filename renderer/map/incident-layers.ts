import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { IncidentSummary } from '../../shared/commission/views';
import { OUTCOME_COLORS, OUTCOME_MARKERS, outcomeClassOf, type Rgba } from '../incidents/outcome-style';

export const INCIDENT_MARKER_LAYER_ID = 'incident-markers';

const MARKER_RADIUS_PX = 6;
const SELECTED_RING_RADIUS_PX = 11;
const MARKER_HALO: Rgba = [10, 16, 22, 255];
const SELECTED_RING: Rgba = [255, 255, 255, 255];
const CONTESTED_OUTLINE: Rgba = [255, 255, 255, 255];
const UNCERTAINTY_FILL_ALPHA = 36;

export interface IncidentLayerOptions {
  /** Must keep its identity while the incidents shown do not change: deck.gl rebuilds attributes when it changes. */
  readonly incidents: readonly IncidentSummary[];
  /** Empty or one incident; its own stable array, so that selecting redraws only the ring. */
  readonly selected: readonly IncidentSummary[];
}

function outcomeColor(incident: IncidentSummary): Rgba {
  return OUTCOME_COLORS[outcomeClassOf(incident.outcome)];
}

function markerShape(incident: IncidentSummary) {
  return OUTCOME_MARKERS[outcomeClassOf(incident.outcome)];
}

/** A hollow ring is a dark dot with a thick line in the outcome's colour (a transparent fill would not be pickable). */
function markerFill(incident: IncidentSummary): Rgba {
  return markerShape(incident) === 'hollow' ? MARKER_HALO : outcomeColor(incident);
}

function markerLine(incident: IncidentSummary): Rgba {
  const shape = markerShape(incident);
  return shape === 'hollow' ? outcomeColor(incident) : shape === 'outlined' ? CONTESTED_OUTLINE : MARKER_HALO;
}

function markerLineWidth(incident: IncidentSummary): number {
  return markerShape(incident) === 'filled' ? 2 : 3;
}

export function incidentLayers({ incidents, selected }: IncidentLayerOptions): Layer[] {
  return [
    new ScatterplotLayer<IncidentSummary>({
      id: 'incident-uncertainty',
      data: incidents,
      getPosition: (i) => [i.lon, i.lat],
      getRadius: (i) => i.uncertaintyM,
      radiusUnits: 'meters',
      filled: true,
      stroked: true,
      getFillColor: (i) => {
        const [r, g, b] = outcomeColor(i);
        return [r, g, b, UNCERTAINTY_FILL_ALPHA];
      },
      getLineColor: outcomeColor,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new ScatterplotLayer<IncidentSummary>({
      id: INCIDENT_MARKER_LAYER_ID,
      data: incidents,
      getPosition: (i) => [i.lon, i.lat],
      getRadius: MARKER_RADIUS_PX,
      radiusUnits: 'pixels',
      filled: true,
      stroked: true,
      getFillColor: markerFill,
      getLineColor: markerLine,
      lineWidthUnits: 'pixels',
      getLineWidth: markerLineWidth,
      pickable: true,
      autoHighlight: true,
      highlightColor: [255, 255, 255, 90],
    }),
    new ScatterplotLayer<IncidentSummary>({
      id: 'incident-selected',
      data: selected,
      getPosition: (i) => [i.lon, i.lat],
      getRadius: SELECTED_RING_RADIUS_PX,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: SELECTED_RING,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
    }),
  ];
}
