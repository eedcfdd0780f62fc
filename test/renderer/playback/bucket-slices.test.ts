import { describe, expect, it } from 'vitest';
import { detectionSlices, evenSlices, MAX_SLICE_DETECTIONS, trackSlices, trackSlicesOf } from '../../../renderer/playback/bucket-slices';
import { decodePlaybackEvidence } from '../../../renderer/playback/decode-playback-evidence';
import { evidencePick } from '../../../renderer/playback/evidence-layers';
import { bucketLayers, sliceCount } from '../../../renderer/playback/bucket-layers';
import { SHOW_ALL } from '../../../renderer/playback/detection-filter';
import { PlaybackClock } from '../../../renderer/playback/playback-clock';
import type { PlaybackEvidence, PlaybackTracks } from '../../../renderer/playback/playback-evidence';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { syntheticDetections } from '../../shared/evidence/evidence-fixtures';
import type { PickingInfo } from '@deck.gl/core';

const START_MS = Date.UTC(2026, 10, 20);

/** `count` detections one second apart from second 0. */
function bucket(count = 100): PlaybackEvidence {
  const columns = syntheticDetections(count, 7);
  columns.timeMs.forEach((_, i) => (columns.timeMs[i] = BigInt(START_MS + i * 1000)));
  return decodePlaybackEvidence({ detections: encodeDetections(columns), windowStartMs: START_MS });
}

/** Tracks of the given vertex counts, vertex v of the day at second v. */
function tracksOf(lengths: number[]): PlaybackTracks {
  const startIndices = new Uint32Array(lengths.length + 1);
  lengths.forEach((length, i) => (startIndices[i + 1] = startIndices[i]! + length));
  const vertexCount = startIndices[lengths.length]!;
  return {
    count: lengths.length,
    vertexCount,
    positions: Float32Array.from({ length: 2 * vertexCount }, (_, i) => i),
    timestamps: Float32Array.from({ length: vertexCount }, (_, v) => v),
    startIndices,
    trackId: Int32Array.from(lengths, (_, i) => 100 + i),
    trackClass: Uint8Array.from(lengths, (_, i) => i % 3),
    timeSpanMs: { minMs: START_MS, maxMs: START_MS + (vertexCount - 1) * 1000 },
  };
}

describe('a bucket in slices', () => {
  it('splits rows into the fewest slices of at most the maximum, covering every row once', () => {
    expect(evenSlices(0, 4)).toEqual([]);
    expect(evenSlices(4, 4)).toEqual([{ start: 0, end: 4 }]);
    expect(evenSlices(10, 4)).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 10 },
    ]);
    for (const count of [1, 7, 999, 1_000_001]) {
      const slices = evenSlices(count, 250_000);
      expect(slices[0]!.start).toBe(0);
      expect(slices.at(-1)!.end).toBe(count);
      slices.forEach((slice, k) => {
        expect(slice.end - slice.start).toBeLessThanOrEqual(250_000);
        expect(slice.end).toBeGreaterThan(slice.start);
        if (k > 0) expect(slice.start).toBe(slices[k - 1]!.end);
      });
    }
  });

  it('groups whole tracks within the vertex bound, a longer track alone', () => {
    const starts = (lengths: number[]) => tracksOf(lengths).startIndices;
    expect(trackSlices(starts([3, 3, 3, 3]), 4, 6)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(trackSlices(starts([2, 9, 2, 2]), 4, 5)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(trackSlices(starts([]), 0, 5)).toEqual([]);
  });

  it('views the detections’ columns per slice, with each slice’s time span', () => {
    const evidence = bucket();
    const slices = detectionSlices(evidence, 30);
    expect(slices.map((s) => s.first)).toEqual([0, 25, 50, 75]);
    expect(slices[1]!.buffers.length).toBe(25);
    expect(slices[1]!.span).toEqual({ fromS: 25, toS: 49 });
    const positions = slices[1]!.buffers.attributes.getPosition.value;
    expect(positions.buffer).toBe(evidence.mapAttributes.positions.buffer);
    expect([...positions.subarray(0, 2)]).toEqual([...evidence.mapAttributes.positions.subarray(50, 52)]);
    expect(slices[3]!.buffers.attributes.getFilterCategory.value.length).toBe(25);
    expect(detectionSlices(evidence)).toHaveLength(1);
  });

  it('rebases each track slice’s start indices and keeps its classes and span', () => {
    const evidence: PlaybackEvidence = { ...bucket(), tracks: tracksOf([3, 3, 3, 3]) };
    const [first, second] = trackSlicesOf(evidence, 6);
    expect(first!.first).toBe(0);
    expect(second!.first).toBe(2);
    expect([...second!.buffers.startIndices]).toEqual([0, 3, 6]);
    expect([...second!.buffers.attributes.getTimestamps.value]).toEqual([6, 7, 8, 9, 10, 11]);
    expect([...second!.buffers.attributes.getPath.value.subarray(0, 2)]).toEqual([12, 13]);
    expect([...second!.trackClass]).toEqual([2, 0]);
    expect(second!.span).toEqual({ fromS: 6, toS: 11 });
    expect(trackSlicesOf(evidence)).toHaveLength(1);
  });

  it('draws a sliced bucket as one layer per slice, only the slices in the window visible, and picks the bucket’s row', () => {
    const snapshot = (playheadS: number) => new PlaybackClock({ window: { fromS: 0, toS: 600_000 }, playheadS, trailS: 900 }).snapshot();
    const ids = (layers: { id: string; props: { visible: boolean } }[]) => layers.map((layer) => `${layer.id}:${layer.props.visible}`);
    expect(ids(bucketLayers([bucket()], snapshot(30), SHOW_ALL))).toEqual(['evidence-detections-0:true']);
    const large = [bucket(), bucket(MAX_SLICE_DETECTIONS + 1)];
    expect(ids(bucketLayers(large, snapshot(100_000), SHOW_ALL))).toEqual(['evidence-detections-0:false', 'evidence-detections-1:true', 'evidence-detections-1-125000:false']);
    expect(ids(bucketLayers(large, snapshot(100_000), SHOW_ALL, 2))).toEqual(['evidence-detections-0:false', 'evidence-detections-1:true']);
    expect(sliceCount(large)).toBe(3);
    const pick = (id: string, index: number) => evidencePick({ layer: { id }, index } as unknown as PickingInfo);
    expect(pick('evidence-detections-3-250000', 7)).toEqual({ kind: 'detection', segment: 3, row: 250_007 });
    expect(pick('evidence-tracks-10-4200', 1)).toEqual({ kind: 'track', segment: 10, index: 4201 });
    expect(pick('evidence-detections-2', 5)).toEqual({ kind: 'detection', segment: 2, row: 5 });
    expect(pick('evidence-warm-up-detections', 0)).toBeUndefined();
  });
});
