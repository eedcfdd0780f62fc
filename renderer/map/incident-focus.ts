import { metersPerPixel } from './scale';

export const FOCUS_MIN_ZOOM = 7.5;
export const FOCUS_MAX_ZOOM = 10;
/** How large the uncertainty ring should appear after a flight to an incident. */
export const FOCUS_RING_RADIUS_PX = 40;

/** The zoom at which an uncertainty of `uncertaintyM` metres spans `ringRadiusPx` pixels, within [FOCUS_MIN_ZOOM, FOCUS_MAX_ZOOM]. */
export function focusZoomFor(uncertaintyM: number, latitude: number, ringRadiusPx = FOCUS_RING_RADIUS_PX): number {
  if (!(uncertaintyM > 0)) return FOCUS_MAX_ZOOM;
  const zoom = Math.log2(metersPerPixel(latitude, 0) / (uncertaintyM / ringRadiusPx));
  return Math.min(FOCUS_MAX_ZOOM, Math.max(FOCUS_MIN_ZOOM, zoom));
}
