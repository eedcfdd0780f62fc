import type { DetectionColumns } from '../../shared/evidence/detections-codec';
import { epochMsAt, int64Words } from '../../shared/evidence/epoch-ms';

export const HOUR_MS = 3_600_000;
/** Cells are 0.1° square: cell_lon = ⌊lon × 10⌋, cell_lat = ⌊lat × 10⌋. */
export const CELLS_PER_DEGREE = 10;

/** Rows of `detection_cells` for one chunk, column by column: one per (hour, cell) with detections. */
export interface DetectionCells {
  readonly hour: readonly number[];
  readonly cellLon: readonly number[];
  readonly cellLat: readonly number[];
  readonly detections: readonly number[];
  readonly firstMs: readonly number[];
  readonly lastMs: readonly number[];
}

const LAT_SLOTS = 180 * CELLS_PER_DEGREE + 1;

/**
 * Counts a chunk's detections per hour and 0.1° cell, with the first and last time in each: the
 * coarse time/space index the map and queries use to find chunks. No object is built per row. The
 * cells come in primary-key order (hour, cell_lon, cell_lat), which SQLite inserts fastest.
 */
export function detectionCellsOf(columns: DetectionColumns): DetectionCells {
  const cells = countCells(columns);
  const order = Array.from(cells.hour.keys()).sort((a, b) => cells.hour[a]! - cells.hour[b]! || cells.cellLon[a]! - cells.cellLon[b]! || cells.cellLat[a]! - cells.cellLat[b]!);
  const pick = (values: readonly number[]) => order.map((i) => values[i]!);
  return {
    hour: pick(cells.hour),
    cellLon: pick(cells.cellLon),
    cellLat: pick(cells.cellLat),
    detections: pick(cells.detections),
    firstMs: pick(cells.firstMs),
    lastMs: pick(cells.lastMs),
  };
}

const LON_SLOTS = 360 * CELLS_PER_DEGREE + 1;
/**
 * Scratch grid over every 0.1° cell: the index + 1 of the cell last counted there, 0 when none.
 * A cache in front of the exact (hour, cell) map, reset after each chunk.
 */
let lastCellAt: Int32Array | undefined;

function countCells(columns: DetectionColumns): DetectionCells {
  const cells = { hour: [] as number[], cellLon: [] as number[], cellLat: [] as number[], detections: [] as number[], firstMs: [] as number[], lastMs: [] as number[] };
  const exact = new Map<number, Map<number, number>>();
  const grid = (lastCellAt ??= new Int32Array(LON_SLOTS * LAT_SLOTS));
  const touched: number[] = [];
  const words = int64Words(columns.timeMs);
  const { lon, lat } = columns;
  try {
    for (let row = 0; row < columns.timeMs.length; row++) {
      const ms = epochMsAt(words, row);
      const hour = Math.floor(ms / HOUR_MS);
      const cellLon = Math.floor(lon[row]! * CELLS_PER_DEGREE);
      const cellLat = Math.floor(lat[row]! * CELLS_PER_DEGREE);
      const slot = (cellLon + 180 * CELLS_PER_DEGREE) * LAT_SLOTS + (cellLat + 90 * CELLS_PER_DEGREE);
      let at = grid[slot]! - 1;
      if (at < 0 || cells.hour[at] !== hour) {
        // Not the cell last seen here: find or make this hour's cell, and remember it.
        let ofHour = exact.get(hour);
        if (ofHour === undefined) exact.set(hour, (ofHour = new Map()));
        at = ofHour.get(slot) ?? -1;
        if (at < 0) {
          at = cells.hour.length;
          ofHour.set(slot, at);
          cells.hour.push(hour);
          cells.cellLon.push(cellLon);
          cells.cellLat.push(cellLat);
          cells.detections.push(0);
          cells.firstMs.push(ms);
          cells.lastMs.push(ms);
        }
        if (grid[slot] === 0) touched.push(slot);
        grid[slot] = at + 1;
      }
      cells.detections[at]! += 1;
      if (ms < cells.firstMs[at]!) cells.firstMs[at] = ms;
      if (ms > cells.lastMs[at]!) cells.lastMs[at] = ms;
    }
  } finally {
    for (const slot of touched) grid[slot] = 0;
  }
  return cells;
}
