import type { LonLat } from '../geo/types';
import { CLASS_CODE, SIDES, otherSide, sideCode, SENSOR_KIND_CODE } from './codes';
import type { ViolationKind } from './config';
import { drawKm, drawStart, type InjectedDraft, type InjectionSettings } from './injection';
import { flatDistanceKm, kmPerDegLon, offsetPoint } from './local-geometry';
import { GROUND_HEIGHT_M, reportDetection, STREAM, type EmissionContext } from './observation';
import type { RandomSource } from './prng';
import type { RecordedTrack } from './recorded-source';
import { RowBuffer } from './row-buffer';
import { pointInDisc } from './background-activity';

type FireKind = Extract<ViolationKind, 'artillery-fire' | 'mortar-fire' | 'mlrs-fire'>;

interface WeaponSpec {
  readonly classCode: number;
  readonly originOffsetKm: readonly [number, number];
  readonly impactOffsetKm: readonly [number, number];
  readonly rounds: readonly [number, number];
  readonly gapMs: readonly [number, number];
  /** Mean horizontal speed of the projectile. */
  readonly speedKmPerS: number;
  /** Apex height as a share of the horizontal distance. */
  readonly apexRatio: number;
  readonly dispersionM: number;
  readonly maxRangeKm: number;
}

const WEAPONS: Readonly<Record<FireKind, WeaponSpec>> = {
  'artillery-fire': {
    classCode: CLASS_CODE.artillery,
    originOffsetKm: [4, 16],
    impactOffsetKm: [1, 10],
    rounds: [2, 8],
    gapMs: [10_000, 40_000],
    speedKmPerS: 0.35,
    apexRatio: 0.22,
    dispersionM: 120,
    maxRangeKm: 30,
  },
  'mortar-fire': {
    classCode: CLASS_CODE.mortar,
    originOffsetKm: [1, 3.5],
    impactOffsetKm: [0.5, 2.5],
    rounds: [3, 12],
    gapMs: [4_000, 12_000],
    speedKmPerS: 0.16,
    apexRatio: 0.6,
    dispersionM: 50,
    maxRangeKm: 7,
  },
  'mlrs-fire': {
    classCode: CLASS_CODE.mlrs,
    originOffsetKm: [6, 18],
    impactOffsetKm: [2, 12],
    rounds: [12, 40],
    gapMs: [400, 600],
    speedKmPerS: 0.6,
    apexRatio: 0.15,
    dispersionM: 250,
    maxRangeKm: 40,
  },
};

const RADAR_SAMPLE_MS = 500;
const TRACK_VERTEX_MS = 2_000;
/** The share of the flight at its start and end that the radar beam does not see. */
const RADAR_BLIND_START = 0.05;
const RADAR_BLIND_END = 0.03;
const SOUND_KM_PER_S = 0.343;
const GROUND_WAVE_KM_PER_S = 1;
const RADAR = SENSOR_KIND_CODE.radar;
const ACOUSTIC = SENSOR_KIND_CODE.acoustic;
const SEISMIC = SENSOR_KIND_CODE.seismic;
const UNKNOWN = CLASS_CODE.unknown;

export function isFireKind(kind: ViolationKind): kind is FireKind {
  return kind in WEAPONS;
}

/**
 * Fire across the line: rounds from an origin on one side to impacts on the other, tracked in flight
 * by counter-battery radars and heard at launch and impact by acoustic arrays (and at impact by
 * seismic sensors). Each round is one object and one track, origin → impact.
 */
