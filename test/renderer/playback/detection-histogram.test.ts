import { describe, expect, it } from 'vitest';
import { CLASS_COUNT } from '../../../renderer/playback/detection-count-index';
import { SHOW_ALL } from '../../../renderer/playback/detection-filter';
import { detectionHistogram, histogramCount, histogramEdges } from '../../../renderer/playback/detection-histogram';
import { seededRandom } from '../../shared/evidence/evidence-fixtures';
import { decodedDetections, passes, randomFilter, randomWindow } from './detection-counts-fixtures';

describe('the detection histogram', () => {
  it.each([
    ['times to the millisecond', 1],
    ['many detections at the same second', 60_000],
  ])('agrees with a brute-force binning for random windows, bin counts and filters (%s)', (_, tieMs) => {
    const evidence = decodedDetections(20_000, tieMs + 5, tieMs);
    const d = evidence.detections;
    const random = seededRandom(tieMs + 23);
    for (let trial = 0; trial < 60; trial++) {
      const [fromS, drawnToS] = randomWindow(random, d.seconds);
      const toS = drawnToS > fromS ? drawnToS : fromS + 1;
      const bins = 1 + Math.floor(random() * 300);
      const filter = randomFilter(random);
      const histogram = detectionHistogram(evidence.countIndex, d.seconds, fromS, toS, bins, filter);
      const edges = histogramEdges(fromS, toS, bins);
      const expected = new Uint32Array(bins * CLASS_COUNT);
      for (let row = 0; row < d.count; row++) {
        const s = d.seconds[row]!;
        if (!passes(evidence, filter, row) || s < edges[0]! || s > edges[bins]!) continue;
        let bin = 0;
        while (bin < bins - 1 && s >= edges[bin + 1]!) bin++;
        expected[bin * CLASS_COUNT + d.detectionClass[row]!]!++;
      }
      expect(Array.from(histogram.counts), `[${fromS}, ${toS}] in ${bins} bins, ${JSON.stringify(filter)}`).toEqual(Array.from(expected));
      const totals = Array.from({ length: bins }, (_, b) => expected.subarray(b * CLASS_COUNT, (b + 1) * CLASS_COUNT).reduce((a, c) => a + c, 0));
      expect(Array.from(histogram.binTotals)).toEqual(totals);
      expect(histogram.maxBinTotal).toBe(Math.max(...totals));
    }
  });

  it('stacks per class, and holds every detection of the window once', () => {
    const evidence = decodedDetections(10_000, 8);
    const histogram = detectionHistogram(evidence.countIndex, evidence.detections.seconds, 0, 86_400, 24, SHOW_ALL);
    expect(histogram.binTotals.reduce((a, b) => a + b, 0)).toBe(10_000);
    for (let c = 0; c < CLASS_COUNT; c++) {
      const ofClass = evidence.detections.detectionClass.filter((cls) => cls === c).length;
      expect(Array.from({ length: 24 }, (_, b) => histogramCount(histogram, b, c)).reduce((a, b) => a + b, 0)).toBe(ofClass);
    }
  });

  it('refuses no bins or an empty window', () => {
    expect(() => histogramEdges(0, 10, 0)).toThrow(/whole number of bins/);
    expect(() => histogramEdges(5, 5, 10)).toThrow(/histogram window \[5, 5\] is empty/);
  });
});
