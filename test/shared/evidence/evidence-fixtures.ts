import type { DetectionColumns } from '../../../shared/evidence/detections-codec';
import type { TrackColumns } from '../../../shared/evidence/tracks-codec';
import { DETECTION_CLASSES, NO_TRACK, SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';

/** 2026-11-22T00:00:00Z */
export const DAY_START_MS = Date.UTC(2026, 10, 22);
const DAY_MS = 86_400_000;

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function syntheticDetections(rows: number, seed = 1): DetectionColumns {
  const random = seededRandom(seed);
  const sensors = Array.from({ length: 40 }, (_, i) => `SENSOR-${String(i).padStart(3, '0')}`);
  const columns = {
    timeMs: new BigInt64Array(rows),
    lon: new Float64Array(rows),
    lat: new Float64Array(rows),
    altitudeM: new Float32Array(rows),
    sensorId: { indices: new Int32Array(rows), values: sensors },
    sensorKind: new Int8Array(rows),
    detectionClass: new Int8Array(rows),
    confidencePct: new Uint8Array(rows),
    trackId: new Int32Array(rows),
  };
  for (let i = 0; i < rows; i++) {
    columns.timeMs[i] = BigInt(DAY_START_MS + Math.floor(random() * DAY_MS));
    columns.lon[i] = 36 + random() * 4;
    columns.lat[i] = 47 + random() * 2;
    columns.altitudeM[i] = random() < 0.1 ? Number.NaN : random() * 3000;
    columns.sensorId.indices[i] = Math.floor(random() * sensors.length);
    columns.sensorKind[i] = Math.floor(random() * SENSOR_KINDS.length);
    columns.detectionClass[i] = Math.floor(random() * DETECTION_CLASSES.length);
    columns.confidencePct[i] = Math.floor(random() * 101);
    columns.trackId[i] = random() < 0.5 ? NO_TRACK : Math.floor(random() * 1000);
  }
  return columns;
}

export function syntheticTracks(tracks: number, seed = 2): TrackColumns {
  const random = seededRandom(seed);
  const vertexCounts = Array.from({ length: tracks }, (_, i) => (i === 0 ? 0 : 1 + Math.floor(random() * 30)));
  const vertexOffsets = new Int32Array(tracks + 1);
  vertexCounts.forEach((count, i) => (vertexOffsets[i + 1] = vertexOffsets[i]! + count));
  const vertices = vertexOffsets[tracks]!;
  const columns = {
    trackId: Int32Array.from({ length: tracks }, (_, i) => i * 3 + 7),
    trackClass: Int8Array.from({ length: tracks }, () => Math.floor(random() * DETECTION_CLASSES.length)),
    vertexOffsets,
    vertexLon: new Float64Array(vertices),
    vertexLat: new Float64Array(vertices),
    vertexTimeMs: new BigInt64Array(vertices),
  };
  for (let track = 0; track < tracks; track++) {
    let t = DAY_START_MS + Math.floor(random() * DAY_MS);
    for (let v = vertexOffsets[track]!; v < vertexOffsets[track + 1]!; v++) {
      t += Math.floor(random() * 5000);
      columns.vertexTimeMs[v] = BigInt(t);
      columns.vertexLon[v] = 36 + random() * 4;
      columns.vertexLat[v] = 47 + random() * 2;
    }
  }
  return columns;
}

/** Byte-for-byte equality of two typed arrays (NaN payloads included). */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
