import { describe, expect, it } from 'vitest';
import { FOCUS_MAX_ZOOM, FOCUS_MIN_ZOOM, focusZoomFor } from '../../../renderer/map/incident-focus';
import { metersPerPixel } from '../../../renderer/map/scale';

describe('zoom to an incident', () => {
  it('shows the uncertainty ring at the chosen radius', () => {
    const zoom = focusZoomFor(3000, 48, 40);
    expect(3000 / metersPerPixel(48, zoom)).toBeCloseTo(40, 6);
  });

  it('zooms further in for a smaller uncertainty', () => {
    expect(focusZoomFor(3000, 48)).toBeGreaterThan(focusZoomFor(6000, 48));
  });

  it('stays within its bounds', () => {
    expect(focusZoomFor(5, 48)).toBe(FOCUS_MAX_ZOOM);
    expect(focusZoomFor(200_000, 48)).toBe(FOCUS_MIN_ZOOM);
    expect(focusZoomFor(0, 48)).toBe(FOCUS_MAX_ZOOM);
  });
});
