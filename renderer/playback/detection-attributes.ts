import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';
import type { DetectionFilter } from './detection-filter';
import type { PlaybackDetections } from './playback-evidence';

// What the GPU draws detections from, built once per decode in the decoder's worker, never per
// frame nor per filter change: a frame and a filter change alter only the layers' uniforms.

/** The values DataFilterExtension compares, two per detection: seconds, confidence. */
export const FILTER_SIZE = 2;

/** lon, lat of each detection, interleaved as deck.gl's getPosition takes them. */
export function interleavedPositions(detections: PlaybackDetections): Float32Array {
  const positions = new Float32Array(detections.count * 2);
  const { lon, lat } = detections;
  for (let i = 0; i < detections.count; i++) {
    positions[2 * i] = lon[i]!;
    positions[2 * i + 1] = lat[i]!;
  }
  return positions;
}

/** RGBA of each detection by its class. */
export function classColors(detections: PlaybackDetections, colors: readonly (readonly [number, number, number])[]): Uint8Array {
  const rgba = new Uint8Array(detections.count * 4);
  const { detectionClass } = detections;
  for (let i = 0; i < detections.count; i++) {
    const [r, g, b] = colors[detectionClass[i]!] ?? [200, 200, 200];
    rgba[4 * i] = r;
    rgba[4 * i + 1] = g;
    rgba[4 * i + 2] = b;
    rgba[4 * i + 3] = 255;
  }
  return rgba;
}

/** [seconds, confidence] per detection. */
export function filterValues(detections: PlaybackDetections): Float32Array {
  const values = new Float32Array(detections.count * FILTER_SIZE);
  const { seconds, confidence } = detections;
  for (let i = 0; i < detections.count; i++) {
    values[2 * i] = seconds[i]!;
    values[2 * i + 1] = confidence[i]!;
  }
  return values;
}

/** Each detection's class and sensor kind as one DataFilterExtension category: class × SENSOR_KINDS.length + kind (48 < the 128 one channel holds). */
export function filterCategories(detections: PlaybackDetections): Uint32Array {
  const categories = new Uint32Array(detections.count);
  const { detectionClass, sensorKind } = detections;
  for (let i = 0; i < detections.count; i++) categories[i] = detectionClass[i]! * SENSOR_KINDS.length + sensorKind[i]!;
  return categories;
}

const shownCategoriesOf = new WeakMap<DetectionFilter, number[]>();
const shownClassesOf = new WeakMap<DetectionFilter, number[]>();

/** The detection categories the filter's class and sensor-kind masks show; the same array for the same filter object, so a frame builds none. */
export function shownCategories(filter: DetectionFilter): number[] {
  let shown = shownCategoriesOf.get(filter);
  if (!shown) {
    shown = [];
    for (let c = 0; c < DETECTION_CLASSES.length; c++) {
      for (let k = 0; k < SENSOR_KINDS.length; k++) if ((filter.classMask >> c) & (filter.sensorKindMask >> k) & 1) shown.push(c * SENSOR_KINDS.length + k);
    }
    shownCategoriesOf.set(filter, shown);
  }
  return shown;
}

/** The classes the filter's class mask shows: the tracks' categories are their classes. */
export function shownClasses(filter: DetectionFilter): number[] {
  let shown = shownClassesOf.get(filter);
  if (!shown) {
    shown = DETECTION_CLASSES.map((_, c) => c).filter((c) => (filter.classMask >> c) & 1);
    shownClassesOf.set(filter, shown);
  }
  return shown;
}

/** The filter ranges for the visible time range: [from, to] seconds, confidence at least the minimum. */
export function filterRange(fromS: number, toS: number, filter: DetectionFilter): [number, number][] {
  return [
    [fromS, toS],
    [filter.minConfidence, 100],
  ];
}
