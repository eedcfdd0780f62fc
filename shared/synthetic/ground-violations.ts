import type { LonLat } from '../geo/types';
import { CLASS_CODE, SIDES, otherSide, sideCode, type Side } from './codes';
import { drawKm, drawStart, recordObjects, type InjectedDraft, type InjectionSettings } from './injection';
import { flatDistanceKm, kmPerDegLon, offsetPoint } from './local-geometry';
import { createMovingObjects, type MovingObject, type MovingObjectInit, type ObjectPath } from './moving-object';
import { hasObservers, planObservers } from './observer-plan';
import type { RandomSource } from './prng';
import { pointInDisc } from './background-activity';

const INJECTED_TRACK_CADENCE_MS = 10_000;
const WEAPON_SIGHTING_INTERVAL_MS = 600_000;
/** How far inside the zone edge an incursion's path stays. */
const ZONE_MARGIN_KM = 0.3;

/**
 * A UAV that enters the disengagement zone from its own side, flies over it (possibly across the
 * line) and leaves it again; every point of its path stays inside the zone.
 */
export function injectUavIncursion(settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  const { frame, zoneHalfWidthKm: zone } = settings;
  const side = random.pick(SIDES);
  const sign = frame.offsetSign(side);
  const direction = random.chance(0.5) ? 1 : -1;
  let km = drawKm(settings, random, 25);
  const planned: Array<readonly [number, number]> = [[km, sign * (zone - 0.8)]];
  const turns = random.integer(2, 4);
  for (let i = 0; i < turns; i++) {
    km += direction * random.between(2, 6);
    planned.push([km, sign * random.between(-5, zone - 3)]);
  }
  planned.push([km + direction * random.between(2, 5), sign * (zone - 0.8)]);
  const waypoints = planned.map(([k, offset]) => frame.pointAt(k, offset));
  if (!pathInsideZone(settings, waypoints)) return null;

  const speedKmPerMs = random.between(70, 120) / 3_600_000;
  const times = [0];
  for (let i = 1; i < waypoints.length; i++) times.push(times[i - 1]! + Math.max(1, Math.round(distanceKm(waypoints[i - 1]!, waypoints[i]!) / speedKmPerMs)));
  const startMs = drawStart(settings, random, times[times.length - 1]!);
  const altitudes = waypoints.map(() => random.between(200, 1200));
  const path = pathOf(
    waypoints,
    times.map((t) => startMs + t),
    altitudes,
  );
  const init = watchedObject(settings, firstObjectId, CLASS_CODE.uav, side, path, true, null);
  if (init === null) return null;
  const { rows, tracks } = recordObjects(createMovingObjects([init]), settings.context);
  if (rows.length === 0) return null;

  let deepest = 0;
  let deepestOffset = Infinity;
  waypoints.forEach((point, i) => {
    const where = frame.locate(point);
    const signedOffset = where.named === side ? where.offsetKm : -where.offsetKm;
    if (signedOffset < deepestOffset) {
      deepestOffset = signedOffset;
      deepest = i;
    }
  });
  return {
    truth: {
      kind: 'uav-incursion',
      category: 'uav-incursion',
      attribution: side,
      position: waypoints[deepest]!,
      origin: null,
      impact: null,
      path: waypoints,
      startMs: path.timeMs[0]!,
      endMs: path.timeMs[path.timeMs.length - 1]!,
      objectIds: [firstObjectId],
    },
    rows,
    tracks,
  };
}

/** Guns or launchers parked inside the withdrawal zone on their own side, within sight of an optical post. */
export function injectHeavyWeapons(settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  const { frame, zoneHalfWidthKm: zone } = settings;
  const side = random.pick(SIDES);
  const posts = settings.opticalPosts.filter((post) => post.side === side);
  if (posts.length === 0) return null;
  const [east, north] = pointInDisc(random, 5);
  const site = offsetPoint(random.pick(posts).position, east, north);
  const where = frame.locate(site);
  if (where.named !== side || where.offsetKm < 1 || where.offsetKm > zone - 1) return null;
  const pieces = random.integer(2, 6);
  const classCode = random.chance(0.7) ? CLASS_CODE.artillery : CLASS_CODE.mlrs;
  const periodMs = settings.endMs - settings.startMs;
  const durationMs = Math.round(Math.min(random.between(2, 10) * 3_600_000, periodMs * 0.8 - 180_000));
  const startMs = drawStart(settings, random, durationMs);
  const inits: MovingObjectInit[] = [];
  const positions: LonLat[] = [];
  for (let p = 0; p < pieces; p++) {
    const [dx, dy] = pointInDisc(random, 0.3);
    const position = offsetPoint(site, dx, dy);
    const path = pathOf([position, position], [startMs, startMs + durationMs], [0, 0]);
    const init = watchedObject(settings, firstObjectId + p, classCode, side, path, false, WEAPON_SIGHTING_INTERVAL_MS);
    if (init === null) return null;
    inits.push(init);
    positions.push(position);
  }
  const objects = createMovingObjects(inits);
  const { rows, tracks } = recordObjects(objects, settings.context);
  if (rows.length === 0) return null;
  const centroid: LonLat = [mean(positions.map((p) => p[0])), mean(positions.map((p) => p[1]))];
  return {
    truth: {
      kind: 'heavy-weapons-in-zone',
      category: 'heavy-weapons-in-zone',
      attribution: side,
      position: centroid,
      origin: null,
      impact: null,
      path: positions,
      startMs,
      endMs: startMs + durationMs,
      objectIds: objects.map((object) => object.id),
    },
    rows,
    tracks,
  };
}

