import { detectionBuffers, trackBuffers, type DetectionBuffers, type TrackBuffers } from './evidence-layers';
import { detectionsSpan, tracksSpan, type SpanS } from './evidence-segments';
import type { PlaybackEvidence, PlaybackTracks } from './playback-evidence';

// A bucket's GPU data in slices that deck.gl uploads in well under 50 ms each (the bound on
// the window's thread), handed over one per frame. Each slice is views of the bucket's columns,
// never copies, except a slice of tracks' own start indices.

/** Detections per slice: 250k rows are ~6 MB of attributes. */
export const MAX_SLICE_DETECTIONS = 250_000;
/** Track vertices per slice (a longer single track is a slice of its own). */
export const MAX_SLICE_VERTICES = 50_000;

/** Rows [start, end) of a bucket. */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/** `count` rows in the fewest slices of at most `max` rows, of nearly equal sizes; none for no rows. */
export function evenSlices(count: number, max: number): RowRange[] {
  const slices = Math.ceil(count / max);
  return Array.from({ length: slices }, (_, k) => ({ start: Math.floor((count * k) / slices), end: Math.floor((count * (k + 1)) / slices) }));
}

/** Tracks in order, as few at a time as keep each slice within `maxVertices` (`startIndices` has count + 1 entries). */
export function trackSlices(startIndices: Uint32Array, count: number, maxVertices: number): RowRange[] {
  const slices: RowRange[] = [];
  let start = 0;
  for (let track = 1; track <= count; track++) {
    if (track > start + 1 && startIndices[track]! - startIndices[start]! > maxVertices) {
      slices.push({ start, end: track - 1 });
      start = track - 1;
    }
  }
  if (count > start) slices.push({ start, end: count });
  return slices;
}

export interface DetectionSlice {
  /** The bucket's row of the slice's first detection. */
  readonly first: number;
  readonly buffers: DetectionBuffers;
  readonly span: SpanS | undefined;
}

export interface TrackSlice {
  /** The bucket's index of the slice's first track. */
  readonly first: number;
  readonly buffers: TrackBuffers;
  /** Each of the slice's tracks' class. */
  readonly trackClass: Uint8Array;
  readonly span: SpanS | undefined;
}

export function detectionSlices(bucket: PlaybackEvidence, max = MAX_SLICE_DETECTIONS): DetectionSlice[] {
  const { count, seconds } = bucket.detections;
  if (count <= max) return [{ first: 0, buffers: detectionBuffers(bucket.mapAttributes), span: detectionsSpan(bucket) }];
  const { positions, colors, filterValues, filterCategories } = bucket.mapAttributes;
  return evenSlices(count, max).map(({ start, end }) => ({
    first: start,
    buffers: detectionBuffers({
      positions: positions.subarray(2 * start, 2 * end),
      colors: colors.subarray(4 * start, 4 * end),
      filterValues: filterValues.subarray(2 * start, 2 * end),
      filterCategories: filterCategories.subarray(start, end),
    }),
    span: { fromS: seconds[start]!, toS: seconds[end - 1]! },
  }));
}

export function trackSlicesOf(bucket: PlaybackEvidence, maxVertices = MAX_SLICE_VERTICES): TrackSlice[] {
  const tracks = bucket.tracks;
  if (!tracks) return [];
  if (tracks.vertexCount <= maxVertices) return [{ first: 0, buffers: trackBuffers(tracks), trackClass: tracks.trackClass, span: tracksSpan(bucket) }];
  return trackSlices(tracks.startIndices, tracks.count, maxVertices).map((range) => trackSlice(tracks, range));
}

function trackSlice(tracks: PlaybackTracks, { start, end }: RowRange): TrackSlice {
  const from = tracks.startIndices[start]!;
  const to = tracks.startIndices[end]!;
  const startIndices = tracks.startIndices.slice(start, end + 1);
  for (let i = 0; i < startIndices.length; i++) startIndices[i]! -= from;
  const timestamps = tracks.timestamps.subarray(from, to);
  let fromS = Infinity;
  let toS = -Infinity;
  for (let t = 0; t < end - start; t++) {
    if (startIndices[t + 1]! === startIndices[t]!) continue;
    fromS = Math.min(fromS, timestamps[startIndices[t]!]!);
    toS = Math.max(toS, timestamps[startIndices[t + 1]! - 1]!);
  }
  return {
    first: start,
    buffers: trackBuffers({ ...tracks, count: end - start, vertexCount: to - from, positions: tracks.positions.subarray(2 * from, 2 * to), timestamps, startIndices }),
    trackClass: tracks.trackClass.subarray(start, end),
    span: fromS <= toS ? { fromS, toS } : undefined,
  };
}
