import type { LonLat } from '../geo/types';
import { STREAM, type EmissionContext } from './observation';
import { satelliteImagingTime, uavPassTimes, type SatellitePass, type UavPatrol } from './patrols';
import { hashWords } from './prng';
import { CLASS_COUNT, type SensorArrays } from './sensors';
import { flatDistanceKm, kmPerDegLon } from './local-geometry';

/** The sensors that watch one object: fixed sensors at a regular revisit, and one-off passes of UAVs and satellites. */
export interface ObserverPlan {
  readonly periodicSensor: Uint16Array;
  /** The sensor's range for this object's class. */
  readonly periodicRangeKm: Float64Array;
  readonly periodicIntervalMs: Float64Array;
  /** First observation at the object's start + phase. */
  readonly periodicPhaseMs: Float64Array;
  /** Sorted ascending. */
  readonly passTimeMs: Float64Array;
  readonly passSensor: Uint16Array;
}

export interface Coverage {
  readonly sensors: SensorArrays;
  readonly patrols: readonly UavPatrol[];
  readonly satellitePasses: readonly SatellitePass[];
}

export interface ObservedObject {
  readonly id: number;
  readonly classCode: number;
  readonly centre: LonLat;
  readonly chainageKm: number;
  /** Every position of the object lies within this distance of `centre`. */
  readonly radiusKm: number;
  readonly startMs: number;
  readonly endMs: number;
}

const UAV_FRAME_GAP_MS = 1_000;
const PATROL_SECTOR_SLACK_KM = 10;

/**
 * `full`: only fixed sensors whose range covers every position the object can take (so the
 * expected detection count is exact); `partial`: every fixed sensor that covers some of them.
 */
export function planObservers(coverage: Coverage, context: Pick<EmissionContext, 'seed'>, object: ObservedObject, mode: 'full' | 'partial', revisitMs: number | null): ObserverPlan {
  const { sensors } = coverage;
  const kmPerLon = kmPerDegLon(object.centre[1]);
  const periodic: number[] = [];
  const ranges: number[] = [];
  for (let s = 0; s < sensors.count; s++) {
    const reach = sensors.objectReach[s * CLASS_COUNT + object.classCode]!;
    if (reach === 0 || sensors.revisitMs[s] === 0) continue;
    const range = sensors.rangeKm[s]! * reach;
    const distance = flatDistanceKm(sensors.lon[s]!, sensors.lat[s]!, object.centre[0], object.centre[1], kmPerLon);
    if (mode === 'full' ? distance + object.radiusKm <= range : distance - object.radiusKm <= range) {
      periodic.push(s);
      ranges.push(range);
    }
  }
  const intervals = Float64Array.from(periodic, (s) => revisitMs ?? sensors.revisitMs[s]!);
  const phases = new Float64Array(periodic.length);
  for (let j = 0; j < periodic.length; j++) phases[j] = phaseOf(context.seed, object.id, j, intervals[j]!);

  const passes: Array<readonly [number, number]> = [];
  const addPass = (timeMs: number, sensor: number): void => {
    if (timeMs >= object.startMs && timeMs < object.endMs) passes.push([timeMs, sensor]);
  };
  for (const patrol of coverage.patrols) {
    const reach = sensors.objectReach[patrol.sensorIndex * CLASS_COUNT + object.classCode]!;
    if (reach === 0) continue;
    if (object.chainageKm < patrol.fromKm - PATROL_SECTOR_SLACK_KM || object.chainageKm > patrol.toKm + PATROL_SECTOR_SLACK_KM) continue;
    for (const time of uavPassTimes(patrol, object.centre, sensors.rangeKm[patrol.sensorIndex]! * reach)) {
      for (let frame = -1; frame <= 1; frame++) addPass(time + frame * UAV_FRAME_GAP_MS, patrol.sensorIndex);
    }
  }
  for (const pass of coverage.satellitePasses) {
    if (sensors.objectReach[pass.sensorIndex * CLASS_COUNT + object.classCode] === 0) continue;
    const time = satelliteImagingTime(pass, object.centre);
    if (time !== null) addPass(time, pass.sensorIndex);
  }
  passes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    periodicSensor: Uint16Array.from(periodic),
    periodicRangeKm: Float64Array.from(ranges),
    periodicIntervalMs: intervals,
    periodicPhaseMs: phases,
    passTimeMs: Float64Array.from(passes, (pass) => pass[0]),
    passSensor: Uint16Array.from(passes, (pass) => pass[1]),
  };
}

/** The first observation's delay after the object's start: a deterministic fraction of the interval. */
export function phaseOf(seed: number, objectId: number, slot: number, intervalMs: number): number {
  return Math.floor((hashWords(seed ^ STREAM.phase, objectId, slot) / 4_294_967_296) * intervalMs);
}

export function hasObservers(plan: ObserverPlan): boolean {
  return plan.periodicSensor.length > 0 || plan.passSensor.length > 0;
}
