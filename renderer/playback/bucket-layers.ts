import type { Layer } from '@deck.gl/core';
import { CLASS_COLORS } from './class-colors';
import { detectionSlices, trackSlicesOf, type DetectionSlice, type TrackSlice } from './bucket-slices';
import type { DetectionFilter } from './detection-filter';
import { detectionBuffers, detectionLayer, trackBuffers, trackLayer } from './evidence-layers';
import { spanMeets } from './evidence-segments';
import { PlaybackClock, type PlaybackSnapshot } from './playback-clock';
import type { PlaybackEvidence } from './playback-evidence';

// The map's evidence for one frame, layers per time bucket, as the desk, the session window and the
// benchmark draw it: a bucket's tracks, then its detections, each in slices small enough to upload
// within one frame (bucket-slices.ts). Each bucket's slices are wrapped once; their identity, kept
// per bucket, tells deck.gl that nothing is to be uploaded again.

export interface BucketBuffers {
  readonly tracks: readonly TrackSlice[];
  readonly detections: readonly DetectionSlice[];
}

const wrapped = new WeakMap<PlaybackEvidence, BucketBuffers>();

/** The bucket's binary data for deck.gl in slices, the same objects every time for the same bucket. */
export function bucketBuffers(bucket: PlaybackEvidence): BucketBuffers {
  let buffers = wrapped.get(bucket);
  if (!buffers) {
    buffers = { tracks: trackSlicesOf(bucket), detections: detectionSlices(bucket) };
    wrapped.set(bucket, buffers);
  }
  return buffers;
}

/** How many slices the buckets' layers come in: bucketLayers draws them all once `handed` reaches it. */
export function sliceCount(buckets: readonly PlaybackEvidence[]): number {
  return buckets.reduce((sum, bucket) => sum + bucketBuffers(bucket).tracks.length + bucketBuffers(bucket).detections.length, 0);
}

interface HiddenLayer {
  readonly key: string;
  readonly filter: DetectionFilter;
  readonly layer: Layer;
}

const hidden = new WeakMap<TrackSlice | DetectionSlice, HiddenLayer>();

/**
 * The layers of the buckets' first `handed` slices (in bucket order, each bucket's tracks then its
 * detections), so that a caller handing one more slice per frame never uploads more than a slice in
 * one frame. A slice whose span misses the visible range is not drawn (`visible: false`) and keeps
 * the same layer instance from frame to frame, which deck.gl takes as unchanged without comparing
 * its props: a frame costs the visible slices only.
 */
export function bucketLayers(buckets: readonly PlaybackEvidence[], snapshot: PlaybackSnapshot, filter: DetectionFilter, handed = Infinity): Layer[] {
  const { fromS, toS } = snapshot.visible;
  const layers: Layer[] = [];
  const layerOf = (slice: TrackSlice | DetectionSlice, key: string, build: (visible: boolean) => Layer) => {
    const visible = spanMeets(slice.span, fromS, toS);
    const kept = visible ? undefined : hidden.get(slice);
    if (kept && kept.key === key && kept.filter === filter && isLive(kept.layer)) return kept.layer;
    const layer = build(visible);
    if (!visible) hidden.set(slice, { key, filter, layer });
    return layer;
  };
  buckets.forEach((bucket, segment) => {
    const key = `${segment}:${snapshot.mode}:${snapshot.playing}`;
    const { tracks, detections } = bucketBuffers(bucket);
    for (const slice of tracks) {
      if (layers.length >= handed) return;
      layers.push(layerOf(slice, key, (visible) => trackLayer({ segment, first: slice.first, visible, buffers: slice.buffers, trackClass: slice.trackClass, colors: CLASS_COLORS, snapshot, filter })));
    }
    for (const slice of detections) {
      if (layers.length >= handed) return;
      layers.push(layerOf(slice, key, (visible) => detectionLayer({ segment, first: slice.first, visible, buffers: slice.buffers, snapshot, filter })));
    }
  });
  return layers;
}

/**
 * A hidden detections layer and tracks layer of one row each, with the same shaders, extensions and
 * attribute layout as the evidence's: kept on the map from its start, so that deck.gl has compiled
 * and cached their programs before the evidence arrives and no bucket's hand-over compiles them.
 * New instances on each call (a layer belongs to one Deck).
 */
export function shaderWarmUpLayers(): Layer[] {
  const clock = new PlaybackClock({ window: { fromS: 0, toS: 1 } });
  const snapshot = clock.snapshot();
  clock.dispose();
  const common = { segment: 0, first: 0, visible: false, snapshot, filter: { classMask: 0, sensorKindMask: 0, minConfidence: 0 } };
  const detections = detectionBuffers({ positions: new Float32Array(2), colors: new Uint8Array(4), filterValues: new Float32Array(2), filterCategories: new Uint32Array(1) });
  const trackClass = new Uint8Array(1);
  const tracks = trackBuffers({
    count: 1,
    vertexCount: 2,
    positions: new Float32Array(4),
    timestamps: new Float32Array([0, 1]),
    startIndices: new Uint32Array([0, 2]),
    trackId: new Int32Array(1),
    trackClass,
    timeSpanMs: undefined,
  });
  return [
    trackLayer({ ...common, buffers: tracks, trackClass, colors: CLASS_COLORS }).clone({ id: 'evidence-warm-up-tracks' }),
    detectionLayer({ ...common, buffers: detections }).clone({ id: 'evidence-warm-up-detections' }),
  ];
}

/**
 * A layer instance deck.gl may be handed again: one it never saw, or the one it holds now. Not one
 * it replaced by a newer instance or finalized (deck.gl's LIFECYCLE: a finalized layer cannot be
 * initialised again).
 */
function isLive(layer: Layer): boolean {
  const { lifecycle } = layer;
  return lifecycle === 'Awaiting state' || lifecycle === 'Initialized' || lifecycle.startsWith('Matched');
}
