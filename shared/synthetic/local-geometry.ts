import type { LonLat } from '../geo/types';

// Flat-earth helpers for distances of up to a few tens of km, where the equirectangular error is
// well under 0.1%: the hot paths of the generator use these instead of haversine.

export const KM_PER_DEG_LAT = 111.195;
const DEG = Math.PI / 180;

export function kmPerDegLon(latDeg: number): number {
  return KM_PER_DEG_LAT * Math.cos(latDeg * DEG);
}

export function flatDistanceKm(aLon: number, aLat: number, bLon: number, bLat: number, kmPerLon: number): number {
  const dx = (bLon - aLon) * kmPerLon;
  const dy = (bLat - aLat) * KM_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Integer bearing 0–359 in degrees clockwise from true north, from `from` towards `to`. */
export function bearingDeg(from: LonLat, to: LonLat): number {
  const dx = (to[0] - from[0]) * kmPerDegLon((from[1] + to[1]) / 2);
  const dy = (to[1] - from[1]) * KM_PER_DEG_LAT;
  const degrees = Math.round(Math.atan2(dx, dy) / DEG);
  return ((degrees % 360) + 360) % 360;
}

const COMPASS_POINTS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'] as const;

/** The eight-point compass direction from `from` towards `to`, e.g. "south-east". */
export function compassDirection(from: LonLat, to: LonLat): (typeof COMPASS_POINTS)[number] {
  return COMPASS_POINTS[Math.round(bearingDeg(from, to) / 45) % 8]!;
}

/** Moves `point` by (eastKm, northKm). */
export function offsetPoint(point: LonLat, eastKm: number, northKm: number): LonLat {
  return [point[0] + eastKm / kmPerDegLon(point[1]), point[1] + northKm / KM_PER_DEG_LAT];
}

export interface BoundingBox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

export function containsPoint(box: BoundingBox, lon: number, lat: number): boolean {
  return lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
}

/** The box around `points` grown by `marginKm` on every side. */
export function boundingBoxOf(points: readonly LonLat[], marginKm: number): BoundingBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [lon, lat] of points) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  const lonMargin = marginKm / kmPerDegLon(Math.max(Math.abs(south), Math.abs(north)));
  const latMargin = marginKm / KM_PER_DEG_LAT;
  return { west: west - lonMargin, south: south - latMargin, east: east + lonMargin, north: north + latMargin };
}
