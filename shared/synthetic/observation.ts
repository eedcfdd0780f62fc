import { CLASS_CODE, DETECTION_CLASSES, type DetectionClass } from './codes';
import type { KeyedRandom } from './prng';
import type { RowBuffer } from './row-buffer';
import type { SensorArrays } from './sensors';

/** What every emitter needs while producing detections: the seed, the sensors and a reusable keyed stream. */
export interface EmissionContext {
  readonly seed: number;
  readonly sensors: SensorArrays;
  readonly random: KeyedRandom;
}

/** Keys that separate the random streams of different purposes. */
export const STREAM = {
  backgroundObject: 1,
  violation: 2,
  falseAlarm: 3,
  phase: 4,
  trackVertex: 5,
  incidentEstimate: 6,
  passSlot: 0x10000,
  fireSlot: 0x20000,
} as const;

const CONFUSED_WITH: Readonly<Record<DetectionClass, DetectionClass>> = {
  artillery: 'mortar',
  mortar: 'artillery',
  mlrs: 'artillery',
  uav: 'aircraft',
  vehicle: 'personnel',
  personnel: 'vehicle',
  aircraft: 'uav',
  unknown: 'unknown',
};
const CONFUSED_CODE = Uint8Array.from(DETECTION_CLASSES, (name) => CLASS_CODE[CONFUSED_WITH[name]]);
const UNKNOWN_CODE = CLASS_CODE.unknown;
const KM_PER_DEG_LAT = 111.195;
/** The synthetic terrain: flat, this many metres above the WGS 84 ellipsoid. */
export const GROUND_HEIGHT_M = 150;
/** Share of misclassified detections reported as 'unknown' rather than as a look-alike class. */
const UNKNOWN_SHARE = 0.7;

/**
 * Draws whether sensor `sensor` detects an object at its true position, at `distanceKm` from the
 * sensor whose effective range is `rangeKm`, and writes the noisy detection when it does. The
 * caller keys `context.random` for this observation first; `trueAltitudeM` is above ground. Detection probability falls from p at
 * the sensor to 2p − 1 at full range (so p = 1 never misses); position error σ doubles over the range.
 */
export function reportDetection(
  context: EmissionContext,
  rows: RowBuffer,
  sensor: number,
  timeMs: number,
  trueLon: number,
  trueLat: number,
  trueAltitudeM: number,
  airborne: boolean,
  distanceKm: number,
  rangeKm: number,
  kmPerLon: number,
  trueClassCode: number,
  trackId: number,
  truthSource: number,
  truthIncident: number,
): boolean {
  const { sensors, random } = context;
  const p = sensors.detectionProbability[sensor]!;
  const fraction = rangeKm > 0 ? Math.min(1, distanceKm / rangeKm) : 0;
  if (random.float() >= p - (1 - p) * fraction * fraction) {
    rows.missed++;
    return false;
  }
  const sigmaM = sensors.sigmaM[sensor]! * (1 + fraction);
  const lon = trueLon + (sigmaM * random.normal()) / (1000 * kmPerLon);
  const lat = trueLat + (sigmaM * random.normal()) / (1000 * KM_PER_DEG_LAT);
  const aboveGroundM = airborne ? Math.max(0, trueAltitudeM + sigmaM * random.normal()) : 0;
  const altitudeM = sensors.reportsAltitude[sensor] === 1 ? GROUND_HEIGHT_M + aboveGroundM : NaN;
  const accuracy = sensors.classAccuracy[sensor]!;
  const draw = random.float();
  let classCode: number;
  let confidence: number;
  if (draw < accuracy) {
    classCode = trueClassCode;
    confidence = 0.5 + 0.49 * random.float() * (1 - 0.4 * fraction);
  } else if (draw < accuracy + (1 - accuracy) * UNKNOWN_SHARE) {
    classCode = UNKNOWN_CODE;
    confidence = 0.15 + 0.35 * random.float();
  } else {
    classCode = CONFUSED_CODE[trueClassCode]!;
    confidence = 0.3 + 0.35 * random.float();
  }
  rows.push(timeMs, lon, lat, altitudeM, sensor, sensors.kindCode[sensor]!, classCode, confidence, sensors.tracks[sensor] === 1 ? trackId : -1, truthSource, truthIncident);
  return true;
}