/** A column of vehicles driving from one side across the line into the other. */
export function injectVehicleCrossing(settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  const { frame } = settings;
  const side = random.pick(SIDES);
  const target = otherSide(side);
  const km = drawKm(settings, random, 20);
  const startOffset = random.between(4, 9);
  const endOffset = random.between(2, 6);
  const start = frame.pointAt(km + random.between(-2, 2), frame.offsetSign(side) * startOffset);
  const crossing = frame.pointAt(km, 0);
  const end = frame.pointAt(km + random.between(-2, 2), frame.offsetSign(target) * endOffset);
  const startAt = frame.locate(start);
  const endAt = frame.locate(end);
  if (startAt.named !== side || startAt.offsetKm < startOffset * 0.5) return null;
  if (endAt.named !== target || endAt.offsetKm < endOffset * 0.5) return null;
  const vehicles = random.integer(4, 14);
  const speedKmPerMs = random.between(20, 40) / 3_600_000;
  const gapMs = Math.round(random.between(6_000, 12_000));
  const firstLegMs = Math.max(1, Math.round(distanceKm(start, crossing) / speedKmPerMs));
  const secondLegMs = Math.max(1, Math.round(distanceKm(crossing, end) / speedKmPerMs));
  const leadStartMs = drawStart(settings, random, vehicles * gapMs + firstLegMs + secondLegMs);
  const inits: MovingObjectInit[] = [];
  for (let v = 0; v < vehicles; v++) {
    const t0 = leadStartMs + v * gapMs;
    const path = pathOf([start, crossing, end], [t0, t0 + firstLegMs, t0 + firstLegMs + secondLegMs], [0, 0, 0]);
    const init = watchedObject(settings, firstObjectId + v, CLASS_CODE.vehicle, side, path, false, null);
    if (init === null) return null;
    inits.push(init);
  }
  const objects: MovingObject[] = createMovingObjects(inits);
  const { rows, tracks } = recordObjects(objects, settings.context);
  if (rows.length === 0) return null;
  const last = objects[objects.length - 1]!;
  return {
    truth: {
      kind: 'vehicle-crossing',
      category: 'vehicle-crossing',
      attribution: side,
      position: crossing,
      origin: null,
      impact: null,
      path: [start, crossing, end],
      startMs: leadStartMs,
      endMs: last.endMs - 1,
      objectIds: objects.map((object) => object.id),
    },
    rows,
    tracks,
  };
}

/** Whether every waypoint and every point along the legs between them lies inside the zone, with a margin. */
function pathInsideZone(settings: InjectionSettings, waypoints: readonly LonLat[]): boolean {
  const limit = settings.zoneHalfWidthKm - ZONE_MARGIN_KM;
  const samplesPerLeg = 8;
  for (let i = 0; i < waypoints.length - 1; i++) {
    const a = waypoints[i]!;
    const b = waypoints[i + 1]!;
    for (let k = 0; k <= samplesPerLeg; k++) {
      const f = k / samplesPerLeg;
      if (settings.frame.locate([a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])]).offsetKm > limit) return false;
    }
  }
  return true;
}

function watchedObject(settings: InjectionSettings, id: number, classCode: number, side: Side, path: ObjectPath, airborne: boolean, revisitMs: number | null): MovingObjectInit | null {
  const count = path.timeMs.length;
  const centre: LonLat = [mean(Array.from(path.lon)), mean(Array.from(path.lat))];
  let radiusKm = 0;
  for (let i = 0; i < count; i++) radiusKm = Math.max(radiusKm, distanceKm(centre, [path.lon[i]!, path.lat[i]!]));
  const startMs = path.timeMs[0]!;
  const endMs = path.timeMs[count - 1]! + 1;
  // Every detection and track of an incident must fall inside the period.
  if (endMs > settings.endMs) return null;
  const chainageKm = settings.frame.locate(centre).km;
  const plan = planObservers(settings.coverage, settings.context, { id, classCode, centre, chainageKm, radiusKm, startMs, endMs }, 'partial', revisitMs);
  if (!hasObservers(plan)) return null;
  return { id, classCode, truthSide: sideCode(side), incident: 0, airborne, path, plan, trackCadenceMs: INJECTED_TRACK_CADENCE_MS };
}

function pathOf(points: readonly LonLat[], times: readonly number[], altitudes: readonly number[]): ObjectPath {
  return {
    timeMs: Float64Array.from(times),
    lon: Float64Array.from(points, (p) => p[0]),
    lat: Float64Array.from(points, (p) => p[1]),
    altitudeM: Float32Array.from(altitudes),
  };
}

function distanceKm(a: LonLat, b: LonLat): number {
  return flatDistanceKm(a[0], a[1], b[0], b[1], kmPerDegLon((a[1] + b[1]) / 2));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
