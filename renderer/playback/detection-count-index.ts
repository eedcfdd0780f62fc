import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';

export const CLASS_COUNT = DETECTION_CLASSES.length;
export const SENSOR_KIND_COUNT = SENSOR_KINDS.length;
export const GROUP_COUNT = CLASS_COUNT * SENSOR_KIND_COUNT;
export const CONFIDENCE_VALUES = 101;
/** Confidences 0–9, 10–19, …, 90–99 and 100 alone. */
export const CONFIDENCE_BUCKET_WIDTH = 10;
export const CONFIDENCE_BUCKETS = 11;

/**
 * Rows (of the time-sorted detections) grouped by (class, sensor kind) and, within a group, by
 * confidence: once by each confidence value and once by bucket of ten values, rows ascending
 * within each list. Any confidence threshold is then a few whole buckets plus at most nine single
 * values, and the rows before any row number a binary search in each list.
 * List (group, v) is byConfidence[byConfidenceStarts[group * 101 + v] …] up to the next start;
 * list (group, b) of byBucket likewise with 11 buckets; group = class * SENSOR_KIND_COUNT + kind.
 */
export interface DetectionCountIndex {
  readonly count: number;
  readonly byConfidence: Uint32Array;
  readonly byConfidenceStarts: Uint32Array;
  readonly byBucket: Uint32Array;
  readonly byBucketStarts: Uint32Array;
}

/** Two counting sorts over the rows, O(rows); stable, so each list keeps the rows ascending. */
export function buildDetectionCountIndex(detectionClass: Uint8Array, sensorKind: Uint8Array, confidence: Uint8Array): DetectionCountIndex {
  const count = detectionClass.length;
  const byConfidenceStarts = new Uint32Array(GROUP_COUNT * CONFIDENCE_VALUES + 1);
  const byBucketStarts = new Uint32Array(GROUP_COUNT * CONFIDENCE_BUCKETS + 1);
  const groupOf = (row: number) => detectionClass[row]! * SENSOR_KIND_COUNT + sensorKind[row]!;
  const valueList = (row: number) => groupOf(row) * CONFIDENCE_VALUES + confidence[row]!;
  const bucketList = (row: number) => groupOf(row) * CONFIDENCE_BUCKETS + Math.floor(confidence[row]! / CONFIDENCE_BUCKET_WIDTH);
  for (let row = 0; row < count; row++) {
    byConfidenceStarts[valueList(row) + 1]!++;
    byBucketStarts[bucketList(row) + 1]!++;
  }
  for (let i = 1; i < byConfidenceStarts.length; i++) byConfidenceStarts[i]! += byConfidenceStarts[i - 1]!;
  for (let i = 1; i < byBucketStarts.length; i++) byBucketStarts[i]! += byBucketStarts[i - 1]!;
  const byConfidence = new Uint32Array(count);
  const byBucket = new Uint32Array(count);
  const valueNext = byConfidenceStarts.slice(0, -1);
  const bucketNext = byBucketStarts.slice(0, -1);
  for (let row = 0; row < count; row++) {
    byConfidence[valueNext[valueList(row)]!++] = row;
    byBucket[bucketNext[bucketList(row)]!++] = row;
  }
  return { count, byConfidence, byConfidenceStarts, byBucket, byBucketStarts };
}

/**
 * Adds `sign` × (rows before `rowEnd` that pass the class and sensor-kind masks and have a
 * confidence ≥ `threshold`) to each class's entry of `perClass`. At most 19 lists per group
 * (nine single values, ten buckets), one binary search each.
 */
export function addRowsBefore(index: DetectionCountIndex, rowEnd: number, classMask: number, sensorKindMask: number, threshold: number, sign: 1 | -1, perClass: Float64Array): void {
  const firstWholeBucket = Math.ceil(threshold / CONFIDENCE_BUCKET_WIDTH);
  const singleValuesEnd = Math.min(firstWholeBucket * CONFIDENCE_BUCKET_WIDTH, CONFIDENCE_VALUES);
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if (((classMask >>> cls) & 1) === 0) continue;
    let rows = 0;
    for (let kind = 0; kind < SENSOR_KIND_COUNT; kind++) {
      if (((sensorKindMask >>> kind) & 1) === 0) continue;
      const group = cls * SENSOR_KIND_COUNT + kind;
      for (let value = threshold; value < singleValuesEnd; value++) {
        rows += rowsBefore(index.byConfidence, index.byConfidenceStarts, group * CONFIDENCE_VALUES + value, rowEnd);
      }
      for (let bucket = firstWholeBucket; bucket < CONFIDENCE_BUCKETS; bucket++) {
        rows += rowsBefore(index.byBucket, index.byBucketStarts, group * CONFIDENCE_BUCKETS + bucket, rowEnd);
      }
    }
    perClass[cls]! += sign * rows;
  }
}

function rowsBefore(lists: Uint32Array, starts: Uint32Array, list: number, rowEnd: number): number {
  const from = starts[list]!;
  const to = starts[list + 1]!;
  if (from === to || lists[from]! >= rowEnd) return 0;
  if (lists[to - 1]! < rowEnd) return to - from;
  let low = from + 1;
  let high = to - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lists[middle]! < rowEnd) low = middle + 1;
    else high = middle;
  }
  return low - from;
}
