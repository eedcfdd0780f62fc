import { describe, expect, it } from 'vitest';
import { scaleConfig } from '../../../shared/synthetic/config';
import { buildDay, tinyConfig } from './synthetic-fixture';

// Bytes per detection row across the detection and truth columns: time 8, lon 8, lat 8,
// altitude 4, sensor 4, kind 1, class 1, confidence 4, track 4, truth source 4, truth incident 4.
const BYTES_PER_ROW = 50;

describe('batching', () => {
  const maxBatchRows = 20_000;
  const day = buildDay({ ...scaleConfig('demo', 5), maxBatchRows });

  it('streams a mid-size day in bounded batches, each on buffers no larger than one batch', () => {
    let batches = 0;
    let rows = 0;
    for (const batch of day.batches()) {
      batches++;
      rows += batch.rows;
      expect(batch.rows).toBeLessThanOrEqual(maxBatchRows);
      let bytes = 0;
      for (const column of [...Object.values(batch.detections), batch.truth.source, batch.truth.incident]) {
        expect(column.buffer.byteLength).toBe(column.byteLength);
        bytes += column.byteLength;
      }
      expect(bytes).toBe(batch.rows * BYTES_PER_ROW);
    }
    expect(batches).toBeGreaterThanOrEqual(Math.ceil(rows / maxBatchRows));
    expect(rows).toBeGreaterThan(150_000);
  });

  it('yields the first batch after producing only the first part of the day', () => {
    const iterator = day.batches();
    const first = iterator.next();
    expect(first.done).toBe(false);
    if (first.done === true) return;
    expect(first.value.toMs - first.value.fromMs).toBeLessThan((day.endMs - day.startMs) / 4);
    iterator.return(undefined);
  });

  it('splits a busy minute across batches at a change of millisecond', () => {
    const tiny = buildDay(tinyConfig({ maxBatchRows: 50 }));
    let previousTo = tiny.startMs;
    let previousLast = -1n;
    for (const batch of tiny.batches()) {
      expect(batch.rows).toBeLessThanOrEqual(50);
      expect(batch.fromMs).toBe(previousTo);
      if (batch.rows > 0) {
        expect(batch.detections.timeMs[0]!).toBeGreaterThan(previousLast);
        previousLast = batch.detections.timeMs[batch.rows - 1]!;
      }
      previousTo = batch.toMs;
    }
    expect(previousTo).toBe(tiny.endMs);
  });

  it('refuses configurations it cannot honour', () => {
    expect(() => buildDay(tinyConfig({ maxBatchRows: 0 }))).toThrow(/maxBatchRows/);
    expect(() => buildDay(tinyConfig({ fromKm: 300, toKm: 310 }))).toThrow(/at least 20 km/);
    expect(() => buildDay(tinyConfig({ seed: -1 }))).toThrow(/seed/);
    expect(() => buildDay(tinyConfig({ targetDetections: 10 }))).toThrow(/targetDetections/);
  });
});
