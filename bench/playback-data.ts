// The evidence chunks of the playback benchmark (bench/playback.ts): one day of detections spread
// over a 2° × 1.5° area, in time order as the generator writes them, and one track per 200
// detections of 10–50 vertices each, encoded with shared/evidence as the app stores them.
import type { DetectionColumns } from '../shared/evidence/detections-codec';
import { encodeDetections } from '../shared/evidence/detections-codec';
import { DETECTION_CLASSES, NO_TRACK, SENSOR_KINDS } from '../shared/evidence/evidence-vocabulary';
import { encodeTracks, type TrackColumns } from '../shared/evidence/tracks-codec';
import { Sfc32 } from '../shared/synthetic/prng';
import { BENCH_AREA, BENCH_DAY_S, BENCH_DAY_START_MS, DETECTIONS_PER_TRACK } from './playback-day';

const SENSORS = 200;
const TRACKED_SHARE = 0.3;

export interface BenchChunks {
  readonly detections: Uint8Array;
  readonly tracks: Uint8Array;
  readonly trackCount: number;
  readonly vertexCount: number;
}

export function benchChunks(detectionCount: number, seed = 1): BenchChunks {
  const random = new Sfc32(seed);
  const trackCount = Math.max(1, Math.round(detectionCount / DETECTIONS_PER_TRACK));
  const tracks = benchTracks(trackCount, random);
  return { detections: encodeDetections(benchDetections(detectionCount, trackCount, random)), tracks: encodeTracks(tracks), trackCount, vertexCount: tracks.vertexLon.length };
}

function benchDetections(count: number, trackCount: number, random: Sfc32): DetectionColumns {
  const [west, south, east, north] = BENCH_AREA;
  const timeMs = new BigInt64Array(count);
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const sensorIndex = new Int32Array(count);
  const sensorKind = new Int8Array(count);
  const detectionClass = new Int8Array(count);
  const confidencePct = new Uint8Array(count);
  const trackId = new Int32Array(count);
  const msPerRow = (BENCH_DAY_S * 1000) / count;
  for (let i = 0; i < count; i++) {
    // (i + u) × step never decreases with i: the rows come out in time order.
    timeMs[i] = BigInt(BENCH_DAY_START_MS + Math.floor((i + random.float()) * msPerRow));
    lon[i] = random.between(west, east);
    lat[i] = random.between(south, north);
    sensorIndex[i] = random.integer(0, SENSORS - 1);
    sensorKind[i] = random.integer(0, SENSOR_KINDS.length - 1);
    detectionClass[i] = random.integer(0, DETECTION_CLASSES.length - 1);
    confidencePct[i] = random.integer(0, 100);
    trackId[i] = random.chance(TRACKED_SHARE) ? random.integer(0, trackCount - 1) : NO_TRACK;
  }
  const sensorIds = Array.from({ length: SENSORS }, (_, i) => `bench-sensor-${String(i).padStart(3, '0')}`);
  return { timeMs, lon, lat, altitudeM: new Float32Array(count).fill(NaN), sensorId: { indices: sensorIndex, values: sensorIds }, sensorKind, detectionClass, confidencePct, trackId };
}

function benchTracks(count: number, random: Sfc32): TrackColumns {
  const [west, south, east, north] = BENCH_AREA;
  const vertexOffsets = new Int32Array(count + 1);
  for (let t = 0; t < count; t++) vertexOffsets[t + 1] = vertexOffsets[t]! + random.integer(10, 50);
  const vertices = vertexOffsets[count]!;
  const vertexLon = new Float64Array(vertices);
  const vertexLat = new Float64Array(vertices);
  const vertexTimeMs = new BigInt64Array(vertices);
  const trackClass = new Int8Array(count);
  for (let t = 0; t < count; t++) {
    trackClass[t] = random.integer(0, DETECTION_CLASSES.length - 1);
    let x = random.between(west, east);
    let y = random.between(south, north);
    let ms = BENCH_DAY_START_MS + Math.floor(random.between(0, BENCH_DAY_S - 3_600) * 1000);
    for (let v = vertexOffsets[t]!; v < vertexOffsets[t + 1]!; v++) {
      vertexLon[v] = x;
      vertexLat[v] = y;
      vertexTimeMs[v] = BigInt(ms);
      x = Math.min(east, Math.max(west, x + random.between(-0.003, 0.003)));
      y = Math.min(north, Math.max(south, y + random.between(-0.002, 0.002)));
      ms += random.integer(10_000, 60_000);
    }
  }
  return { trackId: Int32Array.from({ length: count }, (_, t) => t), trackClass, vertexOffsets, vertexLon, vertexLat, vertexTimeMs };
}
