import { describe, expect, it } from 'vitest';
import { buildDetectionCountIndex } from '../../../renderer/playback/detection-count-index';
import { detectionHistogram } from '../../../renderer/playback/detection-histogram';
import { countSegments, segmentMeets, segmentsHistogram, type EvidenceSegments } from '../../../renderer/playback/evidence-segments';
import type { PlaybackEvidence } from '../../../renderer/playback/playback-evidence';
import { countWindow, createWindowCounts } from '../../../renderer/playback/window-counts';
import { decodedDetections, randomFilter, randomWindow } from './detection-counts-fixtures';
import { seededRandom } from '../../shared/evidence/evidence-fixtures';

/** The rows [from, to) of a decoded evidence as a bucket of its own, as a day's chunk would decode. */
function bucket(whole: PlaybackEvidence, from: number, to: number): PlaybackEvidence {
  const d = whole.detections;
  const detections = {
    ...d,
    count: to - from,
    seconds: d.seconds.subarray(from, to),
    detectionClass: d.detectionClass.subarray(from, to),
    sensorKind: d.sensorKind.subarray(from, to),
    confidence: d.confidence.subarray(from, to),
  };
  return { ...whole, detections, countIndex: buildDetectionCountIndex(detections.detectionClass, detections.sensorKind, detections.confidence), tracks: undefined };
}

describe('evidence in time buckets', () => {
  const whole = decodedDetections(12_000, 3);
  const cuts = [0, 2_500, 2_501, 7_000, 12_000];
  const day: EvidenceSegments = { windowStartMs: whole.windowStartMs, segments: cuts.slice(1).map((end, i) => bucket(whole, cuts[i]!, end)) };

  it('count and bin exactly what the evidence in one piece gives', () => {
    const random = seededRandom(5);
    const inBuckets = createWindowCounts();
    const inOne = createWindowCounts();
    for (let trial = 0; trial < 200; trial++) {
      const [fromS, toS] = randomWindow(random, whole.detections.seconds);
      const filter = randomFilter(random);
      countSegments(day, fromS, toS, filter, inBuckets);
      countWindow(whole.countIndex, whole.detections.seconds, fromS, toS, filter, inOne);
      expect([Array.from(inBuckets.shown), Array.from(inBuckets.matching), inBuckets.inWindow, inBuckets.total]).toEqual([
        Array.from(inOne.shown),
        Array.from(inOne.matching),
        inOne.inWindow,
        inOne.total,
      ]);
      if (fromS < toS && trial % 10 === 0) {
        const split = segmentsHistogram(day, fromS, toS, 37, filter);
        const one = detectionHistogram(whole.countIndex, whole.detections.seconds, fromS, toS, 37, filter);
        expect([Array.from(split.counts), split.maxBinTotal]).toEqual([Array.from(one.counts), one.maxBinTotal]);
      }
    }
  });

  it('say which buckets a time range meets', () => {
    const [first, , third] = day.segments;
    const lastOfFirst = first!.detections.seconds[first!.detections.count - 1]!;
    expect(segmentMeets(first!, lastOfFirst, lastOfFirst + 1)).toBe(true);
    expect(segmentMeets(third!, -10, third!.detections.seconds[0]! - 1e-3)).toBe(false);
  });
});
