import { describe, expect, it } from 'vitest';
import { detectionCellsOf, HOUR_MS } from '../../../main/store/detection-cells';
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

function cellRows(cells: ReturnType<typeof detectionCellsOf>): string[] {
  return cells.hour.map((h, i) => `${h} ${cells.cellLon[i]} ${cells.cellLat[i]} ${cells.detections[i]} ${cells.firstMs[i]} ${cells.lastMs[i]}`);
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
});
