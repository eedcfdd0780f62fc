import { describe, expect, it } from 'vitest';
import { metersPerPixel, scaleBarFor } from '../../../renderer/map/scale';

describe('map scale', () => {
  it('halves metres per pixel with each zoom level', () => {
    expect(metersPerPixel(48, 6) / metersPerPixel(48, 7)).toBeCloseTo(2, 9);
  });

  it('shrinks with latitude as the cosine', () => {
    expect(metersPerPixel(60, 5) / metersPerPixel(0, 5)).toBeCloseTo(0.5, 9);
  });

  it('picks a round length that fits the bar', () => {
    const bar = scaleBarFor(48, 5.6, 120);
    expect(bar.label).toMatch(/^(1|2|5|10|20|50|100|200|500) km$/);
    expect(bar.widthPx).toBeLessThanOrEqual(120);
    expect(bar.widthPx).toBeGreaterThan(120 / 2.5);
  });

  it('switches to metres when zoomed in', () => {
    expect(scaleBarFor(48, 16, 120).label).toMatch(/^\d+ m$/);
  });
});
