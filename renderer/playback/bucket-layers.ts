import type { Layer } from '@deck.gl/core';
import { CLASS_COLORS } from './class-colors';
import type { DetectionFilter } from './detection-filter';
import { detectionBuffers, evidenceLayers, trackBuffers, type DetectionBuffers, type TrackBuffers } from './evidence-layers';
import { detectionsSpan, spanMeets, tracksSpan } from './evidence-segments';
import type { PlaybackSnapshot } from './playback-clock';
import type { PlaybackEvidence } from './playback-evidence';

// The map's evidence for one frame, one pair of layers per time bucket, as the desk, the session
// window and the benchmark draw it. Each bucket's GPU data is wrapped once; its identity, kept
// per bucket, tells deck.gl that nothing is to be uploaded again.

export interface BucketBuffers {
  readonly detections: DetectionBuffers;
  readonly tracks: TrackBuffers | undefined;
}

const wrapped = new WeakMap<PlaybackEvidence, BucketBuffers>();

/** The bucket's binary data for deck.gl, the same object every time for the same bucket. */
export function bucketBuffers(bucket: PlaybackEvidence): BucketBuffers {
  let buffers = wrapped.get(bucket);
  if (!buffers) {
    buffers = { detections: detectionBuffers(bucket.mapAttributes), tracks: bucket.tracks && trackBuffers(bucket.tracks) };
    wrapped.set(bucket, buffers);
  }
  return buffers;
}

interface HiddenLayers {
  readonly key: string;
  readonly filter: DetectionFilter;
  readonly layers: Layer[];
}

const hidden = new WeakMap<PlaybackEvidence, HiddenLayers>();

/**
 * Every bucket's layers; a bucket's detections or tracks whose span misses the visible range are not
 * drawn (`visible: false`), and a wholly hidden bucket keeps the same layer instances from frame to
 * frame, which deck.gl takes as
 * unchanged without comparing their props: a frame costs the visible buckets only.
 */
export function bucketLayers(buckets: readonly PlaybackEvidence[], snapshot: PlaybackSnapshot, filter: DetectionFilter): Layer[] {
  const { fromS, toS } = snapshot.visible;
  return buckets.flatMap((bucket, index) => {
    const visible = spanMeets(detectionsSpan(bucket), fromS, toS);
    const tracksVisible = spanMeets(tracksSpan(bucket), fromS, toS);
    const key = `${index}:${snapshot.mode}:${snapshot.playing}`;
    const kept = visible || tracksVisible ? undefined : hidden.get(bucket);
    if (kept && kept.key === key && kept.filter === filter && kept.layers.every(isLive)) return kept.layers;
    const { detections, tracks } = bucketBuffers(bucket);
    const layers = evidenceLayers({
      segment: index,
      visible,
      tracksVisible,
      detections,
      tracks: tracks && { buffers: tracks, trackClass: bucket.tracks!.trackClass },
      colors: CLASS_COLORS,
      snapshot,
      filter,
    });
    if (!visible && !tracksVisible) hidden.set(bucket, { key, filter, layers });
    return layers;
  });
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
