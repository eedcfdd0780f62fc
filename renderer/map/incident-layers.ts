import { ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { IncidentSummary } from '../../shared/commission/views';
import { OUTCOME_COLORS, outcomeClassOf, type Rgba } from '../incidents/outcome-style';

export const INCIDENT_MARKER_LAYER_ID = 'incident-markers';

const MARKER_RADIUS_PX = 6;
const SELECTED_RING_RADIUS_PX = 11;
const MARKER_HALO: Rgba = [10, 16, 22, 255];
const SELECTED_RING: Rgba = [255, 255, 255, 255];
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
      getFillColor: outcomeColor,
      getLineColor: MARKER_HALO,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
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
