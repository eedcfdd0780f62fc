import { describe, expect, it } from 'vitest';
import { singleSegment } from '../../../renderer/playback/evidence-segments';
import { ALL_CLASSES_MASK } from '../../../renderer/playback/detection-filter';
import { countPanel, countsSummary, createPanelCounts, everyClassOf, filteredNote, formatCompactCount, maskedSum } from '../../../renderer/playback/live-counts';
import { evidenceTotals, LiveCountTargets } from '../../../renderer/playback/live-count-targets';
import { countWindow, createWindowCounts } from '../../../renderer/playback/window-counts';
import { seededRandom } from '../../shared/evidence/evidence-fixtures';
import { decodedDetections, randomFilter, randomWindow } from './detection-counts-fixtures';

describe('the panel counts', () => {
  it('total what countWindow counts under the whole filter, and per class ignore only the class toggles', () => {
    const evidence = decodedDetections(5_000, 7);
    const random = seededRandom(11);
    const panel = createPanelCounts();
    const direct = createWindowCounts();
    const perClass = createWindowCounts();
    for (let trial = 0; trial < 100; trial++) {
      const [fromS, toS] = randomWindow(random, evidence.detections.seconds);
      const filter = randomFilter(random);
      countPanel(singleSegment(evidence), { fromS, toS }, filter, everyClassOf(filter), panel);
      countWindow(evidence.countIndex, evidence.detections.seconds, fromS, toS, filter, direct);
      countWindow(evidence.countIndex, evidence.detections.seconds, fromS, toS, { ...filter, classMask: ALL_CLASSES_MASK }, perClass);
      expect([panel.shown, panel.matching, panel.total]).toEqual([direct.shownTotal, direct.matchingTotal, direct.total]);
      expect(Array.from(panel.perClass.shown)).toEqual(Array.from(perClass.shown));
    }
  });

  it('sums only the entries in the mask', () => {
    expect(maskedSum(new Float64Array([1, 10, 100, 1000]), 0b1010)).toBe(1010);
    expect(maskedSum(new Float64Array([1, 10]), 0)).toBe(0);
  });

  it('says N of M in words, and what the filters hide', () => {
    expect(countsSummary(1234, 5041)).toBe('1,234 of 5,041 detections in the window');
    expect(countsSummary(0, 1)).toBe('0 of 1 detection in the window');
    expect(filteredNote(5041, 5041)).toBe('');
    expect(filteredNote(41, 5041)).toBe('filters hide 5,000 of 5,041');
  });

  it('writes class counts in at most five characters', () => {
    expect([0, 9_999, 10_000, 12_345, 999_499, 4_560_000, 10_000_000].map(formatCompactCount)).toEqual(['0', '9,999', '10K', '12.3K', '999K', '4.56M', '10M']);
  });
});

class FakeElement {
  textContent: string | null = '';
  writes = 0;
  readonly attributes = new Map<string, string>();
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
    this.writes++;
  }
}

describe('live count targets', () => {
  const counts = (shown: number[], matching: number, total: number) => {
    const panel = createPanelCounts();
    panel.perClass.shown.set(shown);
    panel.shown = shown.reduce((a, b) => a + b);
    panel.matching = matching;
    panel.total = total;
    return panel;
  };

  it('writes the summary, the note and each class, and again only what changed', () => {
    const targets = new LiveCountTargets();
    const [total, note, mlrs, uav] = [new FakeElement(), new FakeElement(), new FakeElement(), new FakeElement()];
    targets.totalRef(total);
    targets.noteRef(note);
    targets.classRefs[2]!(mlrs);
    targets.classRefs[3]!(uav);
    targets.show(counts([0, 0, 12, 3, 0, 0, 0, 0], 40, 50));
    expect(total.textContent).toBe('15 of 40 detections in the window');
    expect([...total.attributes]).toEqual([
      ['data-shown', '15'],
      ['data-matching', '40'],
      ['data-total', '50'],
    ]);
    expect(note.textContent).toBe('filters hide 10 of 50');
    expect([mlrs.textContent, uav.textContent]).toEqual(['12', '3']);
    const writes = [total.writes, mlrs.writes, uav.writes];
    targets.show(counts([0, 0, 12, 4, 0, 0, 0, 0], 40, 50));
    expect([total.writes, mlrs.writes, uav.writes]).toEqual([writes[0]! + 3, writes[1], writes[2]! + 1]);
    expect(uav.textContent).toBe('4');
  });

  it('gives an element attached later the last counts, and writes all again after a reset', () => {
    const targets = new LiveCountTargets();
    targets.show(counts([1, 0, 0, 0, 0, 0, 0, 0], 1, 1));
    const total = new FakeElement();
    const artillery = new FakeElement();
    targets.totalRef(total);
    targets.classRefs[0]!(artillery);
    expect([total.textContent, artillery.textContent]).toEqual(['1 of 1 detection in the window', '1']);
    targets.reset();
    const before = artillery.writes;
    targets.show(counts([1, 0, 0, 0, 0, 0, 0, 0], 1, 1));
    expect(artillery.writes).toBe(before + 1);
  });
});

describe('evidence totals', () => {
  it('count the whole evidence per class and per sensor kind', () => {
    const evidence = decodedDetections(2_000, 5);
    const { perClass, perKind } = evidenceTotals([evidence.countIndex]);
    const d = evidence.detections;
    const expectedClass = new Array<number>(8).fill(0);
    const expectedKind = new Array<number>(6).fill(0);
    for (let row = 0; row < d.count; row++) {
      expectedClass[d.detectionClass[row]!]!++;
      expectedKind[d.sensorKind[row]!]!++;
    }
    expect(perClass).toEqual(expectedClass);
    expect(perKind).toEqual(expectedKind);
  });
});
