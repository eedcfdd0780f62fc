import type { DetectionCountIndex } from './detection-count-index';

/** Epoch milliseconds, UTC. */
export interface TimeSpanMs {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * A detections chunk as columns for the GPU, rows in ascending time (ties in chunk order). Times
 * are float32 seconds since the playback window start (docs/EVIDENCE.md, "Playback times").
 */
export interface PlaybackDetections {
  readonly count: number;
  readonly lon: Float32Array;
  readonly lat: Float32Array;
  /** Never decreasing. */
  readonly seconds: Float32Array;
  /** Indices into DETECTION_CLASSES. */
  readonly detectionClass: Uint8Array;
  /** Indices into SENSOR_KINDS. */
  readonly sensorKind: Uint8Array;
  /** Percent, 0–100. */
  readonly confidence: Uint8Array;
  /** The track in the tracks chunk, or NO_TRACK. */
  readonly trackId: Int32Array;
  /** Indices into `sensorIds`. */
  readonly sensorIndex: Uint16Array | Uint32Array;
  readonly sensorIds: readonly string[];
  /** The row of each detection in the signed chunk, so a citation names the evidence row. */
  readonly chunkRow: Uint32Array;
  readonly timeSpanMs: TimeSpanMs | undefined;
}

/** A tracks chunk in deck.gl's binary path layout, tracks in the order of their first vertex's time, ties in chunk order (track-order.ts). */
export interface PlaybackTracks {
  readonly count: number;
  readonly vertexCount: number;
  /** lon, lat of each vertex. */
  readonly positions: Float32Array;
  /** Float32 seconds since the playback window start; never decreasing within a track. */
  readonly timestamps: Float32Array;
  /** count + 1 entries: track i owns vertices startIndices[i] up to startIndices[i + 1]. */
  readonly startIndices: Uint32Array;
  readonly trackId: Int32Array;
  /** Indices into DETECTION_CLASSES. */
  readonly trackClass: Uint8Array;
  readonly timeSpanMs: TimeSpanMs | undefined;
}

export interface PlaybackEvidence {
  /** Epoch ms that the seconds columns count from. */
  readonly windowStartMs: number;
  readonly detections: PlaybackDetections;
  readonly countIndex: DetectionCountIndex;
  readonly tracks: PlaybackTracks | undefined;
  /** What the map draws the detections from, built off the window's thread (detection-attributes.ts): interleaved positions, class colours, filter values and categories. */
  readonly mapAttributes: { readonly positions: Float32Array; readonly colors: Uint8Array; readonly filterValues: Float32Array; readonly filterCategories: Uint32Array };
}

/** The buffers to transfer: every column owns its buffer, so none is listed twice. */
export function transferablesOf(evidence: PlaybackEvidence): ArrayBuffer[] {
  const { detections: d, countIndex: c, tracks: t } = evidence;
  const columns: ArrayBufferView[] = [d.lon, d.lat, d.seconds, d.detectionClass, d.sensorKind, d.confidence, d.trackId, d.sensorIndex, d.chunkRow];
  columns.push(c.byGroup, c.byGroupStarts, c.byBucket, c.byBucketStarts, c.byConfidence, c.byConfidenceStarts);
  const { positions, colors, filterValues, filterCategories } = evidence.mapAttributes;
  columns.push(positions, colors, filterValues, filterCategories);
  if (t) columns.push(t.positions, t.timestamps, t.startIndices, t.trackId, t.trackClass);
  return columns.map((column) => column.buffer as ArrayBuffer);
}
