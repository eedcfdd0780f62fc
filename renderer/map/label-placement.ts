import type { Settlement } from '../../shared/basemap/types';
import type { LineMeasure } from '../../shared/geo/chainage';
import { pointAtKm } from '../../shared/geo/chainage';
import type { LonLat } from '../../shared/geo/types';

/** deck.gl's CollisionFilterExtension takes priorities in [-1000, 1000]; the higher one keeps its place. */
export const LINE_LABEL_PRIORITY = 1000;
const KM_PER_PRIORITY_STEP = 0.1;

export interface LineLabel {
  readonly position: LonLat;
  /** Degrees counter-clockwise on screen, kept upright (within ±90°). */
  readonly angle: number;
  readonly text: string;
}

/**
 * Settlements nearer the line win when labels collide (the basemap carries no population, so the
 * distance to the front is the only measure of how much a name matters to an incident).
 */
export function settlementLabelPriority(settlement: Pick<Settlement, 'kmToFront'>): number {
  const priority = LINE_LABEL_PRIORITY - 1 - Math.abs(settlement.kmToFront) / KM_PER_PRIORITY_STEP;
  return Math.max(-1000, Math.round(priority));
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
