import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { decodePlaybackEvidence } from '../../../renderer/playback/decode-playback-evidence';
import { ALL_CLASSES_MASK, ALL_SENSOR_KINDS_MASK, passesFilter, type DetectionFilter } from '../../../renderer/playback/detection-filter';
import type { PlaybackEvidence } from '../../../renderer/playback/playback-evidence';
import { DAY_START_MS, syntheticDetections } from '../../shared/evidence/evidence-fixtures';

/** Decoded synthetic detections over a day; with `tieMs`, times are rounded down to it so that many share a time. */
export function decodedDetections(rows: number, seed: number, tieMs = 1): PlaybackEvidence {
  const columns = syntheticDetections(rows, seed);
  for (let i = 0; i < rows; i++) columns.timeMs[i] = (columns.timeMs[i]! / BigInt(tieMs)) * BigInt(tieMs);
  return decodePlaybackEvidence({ detections: encodeDetections(columns), windowStartMs: DAY_START_MS });
}

/** A filter drawn at random, with the extremes (everything, nothing, 0 and 100) among the draws. */
export function randomFilter(random: () => number): DetectionFilter {
  const pick = random();
  const classMask = pick < 0.15 ? ALL_CLASSES_MASK : pick < 0.2 ? 0 : Math.floor(random() * (ALL_CLASSES_MASK + 1));
  const sensorKindMask = random() < 0.3 ? ALL_SENSOR_KINDS_MASK : Math.floor(random() * (ALL_SENSOR_KINDS_MASK + 1));
  const draw = random();
  const minConfidence = draw < 0.15 ? 0 : draw < 0.25 ? 100 : draw < 0.4 ? Math.round(random() * 1000) / 10 : Math.floor(random() * 101);
  return { classMask, sensorKindMask, minConfidence };
}

/** A window drawn at random: sometimes ending exactly on detection times, sometimes past the data, sometimes empty. */
export function randomWindow(random: () => number, seconds: Float32Array): [number, number] {
  const draw = random();
  if (draw < 0.3) {
    const a = seconds[Math.floor(random() * seconds.length)]!;
    const b = seconds[Math.floor(random() * seconds.length)]!;
    return [Math.min(a, b), Math.max(a, b)];
  }
  if (draw < 0.35) return [-100, 200_000];
  const from = -1000 + random() * 90_000;
  return [from, from + (draw < 0.4 ? 0 : random() ** 3 * 90_000)];
}

export function passes(evidence: PlaybackEvidence, filter: DetectionFilter, row: number): boolean {
  const d = evidence.detections;
  return passesFilter(filter, d.detectionClass[row]!, d.sensorKind[row]!, d.confidence[row]!);
}
