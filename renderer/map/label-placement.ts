import type { Settlement } from '../../shared/basemap/types';
import type { LineMeasure } from '../../shared/geo/chainage';
import { pointAtKm } from '../../shared/geo/chainage';
import type { LonLat } from '../../shared/geo/types';

/** deck.gl's CollisionFilterExtension takes priorities in [-1000, 1000]; the higher one keeps its place. */
export const LINE_LABEL_PRIORITY = 1000;
const LOWEST_PRIORITY = -1000;
/** Population size classes: a quarter of a decade each (1,000–1,778, 1,778–3,162, …, up to 10 million). */
const CLASSES_PER_DECADE = 4;
/** log10(1,000): the population column comes from GeoNames cities1000, so a settlement without one is most likely smaller. */
const SMALLEST_LISTED_DECADE = 3;
const LARGEST_DECADE = 7;
/** Within a size class, one step per km nearer the line, up to this many km. */
const DISTANCE_STEPS = 100;

export interface LineLabel {
  readonly position: LonLat;
  /** Degrees counter-clockwise on screen, kept upright (within ±90°). */
  readonly angle: number;
  readonly text: string;
}

/**
 * Which settlement label keeps its place when labels collide: the bigger settlement (by its
 * population class), and within a class the one nearer the line. Every settlement ranks below the
 * line label.
 */
export function settlementLabelPriority(settlement: Pick<Settlement, 'kmToFront' | 'population'>): number {
  const nearness = DISTANCE_STEPS - 1 - Math.min(DISTANCE_STEPS - 1, Math.round(Math.abs(settlement.kmToFront)));
  return LOWEST_PRIORITY + sizeClass(settlement.population) * DISTANCE_STEPS + nearness;
}

/** 0 for an unknown population or one under 1,000; then one class per quarter decade. */
function sizeClass(population: number | null): number {
  if (population === null || population < 10 ** SMALLEST_LISTED_DECADE) return 0;
  const decades = Math.min(Math.log10(population), LARGEST_DECADE) - SMALLEST_LISTED_DECADE;
  return 1 + Math.floor(decades * CLASSES_PER_DECADE);
}

/** One label at the middle of the line, turned along it (a Mercator screen angle). */
export function lineLabel(line: LineMeasure, text: string): LineLabel {
  const middle = line.lengthKm / 2;
  const span = Math.min(10, line.lengthKm / 4);
  const [lon0, lat0] = pointAtKm(line, middle - span);
  const [lon1, lat1] = pointAtKm(line, middle + span);
  const cosLat = Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180);
  let angle = (Math.atan2((lat1 - lat0) / cosLat, lon1 - lon0) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle <= -90) angle += 180;
  return { position: pointAtKm(line, middle), angle, text };
}