export function injectFire(kind: FireKind, settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  const weapon = WEAPONS[kind];
  const { frame, context } = settings;
  const side = random.pick(SIDES);
  const target = otherSide(side);
  const km = drawKm(settings, random, 10);
  const originOffset = random.between(weapon.originOffsetKm[0], weapon.originOffsetKm[1]);
  const impactOffset = random.between(weapon.impactOffsetKm[0], weapon.impactOffsetKm[1]);
  const origin = frame.pointAt(km, frame.offsetSign(side) * originOffset);
  const aim = frame.pointAt(km + random.between(-0.3, 0.3) * (originOffset + impactOffset), frame.offsetSign(target) * impactOffset);
  const originAt = frame.locate(origin);
  const aimAt = frame.locate(aim);
  if (originAt.named !== side || originAt.offsetKm < weapon.originOffsetKm[0] * 0.5) return null;
  if (aimAt.named !== target || aimAt.offsetKm < weapon.impactOffsetKm[0] * 0.5) return null;
  const distanceKm = flatDistanceKm(origin[0], origin[1], aim[0], aim[1], kmPerDegLon(origin[1]));
  if (distanceKm > weapon.maxRangeKm) return null;
  const radars = sensorsInReach(context, RADAR, [origin, aim]);
  if (radars.length === 0) return null;

  const rounds = random.integer(weapon.rounds[0], weapon.rounds[1]);
  const flightMs = Math.round((distanceKm / weapon.speedKmPerS) * 1000);
  const apexM = distanceKm * 1000 * weapon.apexRatio;
  let launchMs = drawStart(settings, random, rounds * weapon.gapMs[1] + flightMs + 120_000);
  const rows = new RowBuffer();
  const tracks: RecordedTrack[] = [];
  const objectIds: number[] = [];
  let lastImpactMs = launchMs;
  const firstLaunchMs = launchMs;
  for (let r = 0; r < rounds; r++) {
    const id = firstObjectId + r;
    const [east, north] = pointInDisc(random, (2 * weapon.dispersionM) / 1000);
    const impact = offsetPoint(aim, east, north);
    const flight: Flight = { id, side: sideCode(side), classCode: weapon.classCode, origin, impact, launchMs, flightMs, apexM };
    recordFlight(context, rows, flight, radars, settings.endMs);
    recordBlast(context, rows, id, origin, launchMs, weapon.classCode, [ACOUSTIC], settings.endMs);
    recordBlast(context, rows, id, impact, launchMs + flightMs, weapon.classCode, [ACOUSTIC, SEISMIC], settings.endMs);
    tracks.push(flightTrack(flight));
    objectIds.push(id);
    lastImpactMs = launchMs + flightMs;
    launchMs += Math.round(random.between(weapon.gapMs[0], weapon.gapMs[1]));
  }
  return {
    truth: { kind, category: kind, attribution: side, position: origin, origin, impact: aim, path: [origin, aim], startMs: firstLaunchMs, endMs: lastImpactMs, objectIds },
    rows,
    tracks,
  };
}

/** A detonation with no launch (mine, ordnance, demolition) inside the zone, heard and felt but not tracked. */
export function injectExplosion(settings: InjectionSettings, random: RandomSource, firstObjectId: number): InjectedDraft | null {
  const { frame, context } = settings;
  const offset = random.between(0.5, settings.zoneHalfWidthKm - 1) * (random.chance(0.5) ? 1 : -1);
  const point = frame.pointAt(drawKm(settings, random, 10), offset);
  if (frame.locate(point).offsetKm > settings.zoneHalfWidthKm - 0.5) return null;
  if (sensorsInReach(context, ACOUSTIC, [point]).length + sensorsInReach(context, SEISMIC, [point]).length === 0) return null;
  const detonations = random.integer(1, 3);
  let timeMs = drawStart(settings, random, 300_000);
  const firstMs = timeMs;
  const rows = new RowBuffer();
  const objectIds: number[] = [];
  for (let d = 0; d < detonations; d++) {
    const id = firstObjectId + d;
    recordBlast(context, rows, id, point, timeMs, UNKNOWN, [ACOUSTIC, SEISMIC], settings.endMs);
    objectIds.push(id);
    if (d < detonations - 1) timeMs += Math.round(random.between(5_000, 60_000));
  }
  return {
    truth: {
      kind: 'unattributed-explosion',
      category: 'other',
      attribution: 'none',
      position: point,
      origin: null,
      impact: point,
      path: [point],
      startMs: firstMs,
      endMs: timeMs,
      objectIds,
    },
    rows,
    tracks: [],
  };
}

interface Flight {
  readonly id: number;
  readonly side: number;
  readonly classCode: number;
  readonly origin: LonLat;
  readonly impact: LonLat;
  readonly launchMs: number;
  readonly flightMs: number;
  readonly apexM: number;
}

