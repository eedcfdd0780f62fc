import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import type { DataFilterExtensionProps } from '@deck.gl/extensions';
import { bucketBuffers, bucketLayers, shaderWarmUpLayers, sliceCount } from '../../../renderer/playback/bucket-layers';
import { SHOW_ALL } from '../../../renderer/playback/detection-filter';
import { PlaybackClock } from '../../../renderer/playback/playback-clock';
import type { PlaybackEvidence, PlaybackTracks } from '../../../renderer/playback/playback-evidence';
import { decodePlaybackEvidence } from '../../../renderer/playback/decode-playback-evidence';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { syntheticDetections } from '../../shared/evidence/evidence-fixtures';

/** A decoded chunk whose detections all fall within [fromS, toS] seconds of the window start. */
function bucketAt(fromS: number, toS: number, windowStartMs: number): PlaybackEvidence {
  const columns = syntheticDetections(50, Math.round(fromS) + 1);
  columns.timeMs.forEach((_, i) => (columns.timeMs[i] = BigInt(Math.round(windowStartMs + (fromS + ((toS - fromS) * i) / 49) * 1000))));
  return decodePlaybackEvidence({ detections: encodeDetections(columns), windowStartMs });
}

const emptyTracks: PlaybackTracks = {
  count: 0,
  vertexCount: 0,
  positions: new Float32Array(0),
  timestamps: new Float32Array(0),
  startIndices: new Uint32Array(1),
  trackId: new Int32Array(0),
  trackClass: new Uint8Array(1),
  timeSpanMs: undefined,
};

function at(playheadS: number) {
  return new PlaybackClock({ window: { fromS: 0, toS: 4 * 3_600 }, playheadS, trailS: 900 }).snapshot();
}

describe('the layers of a day in time buckets', () => {
  const start = Date.UTC(2026, 10, 20);
  const buckets = [bucketAt(0, 3_600, start), bucketAt(3_600, 7_200, start), bucketAt(7_200, 14_400, start)];
  const filterProps = (layer: Layer | undefined) => layer!.props as unknown as DataFilterExtensionProps;
  const ids = (layers: Layer[]) => layers.map((layer) => `${layer.id}:${layer.props.visible}`);

  it('draw only the buckets that meet the visible range', () => {
    expect(ids(bucketLayers(buckets, at(5_000), SHOW_ALL))).toEqual(['evidence-detections-0:false', 'evidence-detections-1:true', 'evidence-detections-2:false']);
  });

  it('keep the same instances for hidden buckets from frame to frame, new ones for the visible bucket and on a filter change', () => {
    const first = bucketLayers(buckets, at(5_000), SHOW_ALL);
    const next = bucketLayers(buckets, at(5_010), SHOW_ALL);
    expect(next[0]).toBe(first[0]);
    expect(next[2]).toBe(first[2]);
    expect(next[1]).not.toBe(first[1]);
    expect(filterProps(next[1]).filterRange).not.toEqual(filterProps(first[1]).filterRange);
    const filtered = bucketLayers(buckets, at(5_010), { ...SHOW_ALL, classMask: 1 });
    expect(filtered[0]).not.toBe(next[0]);
    expect(filterProps(filtered[0]).filterCategories).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('draw a bucket’s tracks without its detections when only the tracks meet the visible range', () => {
    const withDayTracks: PlaybackEvidence = { ...buckets[0]!, tracks: { ...emptyTracks, count: 1, timeSpanMs: { minMs: start, maxMs: start + 4 * 3_600_000 } } };
    expect(ids(bucketLayers([withDayTracks], at(10_000), SHOW_ALL))).toEqual(['evidence-tracks-0:true', 'evidence-detections-0:false']);
    expect(ids(bucketLayers([withDayTracks], at(1_000), SHOW_ALL))).toEqual(['evidence-tracks-0:true', 'evidence-detections-0:true']);
  });

  it('wrap each bucket’s buffers once, so deck.gl uploads nothing again', () => {
    expect(bucketBuffers(buckets[1]!)).toBe(bucketBuffers(buckets[1]!));
    expect(bucketBuffers(buckets[1]!).detections[0]!.buffers.attributes.getFilterCategory.value).toBe(buckets[1]!.mapAttributes.filterCategories);
  });

  it('hand over only the first `handed` slices, in bucket order', () => {
    expect(ids(bucketLayers(buckets, at(5_000), SHOW_ALL, 2))).toEqual(['evidence-detections-0:false', 'evidence-detections-1:true']);
    expect(bucketLayers(buckets, at(5_000), SHOW_ALL, 0)).toEqual([]);
    expect(sliceCount(buckets)).toBe(3);
  });

  it('compile the evidence’s shaders with hidden one-row layers of the same kinds', () => {
    const warmUp = shaderWarmUpLayers();
    expect(ids(warmUp)).toEqual(['evidence-warm-up-tracks:false', 'evidence-warm-up-detections:false']);
    const [tracks, detections] = bucketLayers([{ ...buckets[0]!, tracks: { ...emptyTracks, count: 1, timeSpanMs: { minMs: start, maxMs: start + 1 } } }], at(0), SHOW_ALL);
    expect(warmUp.map((layer) => layer.constructor)).toEqual([tracks!.constructor, detections!.constructor]);
    expect(warmUp.map((layer) => layer.props.extensions)).toEqual([tracks!.props.extensions, detections!.props.extensions]);
  });
});
