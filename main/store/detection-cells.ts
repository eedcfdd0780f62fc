import type { DetectionColumns } from '../../shared/evidence/detections-codec';
import { epochMsAt, int64Words } from '../../shared/evidence/epoch-ms';

export const HOUR_MS = 3_600_000;
/** Cells are 0.1° square: cell_lon = ⌊lon × 10⌋, cell_lat = ⌊lat × 10⌋. */
export const CELLS_PER_DEGREE = 10;
/**
 * Cells counted in memory before they are handed on: a chunk spread over years (one cell per
 * detection) costs this much memory, not its number of hours or rows.
 */
export const MAX_CELLS_IN_MEMORY = 65_536;

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
 * coarse time/space index the map and queries use to find chunks. No object is built per row. At
 * most `maxCells` cells are held: when that many are counted they go to `flush` and counting goes
 * on afresh, so one (hour, cell) can reach `flush` in several batches whose counts add up. Each
 * batch comes in primary-key order (hour, cell_lon, cell_lat), which SQLite inserts fastest.
 */
export function countDetectionCells(columns: DetectionColumns, flush: (cells: DetectionCells) => void, maxCells = MAX_CELLS_IN_MEMORY): void {
  let cells = emptyCells();
  let byHour = new Map<number, Map<number, number>>();
  const words = int64Words(columns.timeMs);
  // Rows mostly come in time order: the hour's cells are looked up again only when a time leaves it.
  let hourStartMs = Infinity;
  let hourEndMs = -Infinity;
  let hour = Number.NaN;
  let currentCells = new Map<number, number>();
  for (let row = 0; row < columns.timeMs.length; row++) {
    const ms = epochMsAt(words, row);
    if (cells.hour.length >= maxCells) {
      flush(inKeyOrder(cells));
      cells = emptyCells();
      byHour = new Map();
      hourStartMs = Infinity;
    }
    if (ms < hourStartMs || ms >= hourEndMs) {
      hour = Math.floor(ms / HOUR_MS);
      hourStartMs = hour * HOUR_MS;
      hourEndMs = hourStartMs + HOUR_MS;
      currentCells = byHour.get(hour) ?? new Map<number, number>();
      byHour.set(hour, currentCells);
    }
    const cellLon = Math.floor(columns.lon[row]! * CELLS_PER_DEGREE);
    const cellLat = Math.floor(columns.lat[row]! * CELLS_PER_DEGREE);
    const key = cellLon * LAT_SLOTS + cellLat;
    const at = currentCells.get(key);
    if (at === undefined) {
      currentCells.set(key, cells.hour.length);
      cells.hour.push(hour);
      cells.cellLon.push(cellLon);
      cells.cellLat.push(cellLat);
      cells.detections.push(1);
      cells.firstMs.push(ms);
      cells.lastMs.push(ms);
    } else {
      cells.detections[at]! += 1;
      if (ms < cells.firstMs[at]!) cells.firstMs[at] = ms;
      if (ms > cells.lastMs[at]!) cells.lastMs[at] = ms;
    }
  }
  if (cells.hour.length > 0) flush(inKeyOrder(cells));
}

function emptyCells() {
  return { hour: [] as number[], cellLon: [] as number[], cellLat: [] as number[], detections: [] as number[], firstMs: [] as number[], lastMs: [] as number[] };
}

function inKeyOrder(cells: DetectionCells): DetectionCells {
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
