import { describe, expect, it } from 'vitest';
import { SHOW_ALL } from '../../../renderer/playback/detection-filter';
import { countWindow, createWindowCounts } from '../../../renderer/playback/window-counts';
import { seededRandom } from '../../shared/evidence/evidence-fixtures';
import { decodedDetections, passes, randomFilter, randomWindow } from './detection-counts-fixtures';

/** Every row looked at: what countWindow must agree with. */
function bruteForce(evidence: ReturnType<typeof decodedDetections>, fromS: number, toS: number, filter: ReturnType<typeof randomFilter>) {
  const d = evidence.detections;
  const shown = new Array<number>(8).fill(0);
  const matching = new Array<number>(8).fill(0);
  let inWindow = 0;
  const [from, to] = [Math.fround(fromS), Math.fround(toS)];
  for (let row = 0; row < d.count; row++) {
    const inside = d.seconds[row]! >= from && d.seconds[row]! <= to;
    if (inside) inWindow++;
    if (!passes(evidence, filter, row)) continue;
    matching[d.detectionClass[row]!]!++;
    if (inside) shown[d.detectionClass[row]!]!++;
  }
  return { shown, shownTotal: shown.reduce((a, b) => a + b), matching, matchingTotal: matching.reduce((a, b) => a + b), inWindow, total: d.count };
}

describe('detections counted in a window', () => {
  it.each([
    ['times to the millisecond', 1],
    ['many detections at the same second', 10_000],
  ])('agree with a brute-force count for random windows and filters (%s)', (_, tieMs) => {
    const evidence = decodedDetections(30_000, tieMs + 3, tieMs);
    const random = seededRandom(tieMs + 17);
    const counts = createWindowCounts();
    for (let trial = 0; trial < 300; trial++) {
      const [fromS, toS] = randomWindow(random, evidence.detections.seconds);
      const filter = randomFilter(random);
      countWindow(evidence.countIndex, evidence.detections.seconds, fromS, toS, filter, counts);
      const expected = bruteForce(evidence, fromS, toS, filter);
      expect({ ...counts, shown: Array.from(counts.shown), matching: Array.from(counts.matching) }, `window [${fromS}, ${toS}] ${JSON.stringify(filter)}`).toEqual(expected);
    }
  });

  it('is exact at every confidence threshold from 0 to 100', () => {
    const evidence = decodedDetections(20_000, 9);
    const counts = createWindowCounts();
    for (let minConfidence = 0; minConfidence <= 100; minConfidence++) {
      const filter = { classMask: 0b1011_0111, sensorKindMask: 0b11_1011, minConfidence };
      countWindow(evidence.countIndex, evidence.detections.seconds, 20_000, 50_000, filter, counts);
      const expected = bruteForce(evidence, 20_000, 50_000, filter);
      expect([Array.from(counts.shown), Array.from(counts.matching)], `minimum confidence ${minConfidence}`).toEqual([expected.shown, expected.matching]);
    }
  });

  it('counts everything with no filter over the whole window, and nothing in an empty one', () => {
    const evidence = decodedDetections(5_000, 2);
    const counts = countWindow(evidence.countIndex, evidence.detections.seconds, -1, 1e6, SHOW_ALL, createWindowCounts());
    expect([counts.shownTotal, counts.matchingTotal, counts.inWindow, counts.total]).toEqual([5_000, 5_000, 5_000, 5_000]);
    countWindow(evidence.countIndex, evidence.detections.seconds, 10, 5, SHOW_ALL, counts);
    expect([counts.shownTotal, counts.inWindow]).toEqual([0, 0]);
  });

  it('rounds the window ends to float32 as the GPU filter range does: an end a hair off a detection still takes it in', () => {
    const evidence = decodedDetections(2_000, 4);
    const seconds = evidence.detections.seconds;
    const row = 1_234;
    const s = seconds[row]!;
    const hair = 2 ** (Math.floor(Math.log2(s)) - 26);
    expect(Math.fround(s - hair)).toBe(s);
    const counts = countWindow(evidence.countIndex, seconds, s + hair, s - hair, SHOW_ALL, createWindowCounts());
    expect(counts.inWindow).toBe(seconds.filter((value) => value === s).length);
  });

  it('refuses a minimum confidence outside 0–100', () => {
    const evidence = decodedDetections(100, 2);
    expect(() => countWindow(evidence.countIndex, evidence.detections.seconds, 0, 1, { ...SHOW_ALL, minConfidence: 101 }, createWindowCounts())).toThrow('minimum confidence 101 is outside 0–100');
  });
});