/** Sensors of `kindCode` that observe fire and reach at least one of `points`. */
function sensorsInReach(context: EmissionContext, kindCode: number, points: readonly LonLat[]): number[] {
  const { sensors } = context;
  const found: number[] = [];
  for (let s = 0; s < sensors.count; s++) {
    if (sensors.kindCode[s] !== kindCode || sensors.fireReach[s] === 0) continue;
    const range = sensors.rangeKm[s]! * sensors.fireReach[s]!;
    if (points.some((p) => flatDistanceKm(sensors.lon[s]!, sensors.lat[s]!, p[0], p[1], kmPerDegLon(p[1])) <= range)) found.push(s);
  }
  return found;
}

function flightPoint(flight: Flight, timeMs: number): [number, number, number] {
  const u = (timeMs - flight.launchMs) / flight.flightMs;
  return [flight.origin[0] + u * (flight.impact[0] - flight.origin[0]), flight.origin[1] + u * (flight.impact[1] - flight.origin[1]), 4 * flight.apexM * u * (1 - u)];
}

function recordFlight(context: EmissionContext, rows: RowBuffer, flight: Flight, radars: readonly number[], periodEndMs: number): void {
  const { sensors, random, seed } = context;
  const kmPerLon = kmPerDegLon(flight.origin[1]);
  const firstMs = flight.launchMs + Math.ceil(RADAR_BLIND_START * flight.flightMs);
  const lastMs = flight.launchMs + Math.floor((1 - RADAR_BLIND_END) * flight.flightMs);
  for (const s of radars) {
    const range = sensors.rangeKm[s]! * sensors.fireReach[s]!;
    for (let k = 0, t = firstMs; t <= lastMs && t < periodEndMs; k++, t += RADAR_SAMPLE_MS) {
      const [lon, lat, altitudeM] = flightPoint(flight, t);
      const distance = flatDistanceKm(sensors.lon[s]!, sensors.lat[s]!, lon, lat, kmPerLon);
      if (distance > range) continue;
      random.reset(seed, flight.id, STREAM.fireSlot + s * 4, k);
      reportDetection(context, rows, s, t, lon, lat, altitudeM, true, distance, range, kmPerLon, flight.classCode, flight.id, flight.id, 0);
    }
  }
}

/** Launch or impact blasts heard (and felt) by the sensors of `kindCodes` in reach, at the time the wave arrives. */
function recordBlast(context: EmissionContext, rows: RowBuffer, id: number, point: LonLat, timeMs: number, classCode: number, kindCodes: readonly number[], periodEndMs: number): void {
  const { sensors, random, seed } = context;
  const kmPerLon = kmPerDegLon(point[1]);
  for (let s = 0; s < sensors.count; s++) {
    const kind = sensors.kindCode[s]!;
    if (!kindCodes.includes(kind) || sensors.fireReach[s] === 0) continue;
    const range = sensors.rangeKm[s]! * sensors.fireReach[s]!;
    const distance = flatDistanceKm(sensors.lon[s]!, sensors.lat[s]!, point[0], point[1], kmPerLon);
    if (distance > range) continue;
    const arrivalMs = timeMs + Math.round((distance / (kind === SEISMIC ? GROUND_WAVE_KM_PER_S : SOUND_KM_PER_S)) * 1000);
    if (arrivalMs >= periodEndMs) continue;
    random.reset(seed, id, STREAM.fireSlot + s * 4 + (kind === SEISMIC ? 3 : 1), timeMs);
    reportDetection(context, rows, s, arrivalMs, point[0], point[1], 0, false, distance, range, kmPerLon, classCode, id, id, 0);
  }
}

function flightTrack(flight: Flight): RecordedTrack {
  const track = { id: flight.id, classCode: flight.classCode, truthSide: flight.side, lon: [] as number[], lat: [] as number[], timeMs: [] as number[], altitudeM: [] as number[] };
  const endMs = flight.launchMs + flight.flightMs;
  for (let t = flight.launchMs; ; t = Math.min(endMs, t + TRACK_VERTEX_MS)) {
    const [lon, lat, altitudeM] = flightPoint(flight, t);
    track.lon.push(lon);
    track.lat.push(lat);
    track.timeMs.push(t);
    track.altitudeM.push(GROUND_HEIGHT_M + altitudeM);
    if (t === endMs) break;
  }
  return track;
}
