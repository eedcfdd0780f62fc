import { describe, expect, it } from 'vitest';
import { measureLine } from '../../../shared/geo/chainage';
import { LINE_LABEL_PRIORITY, lineLabel, settlementLabelPriority } from '../../../renderer/map/label-placement';

describe('basemap label placement', () => {
  it('puts one line label at the middle of the line, turned along it and kept upright', () => {
    const eastward = lineLabel(
      measureLine([
        [36, 48],
        [38, 48],
      ]),
      'Line',
    );
    expect(eastward.position[0]).toBeCloseTo(37, 1);
    expect(eastward.angle).toBeCloseTo(0, 1);
    const westward = lineLabel(
      measureLine([
        [38, 48],
        [36, 48],
      ]),
      'Line',
    );
    expect(westward.angle).toBeCloseTo(0, 1);
    const southward = lineLabel(
      measureLine([
        [37, 49],
        [37, 47],
      ]),
      'Line',
    );
    expect(Math.abs(southward.angle)).toBeCloseTo(90, 1);
    const northEast = lineLabel(
      measureLine([
        [36, 47],
        [37, 48],
      ]),
      'Line',
    );
    expect(northEast.angle).toBeGreaterThan(45); // Mercator stretches north-south at 47.5°N
    expect(northEast.angle).toBeLessThan(65);
  });

  it('ranks settlements nearer the line first, all below the line label, within deck.gl’s range', () => {
    const near = settlementLabelPriority({ kmToFront: 1 });
    const far = settlementLabelPriority({ kmToFront: 40 });
    expect(near).toBeGreaterThan(far);
    expect(near).toBeLessThan(LINE_LABEL_PRIORITY);
    expect(settlementLabelPriority({ kmToFront: -1 })).toBe(near);
    expect(settlementLabelPriority({ kmToFront: 10_000 })).toBe(-1000);
  });
});
