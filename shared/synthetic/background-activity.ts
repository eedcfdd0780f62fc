import type { LonLat } from '../geo/types';
import { CLASS_CODE, SIDES, sideCode, type DetectionClass, type Side } from './codes';
import type { LineFrame } from './line-frame';
import { KM_PER_DEG_LAT, kmPerDegLon } from './local-geometry';
import type { MovingObjectInit, ObjectPath } from './moving-object';
import { STREAM } from './observation';
import { hasObservers, planObservers, type Coverage } from './observer-plan';
import { KeyedRandom, type RandomSource } from './prng';

type BackgroundClass = Extract<DetectionClass, 'vehicle' | 'personnel' | 'uav' | 'aircraft'>;

interface ActivitySpec {
  readonly share: number;
  /** The object roams within this radius of its centre. */
  readonly radiusKm: readonly [number, number];
  /** Distance of the centre from the line, beyond the radius and any zone constraint. */
  readonly maxOffsetKm: number;
  /** Whether the object must stay outside the disengagement zone. */
  readonly outsideZone: boolean;
  readonly speedKmh: readonly [number, number];
  readonly waypoints: readonly [number, number];
  readonly altitudeM: readonly [number, number];
  /** Probability of a halt at a waypoint, and its longest duration. */
  readonly halt: readonly [number, number];
}

const ACTIVITY: Readonly<Record<BackgroundClass, ActivitySpec>> = {
  vehicle: { share: 0.45, radiusKm: [1.5, 4.5], maxOffsetKm: 20, outsideZone: false, speedKmh: [15, 50], waypoints: [4, 10], altitudeM: [0, 0], halt: [0.3, 300_000] },
  personnel: { share: 0.3, radiusKm: [0.4, 1.2], maxOffsetKm: 12, outsideZone: false, speedKmh: [3, 5], waypoints: [3, 8], altitudeM: [0, 0], halt: [0.3, 600_000] },
  uav: { share: 0.2, radiusKm: [2, 4], maxOffsetKm: 28, outsideZone: true, speedKmh: [60, 110], waypoints: [6, 14], altitudeM: [150, 1200], halt: [0, 0] },
  aircraft: { share: 0.05, radiusKm: [4, 7], maxOffsetKm: 32, outsideZone: true, speedKmh: [150, 220], waypoints: [4, 8], altitudeM: [100, 800], halt: [0, 0] },
};
const CLASSES = Object.keys(ACTIVITY) as BackgroundClass[];
/** Clearance between the roaming disc and the line (or the zone edge). */
const CLEARANCE_KM = 0.5;
const PLACEMENT_ATTEMPTS = 40;

export interface BackgroundSettings {
  readonly frame: LineFrame;
  readonly coverage: Coverage;
  readonly seed: number;
  readonly fromKm: number;
  readonly toKm: number;
  readonly zoneHalfWidthKm: number;
  readonly startMs: number;
  readonly endMs: number;
}

export interface BackgroundObject {
  readonly init: MovingObjectInit;
  readonly side: Side;
  readonly centre: LonLat;
  readonly radiusKm: number;
}

/**
 * Background object `ordinal`: a vehicle, person, UAV or aircraft that roams a disc lying wholly on
 * one side of the line (the disc's radius is smaller than its centre's distance to the line, so it
 * never crosses), seen by the fixed sensors that cover the whole disc. Each object draws from its
 * own keyed stream, so object n is the same whatever the count. Null when no covered spot was found.
 */
