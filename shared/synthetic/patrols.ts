import type { LonLat } from '../geo/types';
import type { LineFrame } from './line-frame';
import { KM_PER_DEG_LAT, flatDistanceKm, kmPerDegLon } from './local-geometry';
import type { RandomSource } from './prng';

const ROUTE_STEP_KM = 5;
const UAV_SECTOR_KM = 100;
const UAV_ROUTE_OFFSET_KM = 4;
const UAV_SPEED_KMH = 110;
const UAV_LAPS_PER_SORTIE = 2;
const SATELLITE_GROUND_SPEED_KM_S = 7;
const DEG = Math.PI / 180;

export interface TimeWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/** A mission UAV flying a loop over the disengagement zone: out along one side of the line, back along the other. */
export interface UavPatrol {
  readonly sensorIndex: number;
  readonly fromKm: number;
  readonly toKm: number;
  /** Loop vertices; the first half of the segments is the outbound leg. */
  readonly route: readonly LonLat[];
  readonly routeCumulativeKm: Float64Array;
  readonly loopKm: number;
  readonly speedKmh: number;
  readonly sorties: readonly TimeWindow[];
}

/** One imaging pass: a straight swath crossing the line, swept at orbital ground speed. */
export interface SatellitePass {
  readonly sensorIndex: number;
  /** The time the sub-satellite point is at (centreLon, centreLat), a point on the line. */
  readonly centreTimeMs: number;
  readonly centreLon: number;
  readonly centreLat: number;
  /** Ground-track heading, degrees clockwise from true north. */
  readonly headingDeg: number;
  readonly swathHalfWidthKm: number;
  readonly groundSpeedKmPerS: number;
  /** When the swath is over the monitored area. */
  readonly startMs: number;
  readonly endMs: number;
  /** The swath over the area as four corners, for drawing. */
  readonly footprint: readonly LonLat[];
}

export interface PatrolDraft {
  readonly fromKm: number;
  readonly toKm: number;
  readonly route: readonly LonLat[];
}

export function planUavRoutes(frame: LineFrame, fromKm: number, toKm: number): PatrolDraft[] {
  const sectors = Math.max(1, Math.round((toKm - fromKm) / UAV_SECTOR_KM));
  const length = (toKm - fromKm) / sectors;
  const drafts: PatrolDraft[] = [];
  for (let s = 0; s < sectors; s++) {
    const start = fromKm + s * length;
    const steps = Math.max(1, Math.round(length / ROUTE_STEP_KM));
    const out: LonLat[] = [];
    const back: LonLat[] = [];
    for (let i = 0; i <= steps; i++) {
      out.push(frame.pointAt(start + (length * i) / steps, UAV_ROUTE_OFFSET_KM));
      back.push(frame.pointAt(start + length - (length * i) / steps, -UAV_ROUTE_OFFSET_KM));
    }
    drafts.push({ fromKm: start, toKm: start + length, route: [...out, ...back, out[0]!] });
  }
  return drafts;
}

export function scheduleUavPatrol(draft: PatrolDraft, sensorIndex: number, period: TimeWindow, sortiesPerDay: number, random: RandomSource): UavPatrol {
  const cumulative = new Float64Array(draft.route.length);
  for (let i = 1; i < draft.route.length; i++) {
    const a = draft.route[i - 1]!;
    const b = draft.route[i]!;
    cumulative[i] = cumulative[i - 1]! + flatDistanceKm(a[0], a[1], b[0], b[1], kmPerDegLon((a[1] + b[1]) / 2));
  }
  const loopKm = cumulative[draft.route.length - 1]!;
  const span = period.endMs - period.startMs;
  const count = Math.max(1, Math.round((sortiesPerDay * span) / 86_400_000));
  const window = span / count;
  const sortieMs = Math.round(((UAV_LAPS_PER_SORTIE * loopKm) / UAV_SPEED_KMH) * 3_600_000);
  const sorties: TimeWindow[] = [];
  for (let j = 0; j < count; j++) {
    const windowStart = period.startMs + j * window;
    const slack = Math.max(0, window - sortieMs);
    const startMs = Math.round(windowStart + random.between(0, slack));
    sorties.push({ startMs, endMs: Math.min(startMs + sortieMs, Math.floor(windowStart + window)) });
  }
  return { sensorIndex, fromKm: draft.fromKm, toKm: draft.toKm, route: draft.route, routeCumulativeKm: cumulative, loopKm, speedKmh: UAV_SPEED_KMH, sorties };
}

/** Where the patrol UAV is at `timeMs`, or null when it is not flying. */
export function uavPositionAt(patrol: UavPatrol, timeMs: number): LonLat | null {
  for (const sortie of patrol.sorties) {
    if (timeMs < sortie.startMs || timeMs >= sortie.endMs) continue;
    const km = (((timeMs - sortie.startMs) / 3_600_000) * patrol.speedKmh) % patrol.loopKm;
    return pointAlongRoute(patrol, km);
  }
  return null;
}

