import type { Modality } from '../objects/types';

// A detection's `detectionClass` and `sensorKind` are indices into the evidence chunks' fixed vocabularies.
import { DETECTION_CLASSES, SENSOR_KINDS, type DetectionClass, type SensorKind } from '../evidence/evidence-vocabulary';

export { DETECTION_CLASSES, SENSOR_KINDS, type DetectionClass, type SensorKind };

export const CLASS_CODE: Readonly<Record<DetectionClass, number>> = Object.fromEntries(DETECTION_CLASSES.map((name, code) => [name, code])) as Record<DetectionClass, number>;

export const SENSOR_KIND_CODE: Readonly<Record<SensorKind, number>> = Object.fromEntries(SENSOR_KINDS.map((name, code) => [name, code])) as Record<SensorKind, number>;

/** The two sides of the ceasefire line, named as in frontline_settlements_geonames.csv. */
export type Side = 'occupied' | 'ukraine_controlled';
export const SIDES: readonly Side[] = ['occupied', 'ukraine_controlled'];
/** Track side codes in the ground-truth columns: the index into SIDES, or SIDE_NONE. */
export const SIDE_NONE = 2;

export function sideCode(side: Side | 'none'): number {
  return side === 'none' ? SIDE_NONE : SIDES.indexOf(side);
}

export function otherSide(side: Side): Side {
  return side === 'occupied' ? 'ukraine_controlled' : 'occupied';
}

/** The incident observation modality that reports a sensor kind's detections. */
export function modalityOf(kind: SensorKind): Modality {
  switch (kind) {
    case 'radar':
      return 'radar';
    case 'acoustic':
      return 'acoustic';
    case 'seismic':
      return 'seismic';
    case 'uav':
      return 'uav';
    case 'satellite':
      return 'satellite';
    case 'optical':
      return 'sensor';
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown sensor kind ${String(unreachable)}`);
    }
  }
}
