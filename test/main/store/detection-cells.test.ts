import { describe, expect, it } from 'vitest';
import { countDetectionCells, HOUR_MS, MAX_CELLS_IN_MEMORY, type DetectionCells } from '../../../main/store/detection-cells';
import { openMemoryDatabase } from '../../../main/store/database';
import { StoreWriter } from '../../../main/store/store-writer';
import { DAY_START_MS, seededRandom, syntheticDetections } from '../../shared/evidence/evidence-fixtures';

/** The obvious computation, one string key per row, to check the fast one against. */
function referenceCells(columns: ReturnType<typeof syntheticDetections>): string[] {
  const cells = new Map<string, { detections: number; first: number; last: number }>();
  for (let i = 0; i < columns.timeMs.length; i++) {
    const ms = Number(columns.timeMs[i]!);
    const key = `${Math.floor(ms / HOUR_MS)} ${Math.floor(columns.lon[i]! * 10)} ${Math.floor(columns.lat[i]! * 10)}`;
    const cell = cells.get(key) ?? { detections: 0, first: ms, last: ms };
    cells.set(key, { detections: cell.detections + 1, first: Math.min(cell.first, ms), last: Math.max(cell.last, ms) });
  }
  return [...cells].map(([key, c]) => `${key} ${c.detections} ${c.first} ${c.last}`).sort();
}

function cellRows(cells: DetectionCells): string[] {
  return cells.hour.map((h, i) => `${h} ${cells.cellLon[i]} ${cells.cellLat[i]} ${cells.detections[i]} ${cells.firstMs[i]} ${cells.lastMs[i]}`);
}

/** Every batch the counter hands on, in order. */
function batchesOf(columns: ReturnType<typeof syntheticDetections>, maxCells?: number): DetectionCells[] {
  const batches: DetectionCells[] = [];
  countDetectionCells(columns, (cells) => batches.push(cells), maxCells);
  return batches;
}

function detectionCellsOf(columns: ReturnType<typeof syntheticDetections>): DetectionCells {
  const batches = batchesOf(columns);
  expect(batches.length).toBeLessThanOrEqual(1);
  return batches[0] ?? { hour: [], cellLon: [], cellLat: [], detections: [], firstMs: [], lastMs: [] };
}

/** Rows spread at random over `years` years, each in an hour of its own or nearly: the worst spread for the counter. */
function spreadOverYears(rows: number, years: number, seed: number): ReturnType<typeof syntheticDetections> {
  const columns = syntheticDetections(rows, seed);
  const random = seededRandom(seed);
  for (let i = 0; i < rows; i++) {
    columns.timeMs[i] = BigInt(DAY_START_MS - Math.floor(random() * years * 365 * 86_400_000));
    columns.lon[i] = 36 + random() * 0.3;
    columns.lat[i] = 47 + random() * 0.3;
  }
  return columns;
}

describe('the detection cell index of a chunk', () => {
  it('counts detections per hour and 0.1° cell with first and last times, whatever the row order', () => {
    const columns = syntheticDetections(5000, 7);
    const rows = cellRows(detectionCellsOf(columns));
    expect(rows.slice().sort()).toEqual(referenceCells(columns));
    expect(new Set(rows.map((r) => r.split(' ').slice(0, 3).join(' '))).size).toBe(rows.length);
  });

  it('handles rows sorted in time, clustered cells, the edges of the map and times before 1970', () => {
    const random = seededRandom(3);
    const columns = syntheticDetections(3000, 9);
    for (let i = 0; i < 3000; i++) {
      columns.timeMs[i] = BigInt(DAY_START_MS + i * 7_000 - (i % 5 === 0 ? 40 * 365 * 86_400_000 * 2 : 0));
      columns.lon[i] = i % 7 === 0 ? 180 : i % 11 === 0 ? -180 : 37 + random() * 0.2;
      columns.lat[i] = i % 13 === 0 ? -90 : i % 17 === 0 ? 90 : 48 + random() * 0.2;
    }
    expect(cellRows(detectionCellsOf(columns)).sort()).toEqual(referenceCells(columns));
    // A second chunk counted afterwards is not affected by the first.
    const other = syntheticDetections(1000, 11);
    expect(cellRows(detectionCellsOf(other)).sort()).toEqual(referenceCells(other));
  });

  it('lists cells in primary-key order', () => {
    const cells = detectionCellsOf(syntheticDetections(2000, 5));
    const keys = cells.hour.map((h, i) => [h, cells.cellLon[i]!, cells.cellLat[i]!] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
  });

  it('holds at most its bound of cells in memory, however many hours the detections span', () => {
    const columns = spreadOverYears(3 * MAX_CELLS_IN_MEMORY + 123, 30, 17);
    const batches = batchesOf(columns);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) {
      expect(batch.hour.length).toBeLessThanOrEqual(MAX_CELLS_IN_MEMORY);
      const keys = batch.hour.map((h, i) => [h, batch.cellLon[i]!, batch.cellLat[i]!] as const);
      expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]));
    }
    expect(batches.reduce((sum, batch) => sum + batch.detections.reduce((a, b) => a + b, 0), 0)).toBe(columns.timeMs.length);
  });

  it('writes the same rows in bounded batches as counted at once, adding up a cell that recurs across batches', () => {
    const columns = spreadOverYears(20_000, 2, 23);
    // Repeat some rows far apart, so that one (hour, cell) falls into several batches.
    for (let i = 0; i < 2_000; i++) {
      columns.timeMs[19_999 - i] = columns.timeMs[i]! + BigInt(i % 1000);
      columns.lon[19_999 - i] = columns.lon[i]!;
      columns.lat[19_999 - i] = columns.lat[i]!;
    }
    const db = openMemoryDatabase();
    new StoreWriter(db).setDetectionCells('a'.repeat(64), columns, 500);
    const rows = (db.prepare('SELECT hour, cell_lon, cell_lat, detections, first_ms, last_ms FROM detection_cells ORDER BY hour, cell_lon, cell_lat').raw().all() as number[][]).map((r) =>
      r.join(' '),
    );
    expect(rows.sort()).toEqual(referenceCells(columns));
    expect(rows.some((r) => Number(r.split(' ')[3]) > 1)).toBe(true);
    db.close();
  });
});