function pointAlongRoute(patrol: UavPatrol, km: number): LonLat {
  const cumulative = patrol.routeCumulativeKm;
  let i = 0;
  while (i < cumulative.length - 2 && cumulative[i + 1]! < km) i++;
  const span = cumulative[i + 1]! - cumulative[i]!;
  const t = span === 0 ? 0 : (km - cumulative[i]!) / span;
  const a = patrol.route[i]!;
  const b = patrol.route[i + 1]!;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/**
 * The times the patrol UAV passes closest to `point`, once per leg and lap, when that closest
 * approach is within `footprintKm`.
 */
export function uavPassTimes(patrol: UavPatrol, point: LonLat, footprintKm: number): number[] {
  const route = patrol.route;
  const segments = route.length - 1;
  const half = Math.floor(segments / 2);
  const kmPerLon = kmPerDegLon(point[1]);
  const closest = [
    { distance: Infinity, km: 0 },
    { distance: Infinity, km: 0 },
  ];
  for (let i = 0; i < segments; i++) {
    const a = route[i]!;
    const b = route[i + 1]!;
    const ax = (a[0] - point[0]) * kmPerLon;
    const ay = (a[1] - point[1]) * KM_PER_DEG_LAT;
    const dx = (b[0] - a[0]) * kmPerLon;
    const dy = (b[1] - a[1]) * KM_PER_DEG_LAT;
    const lengthSq = dx * dx + dy * dy;
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
    const distance = Math.hypot(ax + t * dx, ay + t * dy);
    const leg = closest[i < half ? 0 : 1]!;
    if (distance < leg.distance) {
      leg.distance = distance;
      leg.km = patrol.routeCumulativeKm[i]! + t * (patrol.routeCumulativeKm[i + 1]! - patrol.routeCumulativeKm[i]!);
    }
  }
  const times: number[] = [];
  const msPerKm = 3_600_000 / patrol.speedKmh;
  for (const sortie of patrol.sorties) {
    for (let lap = 0; ; lap++) {
      const lapStart = sortie.startMs + lap * patrol.loopKm * msPerKm;
      if (lapStart >= sortie.endMs) break;
      for (const leg of closest) {
        if (leg.distance > footprintKm) continue;
        const time = Math.round(lapStart + leg.km * msPerKm);
        if (time < sortie.endMs) times.push(time);
      }
    }
  }
  return times.sort((a, b) => a - b);
}

export function planSatellitePass(frame: LineFrame, sensorIndex: number, centreKm: number, centreTimeMs: number, descending: boolean, swathHalfWidthKm: number, halfExtentKm: number): SatellitePass {
  const [centreLon, centreLat] = frame.pointAt(centreKm, 0);
  const headingDeg = descending ? 192 : 348;
  const kmPerLon = kmPerDegLon(centreLat);
  const hx = Math.sin(headingDeg * DEG);
  const hy = Math.cos(headingDeg * DEG);
  const corner = (along: number, across: number): LonLat => [centreLon + (hx * along + hy * across) / kmPerLon, centreLat + (hy * along - hx * across) / KM_PER_DEG_LAT];
  const halfDurationMs = Math.round((halfExtentKm / SATELLITE_GROUND_SPEED_KM_S) * 1000);
  return {
    sensorIndex,
    centreTimeMs,
    centreLon,
    centreLat,
    headingDeg,
    swathHalfWidthKm,
    groundSpeedKmPerS: SATELLITE_GROUND_SPEED_KM_S,
    startMs: centreTimeMs - halfDurationMs,
    endMs: centreTimeMs + halfDurationMs,
    footprint: [corner(-halfExtentKm, -swathHalfWidthKm), corner(-halfExtentKm, swathHalfWidthKm), corner(halfExtentKm, swathHalfWidthKm), corner(halfExtentKm, -swathHalfWidthKm)],
  };
}

/** The time the pass images `point`, or null when the point lies outside the swath or the pass window. */
export function satelliteImagingTime(pass: SatellitePass, point: LonLat): number | null {
  const kmPerLon = kmPerDegLon(pass.centreLat);
  const east = (point[0] - pass.centreLon) * kmPerLon;
  const north = (point[1] - pass.centreLat) * KM_PER_DEG_LAT;
  const hx = Math.sin(pass.headingDeg * DEG);
  const hy = Math.cos(pass.headingDeg * DEG);
  const along = east * hx + north * hy;
  const across = east * hy - north * hx;
  if (Math.abs(across) > pass.swathHalfWidthKm) return null;
  const time = Math.round(pass.centreTimeMs + (along / pass.groundSpeedKmPerS) * 1000);
  return time >= pass.startMs && time < pass.endMs ? time : null;
}

/** The sub-satellite point at `timeMs` (which must lie within the pass window). */
export function satellitePositionAt(pass: SatellitePass, timeMs: number): LonLat {
  const along = ((timeMs - pass.centreTimeMs) / 1000) * pass.groundSpeedKmPerS;
  const kmPerLon = kmPerDegLon(pass.centreLat);
  return [pass.centreLon + (Math.sin(pass.headingDeg * DEG) * along) / kmPerLon, pass.centreLat + (Math.cos(pass.headingDeg * DEG) * along) / KM_PER_DEG_LAT];
}
