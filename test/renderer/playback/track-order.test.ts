import { describe, expect, it } from 'vitest';
import type { PlaybackTracks } from '../../../renderer/playback/playback-evidence';
import { tracksByStart } from '../../../renderer/playback/track-order';

/** Tracks whose vertices are given as their seconds; a vertex's position is (10 × seconds, −seconds). */
function tracksOf(vertexSeconds: number[][]): PlaybackTracks {
  const startIndices = new Uint32Array(vertexSeconds.length + 1);
  vertexSeconds.forEach((track, i) => (startIndices[i + 1] = startIndices[i]! + track.length));
  const timestamps = Float32Array.from(vertexSeconds.flat());
  return {
    count: vertexSeconds.length,
    vertexCount: timestamps.length,
    positions: Float32Array.from([...timestamps].flatMap((s) => [10 * s, -s])),
    timestamps,
    startIndices,
    trackId: Int32Array.from(vertexSeconds, (_, i) => 100 + i),
    trackClass: Uint8Array.from(vertexSeconds, (_, i) => i),
    timeSpanMs: undefined,
  };
}

describe('tracks in start order', () => {
  it('reorders whole tracks by their first vertex, ties in chunk order, with their ids, classes and vertices', () => {
    const sorted = tracksByStart(tracksOf([[50, 60], [10, 20, 30], [50], [5, 70]]));
    expect([...sorted.trackId]).toEqual([103, 101, 100, 102]);
    expect([...sorted.trackClass]).toEqual([3, 1, 0, 2]);
    expect([...sorted.startIndices]).toEqual([0, 2, 5, 7, 8]);
    expect([...sorted.timestamps]).toEqual([5, 70, 10, 20, 30, 50, 60, 50]);
    expect([...sorted.positions.subarray(4, 6)]).toEqual([100, -10]);
    expect(sorted.vertexCount).toBe(8);
  });

  it('keeps tracks already in order as they are, the same object', () => {
    const tracks = tracksOf([[1, 2], [1], [3, 4]]);
    expect(tracksByStart(tracks)).toBe(tracks);
  });

  it('puts tracks without vertices first', () => {
    expect([...tracksByStart(tracksOf([[3], [], [1]])).trackId]).toEqual([101, 102, 100]);
  });
});
