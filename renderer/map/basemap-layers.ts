import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Basemap, Settlement } from '../../shared/basemap/types';
import type { LineMeasure } from '../../shared/geo/chainage';
import type { LonLat } from '../../shared/geo/types';
import { LINE_LABEL_PRIORITY, lineLabel, settlementLabelPriority, type LineLabel } from './label-placement';

type Rgba = [number, number, number, number];

export const BASEMAP_COLORS = {
  ukraine: [46, 58, 70, 255] as Rgba,
  neighbour: [33, 40, 48, 255] as Rgba,
  border: [110, 124, 138, 255] as Rgba,
  oblast: [96, 112, 128, 200] as Rgba,
  zoneFill: [245, 166, 35, 40] as Rgba,
  zoneEdge: [245, 166, 35, 150] as Rgba,
  /** The ceasefire line; end-to-end tests look for this colour in the canvas. */
  ceasefireLine: [255, 59, 48, 255] as Rgba,
  settlementUkraineControlled: [250, 250, 250, 255] as Rgba,
  settlementOccupied: [90, 120, 220, 255] as Rgba,
  label: [230, 236, 242, 255] as Rgba,
  labelHalo: [10, 16, 22, 255] as Rgba,
} as const;

export const SETTLEMENT_LABEL_MIN_ZOOM = 7;
const LABEL_FONT = 'system-ui, "DejaVu Sans", sans-serif';
const LINE_LABEL_TEXT = 'Ceasefire line (illustrative)';
/** Labels hide where they would overlap, the line's first, then settlements by nearness to the line. */
const LABEL_COLLISIONS = new CollisionFilterExtension();
const LABEL_COLLISION_GROUP = 'basemap-labels';

export interface BasemapLayerOptions {
  readonly basemap: Basemap;
  readonly line: LineMeasure;
  readonly zoom: number;
}

export function basemapLayers({ basemap, line, zoom }: BasemapLayerOptions): Layer[] {
  const lineLabels = [lineLabel(line, LINE_LABEL_TEXT)];
  return [
    new GeoJsonLayer({
      id: 'countries',
      data: basemap.countries as never,
      filled: true,
      stroked: true,
      getFillColor: (f: { properties: { a3: string } }) => (f.properties.a3 === 'UKR' ? BASEMAP_COLORS.ukraine : BASEMAP_COLORS.neighbour),
      getLineColor: BASEMAP_COLORS.border,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.2,
    }),
    new GeoJsonLayer({
      id: 'oblasts',
      data: basemap.oblasts as never,
      filled: false,
      stroked: true,
      getLineColor: BASEMAP_COLORS.oblast,
      lineWidthUnits: 'pixels',
      getLineWidth: 0.8,
    }),
    new GeoJsonLayer({
      id: 'disengagement-zone',
      data: basemap.disengagementZone as never,
      filled: true,
      stroked: true,
      getFillColor: BASEMAP_COLORS.zoneFill,
      getLineColor: BASEMAP_COLORS.zoneEdge,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new PathLayer<readonly LonLat[]>({
      id: 'ceasefire-line',
      data: [basemap.ceasefireLine.vertices],
      getPath: (vertices) => vertices as LonLat[],
      getColor: BASEMAP_COLORS.ceasefireLine,
      widthUnits: 'pixels',
      getWidth: 3,
      jointRounded: true,
      capRounded: true,
    }),
    new ScatterplotLayer<Settlement>({
      id: 'settlements',
      data: basemap.settlements,
      getPosition: (s) => [s.lon, s.lat],
      getFillColor: (s) => (s.side === 'occupied' ? BASEMAP_COLORS.settlementOccupied : BASEMAP_COLORS.settlementUkraineControlled),
      radiusUnits: 'pixels',
      getRadius: 2.5,
      pickable: true,
    }),
    new TextLayer<Settlement, CollisionFilterExtensionProps<Settlement>>({
      id: 'settlement-labels',
      data: basemap.settlements,
      visible: zoom >= SETTLEMENT_LABEL_MIN_ZOOM,
      getPosition: (s) => [s.lon, s.lat],
      getText: (s) => s.name,
      getSize: 12,
      getColor: BASEMAP_COLORS.label,
      getPixelOffset: [6, 0],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      fontFamily: LABEL_FONT,
      // The names' own characters (’ in Radens’k and Cyrillic-derived letters), not only ASCII.
      characterSet: 'auto',
      fontSettings: { sdf: true },
      outlineWidth: 3,
      outlineColor: BASEMAP_COLORS.labelHalo,
      extensions: [LABEL_COLLISIONS],
      collisionGroup: LABEL_COLLISION_GROUP,
      getCollisionPriority: settlementLabelPriority,
    }),
    new TextLayer<LineLabel, CollisionFilterExtensionProps<LineLabel>>({
      id: 'ceasefire-line-labels',
      data: lineLabels,
      getPosition: (d) => d.position as [number, number],
      getText: (d) => d.text,
      getAngle: (d) => d.angle,
      getSize: 13,
      getColor: BASEMAP_COLORS.ceasefireLine,
      getPixelOffset: [0, -14],
      fontWeight: 700,
      fontFamily: LABEL_FONT,
      fontSettings: { sdf: true },
      outlineWidth: 3,
      outlineColor: BASEMAP_COLORS.labelHalo,
      extensions: [LABEL_COLLISIONS],
      collisionGroup: LABEL_COLLISION_GROUP,
      getCollisionPriority: LINE_LABEL_PRIORITY,
    }),
  ];
}
