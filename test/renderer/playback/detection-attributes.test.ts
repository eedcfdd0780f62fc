import { describe, expect, it } from 'vitest';
import { classColors, filterCategories, filterRange, filterValues, interleavedPositions, shownCategories, shownClasses, FILTER_SIZE } from '../../../renderer/playback/detection-attributes';
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

/** What DataFilterExtension does on the GPU with the filter values, ranges, categories and the shown categories' bitmask (category k is bit k), on the CPU. */
function gpuShows(values: Float32Array, categories: Uint32Array, i: number, ranges: [number, number][], shown: readonly number[]): boolean {
  const mask = [0, 0, 0, 0];
  for (const category of shown) mask[Math.floor(category / 32)]! |= 1 << (category % 32);
  const inRanges = ranges.every(([min, max], d) => values[FILTER_SIZE * i + d]! >= min && values[FILTER_SIZE * i + d]! <= max);
  return inRanges && ((mask[Math.floor(categories[i]! / 32)]! >>> (categories[i]! % 32)) & 1) === 1;
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
    const values = filterValues(d);
    const categories = filterCategories(d);
    for (const filter of filters) {
      const ranges = filterRange(100, 300, filter);
      for (let i = 0; i < d.count; i++) {
        const expected = d.seconds[i]! >= 100 && d.seconds[i]! <= 300 && passesFilter(filter, d.detectionClass[i]!, d.sensorKind[i]!, d.confidence[i]!);
        expect(gpuShows(values, categories, i, ranges, shownCategories(filter))).toBe(expected);
      }
    }
  });

  it('number the categories below the 128 bits of one mask, and list the same shown categories for the same filter', () => {
    expect(Math.max(...filterCategories(d))).toBeLessThan(128);
    const filter: DetectionFilter = { classMask: maskOf([1, 3]), sensorKindMask: maskOf([0, 4]), minConfidence: 0 };
    expect(shownCategories(filter)).toEqual([6, 10, 18, 22]);
    expect(shownCategories(filter)).toBe(shownCategories(filter));
    expect(shownCategories({ ...SHOW_ALL, classMask: 0 })).toEqual([]);
    expect(shownClasses(filter)).toEqual([1, 3]);
    expect(shownClasses(filter)).toBe(shownClasses(filter));
  });
});
