import { WebMercatorViewport } from '@deck.gl/core';
import type { LonLat } from '../../shared/geo/types';

export interface MapCentre {
  readonly longitude: number;
  readonly latitude: number;
  readonly zoom: number;
}

/** The view that shows every vertex in a `width` × `height` pixel map, `paddingPx` from its edges; undefined for a map too small to hold it. */
export function viewFitting(vertices: readonly LonLat[], width: number, height: number, paddingPx: number): MapCentre | undefined {
  if (vertices.length === 0 || width <= 2 * paddingPx || height <= 2 * paddingPx) return undefined;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of vertices) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const { longitude, latitude, zoom } = new WebMercatorViewport({ width, height }).fitBounds(
    [
      [west, south],
      [east, north],
    ],
    { padding: paddingPx },
  );
  return { longitude, latitude, zoom };
}
