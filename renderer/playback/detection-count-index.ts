import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';

export const CLASS_COUNT = DETECTION_CLASSES.length;
export const SENSOR_KIND_COUNT = SENSOR_KINDS.length;
export const GROUP_COUNT = CLASS_COUNT * SENSOR_KIND_COUNT;
export const CONFIDENCE_VALUES = 101;
/** Confidences 0–9, 10–19, …, 90–99 and 100 alone. */
export const CONFIDENCE_BUCKET_WIDTH = 10;
export const CONFIDENCE_BUCKETS = 11;

/**
 * Rows (of the time-sorted detections) grouped by (class, sensor kind), rows ascending within each
 * list, three ways: all of a group's rows, its rows per confidence bucket of ten values, and its
 * rows per confidence value. Any confidence threshold is then at most ten lists added or taken
 * away (e.g. ≥ 45: all − buckets 0–3 − values 40–44), and the rows before any row number one
 * binary search per list. List (group, b) of byBucket is byBucket[byBucketStarts[group * 11 + b]]
 * up to the next start, likewise byConfidence with 101 values; group = class * SENSOR_KIND_COUNT + kind.
 */
export interface DetectionCountIndex {
  readonly count: number;
  readonly byGroup: Uint32Array;
  readonly byGroupStarts: Uint32Array;
  readonly byConfidence: Uint32Array;
  readonly byConfidenceStarts: Uint32Array;
  readonly byBucket: Uint32Array;
  readonly byBucketStarts: Uint32Array;
}

/** Three counting sorts over the rows, O(rows); stable, so each list keeps the rows ascending. */
export function buildDetectionCountIndex(detectionClass: Uint8Array, sensorKind: Uint8Array, confidence: Uint8Array): DetectionCountIndex {
  const count = detectionClass.length;
  const groupOf = (row: number) => detectionClass[row]! * SENSOR_KIND_COUNT + sensorKind[row]!;
  const [byGroup, byGroupStarts] = listsBy(count, GROUP_COUNT, groupOf);
  const [byBucket, byBucketStarts] = listsBy(count, GROUP_COUNT * CONFIDENCE_BUCKETS, (row) => groupOf(row) * CONFIDENCE_BUCKETS + Math.floor(confidence[row]! / CONFIDENCE_BUCKET_WIDTH));
  const [byConfidence, byConfidenceStarts] = listsBy(count, GROUP_COUNT * CONFIDENCE_VALUES, (row) => groupOf(row) * CONFIDENCE_VALUES + confidence[row]!);
  return { count, byGroup, byGroupStarts, byConfidence, byConfidenceStarts, byBucket, byBucketStarts };
}

function listsBy(count: number, lists: number, listOf: (row: number) => number): [Uint32Array, Uint32Array] {
  const starts = new Uint32Array(lists + 1);
  for (let row = 0; row < count; row++) starts[listOf(row) + 1]!++;
  for (let i = 1; i <= lists; i++) starts[i]! += starts[i - 1]!;
  const rows = new Uint32Array(count);
  const next = starts.slice(0, -1);
  for (let row = 0; row < count; row++) rows[next[listOf(row)]!++] = row;
  return [rows, starts];
}

/**
 * Adds `sign` × (rows before `rowEnd` that pass the class and sensor-kind masks and have a
 * confidence ≥ `threshold`) to each class's entry of `perClass`: per (class, sensor kind) the
 * cheapest of four equal sums of lists, at most ten binary searches.
 */
export function addRowsBefore(index: DetectionCountIndex, rowEnd: number, classMask: number, sensorKindMask: number, threshold: number, sign: 1 | -1, perClass: Float64Array): void {
  const plan = confidencePlan(threshold);
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if (((classMask >>> cls) & 1) === 0) continue;
    let rows = 0;
    for (let kind = 0; kind < SENSOR_KIND_COUNT; kind++) {
      if (((sensorKindMask >>> kind) & 1) === 0) continue;
      const group = cls * SENSOR_KIND_COUNT + kind;
      if (plan.all) rows += rowsBefore(index.byGroup, index.byGroupStarts, group, rowEnd);
      let buckets = 0;
      for (let bucket = plan.bucketFrom; bucket < plan.bucketTo; bucket++) buckets += rowsBefore(index.byBucket, index.byBucketStarts, group * CONFIDENCE_BUCKETS + bucket, rowEnd);
      let values = 0;
      for (let value = plan.valueFrom; value < plan.valueTo; value++) values += rowsBefore(index.byConfidence, index.byConfidenceStarts, group * CONFIDENCE_VALUES + value, rowEnd);
      rows += plan.bucketSign * buckets + plan.valueSign * values;
    }
    perClass[cls]! += sign * rows;
  }
}

/** Confidence ≥ threshold as (all?) ± buckets [bucketFrom, bucketTo) ± values [valueFrom, valueTo). */
interface ConfidencePlan {
  all: boolean;
  bucketFrom: number;
  bucketTo: number;
  bucketSign: number;
  valueFrom: number;
  valueTo: number;
  valueSign: number;
}

const PLANS: readonly ConfidencePlan[] = Array.from({ length: CONFIDENCE_VALUES }, (_, threshold) => cheapestPlan(threshold));

function confidencePlan(threshold: number): ConfidencePlan {
  const plan = PLANS[threshold];
  if (!plan) throw new RangeError(`confidence threshold ${threshold} is not a whole number in 0–100`);
  return plan;
}

function cheapestPlan(threshold: number): ConfidencePlan {
  const below = Math.floor(threshold / CONFIDENCE_BUCKET_WIDTH);
  const above = Math.ceil(threshold / CONFIDENCE_BUCKET_WIDTH);
  const aboveValue = Math.min(above * CONFIDENCE_BUCKET_WIDTH, CONFIDENCE_VALUES);
  const candidates: ConfidencePlan[] = [
    { all: false, bucketFrom: above, bucketTo: CONFIDENCE_BUCKETS, bucketSign: 1, valueFrom: threshold, valueTo: aboveValue, valueSign: 1 },
    { all: true, bucketFrom: 0, bucketTo: below, bucketSign: -1, valueFrom: below * CONFIDENCE_BUCKET_WIDTH, valueTo: threshold, valueSign: -1 },
    { all: false, bucketFrom: below, bucketTo: CONFIDENCE_BUCKETS, bucketSign: 1, valueFrom: below * CONFIDENCE_BUCKET_WIDTH, valueTo: threshold, valueSign: -1 },
    { all: true, bucketFrom: 0, bucketTo: above, bucketSign: -1, valueFrom: threshold, valueTo: aboveValue, valueSign: 1 },
  ];
  const cost = (plan: ConfidencePlan) => Number(plan.all) + (plan.bucketTo - plan.bucketFrom) + (plan.valueTo - plan.valueFrom);
  return candidates.reduce((best, plan) => (cost(plan) < cost(best) ? plan : best));
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
