import { decodeDetections, type DetectionColumns } from '../../shared/evidence/detections-codec';
import { epochMsAt, int64Words } from '../../shared/evidence/epoch-ms';
import { rebaseToSeconds, timeRangeMs } from '../../shared/evidence/time-rebase';
import { decodeTracks, type TrackColumns } from '../../shared/evidence/tracks-codec';
import { CLASS_COLORS } from './class-colors';
import { classColors, filterCategories, filterValues, interleavedPositions } from './detection-attributes';
import { buildDetectionCountIndex } from './detection-count-index';
import type { PlaybackDetections, PlaybackEvidence, PlaybackTracks, TimeSpanMs } from './playback-evidence';
import { timeOrderOf } from './time-order';
import { tracksByStart } from './track-order';

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
  // Built here, in the decoder's worker: at 10⁷ detections these loops take a few hundred milliseconds.
  const mapAttributes = {
    positions: interleavedPositions(detections),
    colors: classColors(detections, CLASS_COLORS),
    filterValues: filterValues(detections),
    filterCategories: filterCategories(detections),
  };
  return { windowStartMs, detections, countIndex, tracks, mapAttributes };
}

export function playbackDetections(columns: DetectionColumns, windowStartMs: number): PlaybackDetections {
  const count = columns.timeMs.length;
  const { order, inOrder } = timeOrderOf(columns.timeMs);
  const words = int64Words(columns.timeMs);
  const lon = new Float32Array(count);
  const lat = new Float32Array(count);
  const seconds = new Float32Array(count);
  const detectionClass = new Uint8Array(count);
  const sensorKind = new Uint8Array(count);
  const confidence = new Uint8Array(count);
  const trackId = new Int32Array(count);
  const sensorIndex = columns.sensorId.values.length <= 65_536 ? new Uint16Array(count) : new Uint32Array(count);
  // One column per pass: out of order the reads are scattered, and one stream at a time keeps them cheaper.
  const gather = inOrder ? copyInOrder : gatherInOrder;
  gather(columns.lon, order, lon);
  gather(columns.lat, order, lat);
  gather(columns.detectionClass, order, detectionClass);
  gather(columns.sensorKind, order, sensorKind);
  gather(columns.confidencePct, order, confidence);
  gather(columns.trackId, order, trackId);
  gather(columns.sensorId.indices, order, sensorIndex);
  if (inOrder) rebaseToSeconds(columns.timeMs, windowStartMs, seconds);
  // Out of order: the formula of rebaseToSeconds, taken in time order.
  else for (let i = 0; i < count; i++) seconds[i] = (epochMsAt(words, order[i]!) - windowStartMs) / 1000;
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
  return tracksByStart({
    count: columns.trackId.length,
    vertexCount,
    positions,
    timestamps: rebaseToSeconds(columns.vertexTimeMs, windowStartMs),
    startIndices: new Uint32Array(columns.vertexOffsets),
    trackId: columns.trackId.slice(),
    trackClass: new Uint8Array(columns.trackClass),
    timeSpanMs: timeRangeMs(columns.vertexTimeMs),
  });
}

type Column = Float64Array | Int32Array | Int8Array | Uint8Array;
type Output = Float32Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

function gatherInOrder(source: Column, order: Uint32Array, into: Output): void {
  for (let i = 0; i < order.length; i++) into[i] = source[order[i]!]!;
}

/** Rows already in order: a typed-array set, which converts each value as an assignment would. */
function copyInOrder(source: Column, _order: Uint32Array, into: Output): void {
  into.set(source);
}

function earliestMs(detections: DetectionColumns, tracks: TrackColumns | undefined): number {
  const candidates = [timeRangeMs(detections.timeMs)?.minMs, tracks && timeRangeMs(tracks.vertexTimeMs)?.minMs].filter((ms) => ms !== undefined);
  return candidates.length === 0 ? 0 : Math.min(...candidates);
}
