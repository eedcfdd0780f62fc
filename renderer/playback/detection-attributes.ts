import { DETECTION_CLASSES, SENSOR_KINDS } from '../../shared/evidence/evidence-vocabulary';
import type { DetectionFilter } from './detection-filter';
import type { PlaybackDetections } from './playback-evidence';

// What the GPU draws detections from, built once per decode (and the filter values once per
// filter change), never per frame: a frame changes only the layers' uniforms.

/** The values DataFilterExtension compares, three per detection: seconds, confidence, and 1 when the class and sensor kind are shown. */
export const FILTER_SIZE = 3;

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

/** [seconds, confidence, shown] per detection for the filter's class and sensor kind masks; `into` is reused when it fits. */
export function filterValues(detections: PlaybackDetections, filter: DetectionFilter, into?: Float32Array): Float32Array {
  const values = into?.length === detections.count * FILTER_SIZE ? into : new Float32Array(detections.count * FILTER_SIZE);
  const shown = new Uint8Array(DETECTION_CLASSES.length * SENSOR_KINDS.length);
  for (let c = 0; c < DETECTION_CLASSES.length; c++) {
    for (let k = 0; k < SENSOR_KINDS.length; k++) shown[c * SENSOR_KINDS.length + k] = (filter.classMask >> c) & (filter.sensorKindMask >> k) & 1;
  }
  const { seconds, confidence, detectionClass, sensorKind } = detections;
  for (let i = 0; i < detections.count; i++) {
    values[3 * i] = seconds[i]!;
    values[3 * i + 1] = confidence[i]!;
    values[3 * i + 2] = shown[detectionClass[i]! * SENSOR_KINDS.length + sensorKind[i]!]!;
  }
  return values;
}

/** The filter ranges for the visible time range: [from, to] seconds, confidence at least the minimum, shown. */
export function filterRange(fromS: number, toS: number, filter: DetectionFilter): [number, number][] {
  return [
    [fromS, toS],
    [filter.minConfidence, 100],
    [0.5, 1.5],
  ];
}
