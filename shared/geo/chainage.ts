import type { LonLat } from './types';

const EARTH_RADIUS_KM = 6371.0088;
const DEG = Math.PI / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface ChainagePoint {
  /** Distance along the line from its first vertex to the foot of the perpendicular, km. */
  readonly km: number;
  /** Distance from the point to the line, km. */
  readonly offsetKm: number;
  /** Which side of the line, looking from its start towards its end. */
  readonly side: 'left' | 'right' | 'on';
  /** The foot of the perpendicular on the line. */
  readonly foot: LonLat;
}

export interface LineMeasure {
  readonly vertices: readonly LonLat[];
  /** cumulativeKm[i] is the distance along the line to vertex i. */
  readonly cumulativeKm: Float64Array;
  readonly lengthKm: number;
}

export function measureLine(vertices: readonly LonLat[]): LineMeasure {
  if (vertices.length < 2) throw new Error(`a line needs at least 2 vertices, got ${vertices.length}`);
  const cumulativeKm = new Float64Array(vertices.length);
  for (let i = 1; i < vertices.length; i++) {
    cumulativeKm[i] = cumulativeKm[i - 1]! + distanceKm(vertices[i - 1]!, vertices[i]!);
  }
  return { vertices, cumulativeKm, lengthKm: cumulativeKm[vertices.length - 1]! };
}

/**
 * Projects a point onto the line. Each segment is projected in a local equirectangular frame
 * centred on the point, which is accurate to well under 0.1% for segments of a few tens of km.
 */
export function chainageOf(line: LineMeasure, point: LonLat): ChainagePoint {
  const cosLat = Math.cos(point[1] * DEG);
  const toLocal = (p: LonLat): [number, number] => [(p[0] - point[0]) * DEG * EARTH_RADIUS_KM * cosLat, (p[1] - point[1]) * DEG * EARTH_RADIUS_KM];
  let best = { distanceSq: Infinity, segment: 0, t: 0, cross: 0 };
  for (let i = 0; i < line.vertices.length - 1; i++) {
    const [ax, ay] = toLocal(line.vertices[i]!);
    const [bx, by] = toLocal(line.vertices[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
    const fx = ax + t * dx;
    const fy = ay + t * dy;
    const distanceSq = fx * fx + fy * fy;
    if (distanceSq < best.distanceSq) {
      // The point is the local origin: cross(segment, point - a) tells the side.
      best = { distanceSq, segment: i, t, cross: dx * -ay - dy * -ax };
    }
  }
  const a = line.vertices[best.segment]!;
  const b = line.vertices[best.segment + 1]!;
  const foot: LonLat = [a[0] + best.t * (b[0] - a[0]), a[1] + best.t * (b[1] - a[1])];
  const km = line.cumulativeKm[best.segment]! + best.t * (line.cumulativeKm[best.segment + 1]! - line.cumulativeKm[best.segment]!);
  const offsetKm = Math.sqrt(best.distanceSq);
  const side = offsetKm < 1e-9 ? 'on' : best.cross > 0 ? 'left' : 'right';
  return { km, offsetKm, side, foot };
}

/** The point at a given distance along the line (clamped to its ends). */
export function pointAtKm(line: LineMeasure, km: number): LonLat {
  const clamped = Math.max(0, Math.min(line.lengthKm, km));
  let i = 0;
  while (i < line.vertices.length - 2 && line.cumulativeKm[i + 1]! < clamped) i++;
  const start = line.cumulativeKm[i]!;
  const span = line.cumulativeKm[i + 1]! - start;
  const t = span === 0 ? 0 : (clamped - start) / span;
  const a = line.vertices[i]!;
  const b = line.vertices[i + 1]!;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
