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

  it('ranks bigger settlements first, whatever their distance to the line', () => {
    const city = settlementLabelPriority({ kmToFront: 40, population: 150_000 });
    const town = settlementLabelPriority({ kmToFront: 5, population: 20_000 });
    const village = settlementLabelPriority({ kmToFront: 0.5, population: 1_200 });
    const unknown = settlementLabelPriority({ kmToFront: 0, population: null });
    expect(city).toBeGreaterThan(town);
    expect(town).toBeGreaterThan(village);
    expect(village).toBeGreaterThan(unknown);
    expect(settlementLabelPriority({ kmToFront: 0, population: 900 })).toBe(unknown);
  });

  it('ranks settlements of about the same size nearer the line first, whichever side', () => {
    const near = settlementLabelPriority({ kmToFront: 1, population: 12_000 });
    const far = settlementLabelPriority({ kmToFront: 40, population: 15_000 });
    expect(near).toBeGreaterThan(far);
    expect(settlementLabelPriority({ kmToFront: -1, population: 12_000 })).toBe(near);
    expect(settlementLabelPriority({ kmToFront: 2, population: null })).toBeGreaterThan(settlementLabelPriority({ kmToFront: 30, population: null }));
  });

  it('keeps every settlement below the line label, within deck.gl’s range', () => {
    expect(settlementLabelPriority({ kmToFront: 0, population: 40_000_000 })).toBeLessThan(LINE_LABEL_PRIORITY);
    expect(settlementLabelPriority({ kmToFront: 0, population: 1_024_700 })).toBeLessThan(LINE_LABEL_PRIORITY);
    expect(settlementLabelPriority({ kmToFront: 10_000, population: null })).toBe(-1000);
  });
});