export function createBackgroundObject(settings: BackgroundSettings, ordinal: number): BackgroundObject | null {
  const { frame, coverage, seed, zoneHalfWidthKm } = settings;
  const random = new KeyedRandom(seed, STREAM.backgroundObject, ordinal);
  const className = pickClass(random.float());
  const spec = ACTIVITY[className];
  const classCode = CLASS_CODE[className];
  const side = random.pick(SIDES);
  const radiusKm = random.between(spec.radiusKm[0], spec.radiusKm[1]);
  const minOffset = radiusKm + CLEARANCE_KM + (spec.outsideZone ? zoneHalfWidthKm : 0);
  const startMs = Math.floor(random.between(settings.startMs, settings.endMs - 300_000));
  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
    const km = random.between(settings.fromKm + radiusKm + 1, settings.toKm - radiusKm - 1);
    const centre = frame.pointAt(km, frame.offsetSign(side) * random.between(minOffset, Math.max(minOffset, spec.maxOffsetKm)));
    const where = frame.locate(centre);
    if (where.named !== side || where.offsetKm < minOffset) continue;
    const path = roamingPath(random, spec, centre, radiusKm, startMs, settings.endMs);
    const endMs = path.timeMs[path.timeMs.length - 1]! + 1;
    const plan = planObservers(coverage, { seed }, { id: ordinal, classCode, centre, chainageKm: where.km, radiusKm, startMs, endMs }, 'full', null);
    if (!hasObservers(plan)) continue;
    const init: MovingObjectInit = {
      id: ordinal,
      classCode,
      truthSide: sideCode(side),
      incident: -1,
      airborne: spec.altitudeM[1] > 0,
      path,
      plan,
      trackCadenceMs: Infinity,
    };
    return { init, side, centre, radiusKm };
  }
  return null;
}

function pickClass(draw: number): BackgroundClass {
  let cumulative = 0;
  for (const name of CLASSES) {
    cumulative += ACTIVITY[name].share;
    if (draw < cumulative) return name;
  }
  return CLASSES[CLASSES.length - 1]!;
}

function roamingPath(random: RandomSource, spec: ActivitySpec, centre: LonLat, radiusKm: number, startMs: number, periodEndMs: number): ObjectPath {
  const count = random.integer(spec.waypoints[0], spec.waypoints[1]);
  const speedKmPerMs = random.between(spec.speedKmh[0], spec.speedKmh[1]) / 3_600_000;
  const kmPerLon = kmPerDegLon(centre[1]);
  const times: number[] = [];
  const lons: number[] = [];
  const lats: number[] = [];
  const altitudes: number[] = [];
  let time = startMs;
  let east = 0;
  let north = 0;
  const add = (): void => {
    times.push(time);
    lons.push(centre[0] + east / kmPerLon);
    lats.push(centre[1] + north / KM_PER_DEG_LAT);
    altitudes.push(random.between(spec.altitudeM[0], spec.altitudeM[1]));
  };
  [east, north] = pointInDisc(random, radiusKm);
  add();
  for (let i = 1; i < count && time < periodEndMs - 1; i++) {
    if (random.chance(spec.halt[0])) {
      time = Math.min(periodEndMs - 1, time + Math.max(1, Math.round(random.between(0, spec.halt[1]))));
      add();
      continue;
    }
    const [nextEast, nextNorth] = pointInDisc(random, radiusKm);
    const legMs = Math.max(1, Math.round(Math.hypot(nextEast - east, nextNorth - north) / speedKmPerMs));
    const fraction = Math.min(1, (periodEndMs - 1 - time) / legMs);
    east += fraction * (nextEast - east);
    north += fraction * (nextNorth - north);
    time = Math.min(periodEndMs - 1, time + legMs);
    add();
  }
  return {
    timeMs: Float64Array.from(times),
    lon: Float64Array.from(lons),
    lat: Float64Array.from(lats),
    altitudeM: Float32Array.from(altitudes),
  };
}

/** A uniform point in a disc of radius `radiusKm`, as (east, north) km; rejection sampling needs no trigonometry. */
export function pointInDisc(random: RandomSource, radiusKm: number): [number, number] {
  for (;;) {
    const x = random.between(-1, 1);
    const y = random.between(-1, 1);
    if (x * x + y * y <= 1) return [x * radiusKm, y * radiusKm];
  }
}
