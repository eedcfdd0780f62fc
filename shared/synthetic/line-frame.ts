import { chainageOf, measureLine, type ChainagePoint, type LineMeasure } from '../geo/chainage';
import type { LonLat } from '../geo/types';
import type { Side } from './codes';

const KM_PER_DEG_LAT = 111.195;
const DEG = Math.PI / 180;

/**
 * Line-relative coordinates: (km along the line, signed offset in km). A positive offset lies to the
 * left of the line looking from its first vertex towards its last, as `chainageOf` reports sides.
 */
export interface LineFrame {
  readonly measure: LineMeasure;
  readonly lengthKm: number;
  /** Which side of the line ('left' or 'right' in `chainageOf` terms) is occupied. */
  readonly occupiedSide: 'left' | 'right';
  /** The point `offsetKm` from the line, perpendicular to it at `km` (normals are smoothed across vertices). */
  pointAt(km: number, offsetKm: number): LonLat;
  /** +1 when a positive offset lies on `side`, otherwise −1. */
  offsetSign(side: Side): 1 | -1;
  /** `chainageOf` plus the side named as the settlements file names it ('on' stays 'on'). */
  locate(point: LonLat): ChainagePoint & { readonly named: Side | 'on' };
}

export function createLineFrame(vertices: readonly LonLat[], occupiedSide: 'left' | 'right'): LineFrame {
  const measure = measureLine(vertices);
  const count = vertices.length;
  const segmentNormals = new Float64Array(2 * (count - 1));
  for (let i = 0; i < count - 1; i++) {
    const a = vertices[i]!;
    const b = vertices[i + 1]!;
    const cosLat = Math.cos(((a[1] + b[1]) / 2) * DEG);
    const dx = (b[0] - a[0]) * cosLat;
    const dy = b[1] - a[1];
    const length = Math.hypot(dx, dy) || 1;
    segmentNormals[2 * i] = -dy / length;
    segmentNormals[2 * i + 1] = dx / length;
  }
  const vertexNormals = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const before = Math.max(0, i - 1);
    const after = Math.min(count - 2, i);
    const nx = segmentNormals[2 * before]! + segmentNormals[2 * after]!;
    const ny = segmentNormals[2 * before + 1]! + segmentNormals[2 * after + 1]!;
    const length = Math.hypot(nx, ny) || 1;
    vertexNormals[2 * i] = nx / length;
    vertexNormals[2 * i + 1] = ny / length;
  }

  function segmentAt(km: number): number {
    let low = 0;
    let high = count - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (measure.cumulativeKm[mid]! <= km) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  const leftIsOccupied = occupiedSide === 'left';
  return {
    measure,
    lengthKm: measure.lengthKm,
    occupiedSide,
    pointAt(km, offsetKm) {
      const clamped = Math.max(0, Math.min(measure.lengthKm, km));
      const i = segmentAt(clamped);
      const start = measure.cumulativeKm[i]!;
      const span = measure.cumulativeKm[i + 1]! - start;
      const t = span === 0 ? 0 : (clamped - start) / span;
      const a = vertices[i]!;
      const b = vertices[i + 1]!;
      const lon = a[0] + t * (b[0] - a[0]);
      const lat = a[1] + t * (b[1] - a[1]);
      let nx = (1 - t) * vertexNormals[2 * i]! + t * vertexNormals[2 * i + 2]!;
      let ny = (1 - t) * vertexNormals[2 * i + 1]! + t * vertexNormals[2 * i + 3]!;
      const length = Math.hypot(nx, ny) || 1;
      nx /= length;
      ny /= length;
      return [lon + (nx * offsetKm) / (KM_PER_DEG_LAT * Math.cos(lat * DEG)), lat + (ny * offsetKm) / KM_PER_DEG_LAT];
    },
    offsetSign(side) {
      return (side === 'occupied') === leftIsOccupied ? 1 : -1;
    },
    locate(point) {
      const c = chainageOf(measure, point);
      const named: Side | 'on' = c.side === 'on' ? 'on' : (c.side === 'left') === leftIsOccupied ? 'occupied' : 'ukraine_controlled';
      return { ...c, named };
    },
  };
}
