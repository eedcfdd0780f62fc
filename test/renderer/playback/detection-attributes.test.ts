import { describe, expect, it } from 'vitest';
import { classColors, filterRange, filterValues, interleavedPositions, FILTER_SIZE } from '../../../renderer/playback/detection-attributes';
import { maskOf, passesFilter, SHOW_ALL, type DetectionFilter } from '../../../renderer/playback/detection-filter';
import type { PlaybackDetections } from '../../../renderer/playback/playback-evidence';

function detections(count: number, seed: number): PlaybackDetections {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const col = <T extends Uint8Array | Float32Array>(make: (n: number) => T, f: (i: number) => number) => {
    const a = make(count);
    for (let i = 0; i < count; i++) a[i] = f(i);
    return a;
  };
  return {
    count,
    lon: col(
      (n) => new Float32Array(n),
      () => 30 + next(1000) / 100,
    ),
    lat: col(
      (n) => new Float32Array(n),
      () => 45 + next(1000) / 100,
    ),
    seconds: col(
      (n) => new Float32Array(n),
      (i) => i / 4,
    ),
    detectionClass: col(
      (n) => new Uint8Array(n),
      () => next(8),
    ),
    sensorKind: col(
      (n) => new Uint8Array(n),
      () => next(6),
    ),
    confidence: col(
      (n) => new Uint8Array(n),
      () => next(101),
    ),
    trackId: new Int32Array(count).fill(-1),
    sensorIndex: new Uint16Array(count),
    sensorIds: ['S-1'],
    chunkRow: Uint32Array.from({ length: count }, (_, i) => i),
    timeSpanMs: undefined,
  };
}

/** What the GPU does with the filter values and ranges, on the CPU. */
function gpuShows(values: Float32Array, i: number, ranges: [number, number][]): boolean {
  return ranges.every(([min, max], d) => values[FILTER_SIZE * i + d]! >= min && values[FILTER_SIZE * i + d]! <= max);
}

describe('the detections’ GPU attributes', () => {
  const d = detections(2000, 7);

  it('interleave positions and colour each detection by its class', () => {
    const positions = interleavedPositions(d);
    const colors = classColors(d, [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
      [13, 14, 15],
      [16, 17, 18],
      [19, 20, 21],
      [22, 23, 24],
    ]);
    for (let i = 0; i < d.count; i++) {
      expect([positions[2 * i], positions[2 * i + 1]]).toEqual([d.lon[i], d.lat[i]]);
      expect([...colors.subarray(4 * i, 4 * i + 4)]).toEqual([3 * d.detectionClass[i]! + 1, 3 * d.detectionClass[i]! + 2, 3 * d.detectionClass[i]! + 3, 255]);
    }
  });

  it('show on the GPU exactly the detections the filter passes within the time range', () => {
    const filters: DetectionFilter[] = [
      SHOW_ALL,
      { classMask: maskOf([0, 2, 7]), sensorKindMask: maskOf([1, 5]), minConfidence: 40 },
      { classMask: 0, sensorKindMask: maskOf([0]), minConfidence: 0 },
      { ...SHOW_ALL, minConfidence: 100 },
    ];
    for (const filter of filters) {
      const values = filterValues(d, filter);
      const ranges = filterRange(100, 300, filter);
      for (let i = 0; i < d.count; i++) {
        const expected = d.seconds[i]! >= 100 && d.seconds[i]! <= 300 && passesFilter(filter, d.detectionClass[i]!, d.sensorKind[i]!, d.confidence[i]!);
        expect(gpuShows(values, i, ranges)).toBe(expected);
      }
    }
  });
});
