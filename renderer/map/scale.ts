const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
/** deck.gl's Web Mercator: the world is 512 px wide at zoom 0. */
const WORLD_SIZE_PX_AT_ZOOM_0 = 512;

export function metersPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (WORLD_SIZE_PX_AT_ZOOM_0 * 2 ** zoom);
}

export interface ScaleBar {
  readonly widthPx: number;
  readonly label: string;
}

/** The longest round distance (1, 2 or 5 × 10^n m) that fits in `maxWidthPx`. */
export function scaleBarFor(latitude: number, zoom: number, maxWidthPx: number): ScaleBar {
  const mpp = metersPerPixel(latitude, zoom);
  const maxMeters = mpp * maxWidthPx;
  const magnitude = 10 ** Math.floor(Math.log10(maxMeters));
  const step = [5, 2, 1].map((m) => m * magnitude).find((candidate) => candidate <= maxMeters) ?? magnitude;
  const label = step >= 1000 ? `${step / 1000} km` : `${step} m`;
  return { widthPx: step / mpp, label };
}
