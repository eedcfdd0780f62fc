import { decodeDetections, type DetectionColumns } from '../../shared/evidence/detections-codec';
import { epochMsAt, int64Words } from '../../shared/evidence/epoch-ms';
import { rebaseToSeconds, timeRangeMs } from '../../shared/evidence/time-rebase';
import { decodeTracks, type TrackColumns } from '../../shared/evidence/tracks-codec';
import { buildDetectionCountIndex } from './detection-count-index';
import type { PlaybackDetections, PlaybackEvidence, PlaybackTracks, TimeSpanMs } from './playback-evidence';
import { timeOrder } from './time-order';

export interface EvidenceChunks {
  readonly detections: Uint8Array;
  readonly tracks?: Uint8Array;
  /** Epoch ms the seconds count from; the earliest detection or vertex when not given. */
  readonly windowStartMs?: number;
}

/**
 * Decodes and checks the chunks (shared/evidence), sorts the detections by time and builds the
 * count index. Every output column is a new compact array, none a view of the chunk bytes, so the
 * chunk can be dropped and the columns transferred. Throws EvidenceError for a bad chunk.
 */
export function decodePlaybackEvidence(chunks: EvidenceChunks): PlaybackEvidence {
  const detectionColumns = decodeDetections(chunks.detections);
  const trackColumns = chunks.tracks ? decodeTracks(chunks.tracks) : undefined;
  const windowStartMs = chunks.windowStartMs ?? earliestMs(detectionColumns, trackColumns);
  if (!Number.isFinite(windowStartMs)) throw new RangeError(`playback window start ${windowStartMs} ms is not a finite time`);
  const detections = playbackDetections(detectionColumns, windowStartMs);
  const countIndex = buildDetectionCountIndex(detections.detectionClass, detections.sensorKind, detections.confidence);
  const tracks = trackColumns && playbackTracks(trackColumns, windowStartMs);
  return { windowStartMs, detections, countIndex, tracks };
}

export function playbackDetections(columns: DetectionColumns, windowStartMs: number): PlaybackDetections {
  const count = columns.timeMs.length;
  const order = timeOrder(columns.timeMs);
  const words = int64Words(columns.timeMs);
  const lon = new Float32Array(count);
  const lat = new Float32Array(count);
  const seconds = new Float32Array(count);
  const detectionClass = new Uint8Array(count);
  const sensorKind = new Uint8Array(count);
  const confidence = new Uint8Array(count);
  const trackId = new Int32Array(count);
  const sensorIndex = columns.sensorId.values.length <= 65_536 ? new Uint16Array(count) : new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const row = order[i]!;
    lon[i] = columns.lon[row]!;
    lat[i] = columns.lat[row]!;
    // The formula of rebaseToSeconds, taken in sorted order.
    seconds[i] = (epochMsAt(words, row) - windowStartMs) / 1000;
    detectionClass[i] = columns.detectionClass[row]!;
    sensorKind[i] = columns.sensorKind[row]!;
    confidence[i] = columns.confidencePct[row]!;
    trackId[i] = columns.trackId[row]!;
    sensorIndex[i] = columns.sensorId.indices[row]!;
  }
  const timeSpanMs: TimeSpanMs | undefined = count === 0 ? undefined : { minMs: epochMsAt(words, order[0]!), maxMs: epochMsAt(words, order[count - 1]!) };
  return { count, lon, lat, seconds, detectionClass, sensorKind, confidence, trackId, sensorIndex, sensorIds: [...columns.sensorId.values], chunkRow: order, timeSpanMs };
}

export function playbackTracks(columns: TrackColumns, windowStartMs: number): PlaybackTracks {
  const vertexCount = columns.vertexLon.length;
  const positions = new Float32Array(vertexCount * 2);
  for (let v = 0; v < vertexCount; v++) {
    positions[2 * v] = columns.vertexLon[v]!;
    positions[2 * v + 1] = columns.vertexLat[v]!;
  }
  return {
    count: columns.trackId.length,
    vertexCount,
    positions,
    timestamps: rebaseToSeconds(columns.vertexTimeMs, windowStartMs),
    startIndices: new Uint32Array(columns.vertexOffsets),
    trackId: columns.trackId.slice(),
    trackClass: new Uint8Array(columns.trackClass),
    timeSpanMs: timeRangeMs(columns.vertexTimeMs),
  };
}

function earliestMs(detections: DetectionColumns, tracks: TrackColumns | undefined): number {
  const candidates = [timeRangeMs(detections.timeMs)?.minMs, tracks && timeRangeMs(tracks.vertexTimeMs)?.minMs].filter((ms) => ms !== undefined);
  return candidates.length === 0 ? 0 : Math.min(...candidates);
}
