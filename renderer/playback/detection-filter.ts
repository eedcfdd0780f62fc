import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';

/**
 * Which detections count: bit i of `classMask` shows DETECTION_CLASSES[i], bit i of
 * `sensorKindMask` shows SENSOR_KINDS[i], and only confidences ≥ `minConfidence` (0–100) pass.
 */
export interface DetectionFilter {
  readonly classMask: number;
  readonly sensorKindMask: number;
  readonly minConfidence: number;
}

export const ALL_CLASSES_MASK = (1 << DETECTION_CLASSES.length) - 1;
export const ALL_SENSOR_KINDS_MASK = (1 << SENSOR_KINDS.length) - 1;
export const SHOW_ALL: DetectionFilter = { classMask: ALL_CLASSES_MASK, sensorKindMask: ALL_SENSOR_KINDS_MASK, minConfidence: 0 };

/** The mask with exactly the given indices set. */
export function maskOf(indices: Iterable<number>): number {
  let mask = 0;
  for (const index of indices) mask |= 1 << index;
  return mask;
}

export function passesFilter(filter: DetectionFilter, detectionClass: number, sensorKind: number, confidence: number): boolean {
  return ((filter.classMask >>> detectionClass) & 1) === 1 && ((filter.sensorKindMask >>> sensorKind) & 1) === 1 && confidence >= filter.minConfidence;
}

/** The smallest whole confidence that passes: confidences are whole percents, so 42.5 admits 43 and up. */
export function confidenceThreshold(filter: DetectionFilter): number {
  const { minConfidence } = filter;
  if (!(minConfidence >= 0 && minConfidence <= 100)) throw new RangeError(`minimum confidence ${minConfidence} is outside 0–100`);
  return Math.ceil(minConfidence);
}
