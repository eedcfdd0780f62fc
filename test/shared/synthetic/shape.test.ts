import { describe, expect, it } from 'vitest';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/synthetic/codes';
import { scaleConfig, VIOLATION_KINDS } from '../../../shared/synthetic/config';
import { containsPoint } from '../../../shared/synthetic/local-geometry';
import { GROUND_HEIGHT_M } from '../../../shared/synthetic/observation';
import type { DetectionBatch, SyntheticDay } from '../../../shared/synthetic/types';
import { buildDay, collect, tinyConfig } from './synthetic-fixture';

function checkShape(day: SyntheticDay, batches: readonly DetectionBatch[]): void {
  const { maxBatchRows } = day.config;
  let previousTime = BigInt(day.startMs);
  let expectedFrom = day.startMs;
  const seenTracks = new Set<number>();
  const referencedTracks = new Set<number>();
  for (const [index, batch] of batches.entries()) {
    expect(batch.index).toBe(index);
    expect(batch.fromMs).toBe(expectedFrom);
    expect(batch.toMs).toBeGreaterThan(batch.fromMs);
    expectedFrom = batch.toMs;
    expect(batch.rows).toBeLessThanOrEqual(maxBatchRows);
    for (const column of [...Object.values(batch.detections), batch.truth.source, batch.truth.incident]) expect(column.length).toBe(batch.rows);
    const { timeMs, lon, lat, altitudeM, sensorIndex, sensorKind, detectionClass, confidence, trackId } = batch.detections;
    for (let i = 0; i < batch.rows; i++) {
      const time = timeMs[i]!;
      if (time < previousTime || time < BigInt(batch.fromMs) || time >= BigInt(batch.toMs)) throw new Error(`row ${i} of batch ${index} out of order at ${time}`);
      previousTime = time;
      if (!containsPoint(day.region, lon[i]!, lat[i]!)) throw new Error(`row ${i} of batch ${index} outside the region`);
      const sensor = day.sensors[sensorIndex[i]!];
      if (sensor === undefined || SENSOR_KINDS[sensorKind[i]!] !== sensor.kind) throw new Error(`row ${i}: bad sensor ${sensorIndex[i]}`);
      if (!(detectionClass[i]! >= 0 && detectionClass[i]! < DETECTION_CLASSES.length) || !(confidence[i]! >= 0 && confidence[i]! <= 1)) throw new Error(`row ${i}: bad class or confidence`);
      const heightless = sensor.kind === 'acoustic' || sensor.kind === 'seismic';
      if (heightless ? !Number.isNaN(altitudeM[i]) : !(altitudeM[i]! >= GROUND_HEIGHT_M)) throw new Error(`row ${i}: altitude ${altitudeM[i]} from a ${sensor.kind} sensor`);
      if (trackId[i]! >= 0) referencedTracks.add(trackId[i]!);
    }
    const tracks = batch.tracks;
    expect(tracks.vertexOffsets.length).toBe(tracks.trackId.length + 1);
    expect(tracks.vertexOffsets[0]).toBe(0);
    expect(tracks.vertexOffsets[tracks.trackId.length]).toBe(tracks.vertexLon.length);
    for (const column of [tracks.vertexLat, tracks.vertexTimeMs, tracks.vertexAltitudeM]) expect(column.length).toBe(tracks.vertexLon.length);
    expect(tracks.trackClass.length).toBe(tracks.trackId.length);
    expect(batch.truth.trackSide.length).toBe(tracks.trackId.length);
    for (let t = 0; t < tracks.trackId.length; t++) {
      const id = tracks.trackId[t]!;
      if (seenTracks.has(id)) throw new Error(`track ${id} yielded twice`);
      // A track comes in the batch of its last detection or later, and only when it has detections.
      if (!referencedTracks.has(id)) throw new Error(`track ${id} yielded before any of its detections`);
      seenTracks.add(id);
      const start = tracks.vertexOffsets[t]!;
      const end = tracks.vertexOffsets[t + 1]!;
      expect(end - start).toBeGreaterThanOrEqual(2);
      for (let v = start; v < end; v++) {
        if (v > start && tracks.vertexTimeMs[v]! <= tracks.vertexTimeMs[v - 1]!) throw new Error(`track ${id} goes back in time`);
        if (tracks.vertexTimeMs[v]! < BigInt(day.startMs) || tracks.vertexTimeMs[v]! >= BigInt(day.endMs)) throw new Error(`track ${id} leaves the period`);
        if (!containsPoint(day.region, tracks.vertexLon[v]!, tracks.vertexLat[v]!)) throw new Error(`track ${id} leaves the region`);
      }
    }
  }
  expect(expectedFrom).toBe(day.endMs);
  for (const id of referencedTracks) expect(seenTracks.has(id)).toBe(true);
}

describe('shape of the tiny scale', () => {
  const day = buildDay(tinyConfig({ maxBatchRows: 7_000 }));
  const batches = collect(day);

  it('yields time-ordered, bounded batches of equal-length columns inside the region and the period', () => {
    expect(batches.length).toBeGreaterThan(3);
    checkShape(day, batches);
  });

  it('describes every sensor of the table and every kind of sensor', () => {
    expect(new Set(day.sensors.map((sensor) => sensor.kind))).toEqual(new Set(SENSOR_KINDS));
    expect(day.sensors.map((sensor) => sensor.index)).toEqual(day.sensors.map((_, i) => i));
    expect(new Set(day.sensors.map((sensor) => sensor.id)).size).toBe(day.sensors.length);
    expect(day.uavPatrols.length).toBeGreaterThan(0);
    expect(day.satellitePasses.length).toBe(2);
  });

  it('stages one incident per configured violation', () => {
    expect(day.incidents).toHaveLength(VIOLATION_KINDS.length);
    expect(new Set(day.groundTruth.violations.map((truth) => truth.kind))).toEqual(new Set(VIOLATION_KINDS));
  });
});

describe('shape of the demo scale', () => {
  const day = buildDay(scaleConfig('demo', 3));
  const batches = collect(day);
  const rows = batches.reduce((sum, batch) => sum + batch.rows, 0);

  it('has about 200k detections and 30 incidents of every category', () => {
    expect(rows).toBeGreaterThan(190_000);
    expect(rows).toBeLessThan(210_000);
    expect(day.incidents.length).toBe(31);
    expect(new Set(day.incidents.map((incident) => incident.draft.category)).size).toBeGreaterThanOrEqual(7);
    checkShape(day, batches);
  });

  it('has a track for nearly every background object and every tracked injected object', () => {
    const tracks = batches.reduce((sum, batch) => sum + batch.tracks.trackId.length, 0);
    expect(day.groundTruth.backgroundObjects).toBeGreaterThan(1_100);
    expect(tracks).toBeGreaterThan(day.groundTruth.backgroundObjects);
  });
});
