import { describe, expect, it } from 'vitest';
import { WebMercatorViewport } from '@deck.gl/core';
import type { LonLat } from '../../../shared/geo/types';
import { viewFitting } from '../../../renderer/map/fit-view';

const LINE: LonLat[] = [
  [32.6, 46.6],
  [35.4, 47.6],
  [37.9, 48.4],
  [38.3, 50.1],
];

describe('fitting the line into the map', () => {
  it('keeps every vertex inside the padded map', () => {
    for (const [width, height] of [
      [480, 680],
      [1100, 700],
    ] as const) {
      const view = viewFitting(LINE, width, height, 24)!;
      const viewport = new WebMercatorViewport({ width, height, ...view });
      for (const vertex of LINE) {
        const [x, y] = viewport.project([...vertex]);
        expect(x).toBeGreaterThanOrEqual(24 - 1e-6);
        expect(x).toBeLessThanOrEqual(width - 24 + 1e-6);
        expect(y).toBeGreaterThanOrEqual(24 - 1e-6);
        expect(y).toBeLessThanOrEqual(height - 24 + 1e-6);
      }
    }
  });

  it('zooms further in on a wider map', () => {
    expect(viewFitting(LINE, 1100, 700, 24)!.zoom).toBeGreaterThan(viewFitting(LINE, 480, 700, 24)!.zoom);
  });

  it('gives nothing for a map smaller than its padding', () => {
    expect(viewFitting(LINE, 40, 600, 24)).toBeUndefined();
    expect(viewFitting([], 600, 600, 24)).toBeUndefined();
  });
});
