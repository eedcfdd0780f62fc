import { describe, expect, it } from 'vitest';
import { distanceKm } from '../../../shared/geo/chainage';
import { CLASS_CODE, SENSOR_KINDS } from '../../../shared/synthetic/codes';
import type { DetectionBatch, SyntheticDay } from '../../../shared/synthetic/types';
import { buildDay, collect, tinyConfig } from './synthetic-fixture';

interface NoiseTally {
  readonly rows: number;
  readonly falseAlarmRows: number;
  readonly reportedFalseAlarms: number;
  readonly missed: number;
  /** Detections whose reported class differs from the class of the tracked object behind them. */
  readonly misclassified: number;
}

function tally(batches: readonly DetectionBatch[]): NoiseTally {
  const trueClass = new Map<number, number>();
  for (const batch of batches) batch.tracks.trackId.forEach((id, i) => trueClass.set(id, batch.tracks.trackClass[i]!));
  let rows = 0;
  let falseAlarmRows = 0;
  let reportedFalseAlarms = 0;
  let missed = 0;
  let misclassified = 0;
  for (const batch of batches) {
    rows += batch.rows;
    missed += batch.truth.missedDetections;
    reportedFalseAlarms += batch.truth.falseAlarms;
    for (let i = 0; i < batch.rows; i++) {
      const source = batch.truth.source[i]!;
      if (source < 0) falseAlarmRows++;
      const expected = trueClass.get(source);
      if (expected !== undefined && batch.detections.detectionClass[i] !== expected) misclassified++;
    }
  }
  return { rows, falseAlarmRows, reportedFalseAlarms, missed, misclassified };
}

/** Distance of each detection of a parked heavy weapon from the weapon, by sensor kind, metres. */
function weaponErrors(day: SyntheticDay, batches: readonly DetectionBatch[]): Map<string, number[]> {
  const positions = new Map<number, readonly [number, number]>();
  for (const truth of day.groundTruth.violations) {
    if (truth.kind === 'heavy-weapons-in-zone') truth.objectIds.forEach((id, i) => positions.set(id, truth.path[i]!));
  }
  const errors = new Map<string, number[]>();
  for (const batch of batches) {
    for (let i = 0; i < batch.rows; i++) {
      const position = positions.get(batch.truth.source[i]!);
      if (position === undefined) continue;
      const kind = SENSOR_KINDS[batch.detections.sensorKind[i]!]!;
      const list = errors.get(kind) ?? [];
      list.push(distanceKm(position, [batch.detections.lon[i]!, batch.detections.lat[i]!]) * 1000);
      errors.set(kind, list);
    }
  }
  return errors;
}

const weaponsOnly = { 'artillery-fire': 0, 'mortar-fire': 0, 'mlrs-fire': 0, 'uav-incursion': 0, 'heavy-weapons-in-zone': 4, 'vehicle-crossing': 0, 'unattributed-explosion': 0 };

describe('noise', () => {
  it('has no false and no missed detections when every sensor is perfect', () => {
    const perfect = tinyConfig({ noise: { detectionProbability: 1, falseAlarmsPerHour: 0, falseAlarmScale: 1, positionErrorScale: 1 } });
    const counts = tally(collect(buildDay(perfect)));
    expect(counts.rows).toBeGreaterThan(10_000);
    expect(counts.falseAlarmRows).toBe(0);
    expect(counts.reportedFalseAlarms).toBe(0);
    expect(counts.missed).toBe(0);
  });

  it('has some false, missed and misclassified detections with the default sensors', () => {
    const counts = tally(collect(buildDay(tinyConfig())));
    expect(counts.falseAlarmRows).toBeGreaterThan(50);
    expect(counts.falseAlarmRows).toBe(counts.reportedFalseAlarms);
    expect(counts.falseAlarmRows / counts.rows).toBeLessThan(0.05);
    expect(counts.missed).toBeGreaterThan(counts.rows * 0.03);
    expect(counts.misclassified).toBeGreaterThan(counts.rows * 0.03);
  });

  it('scatters positions by each sensor kind’s error, and not at all when the error scale is 0', () => {
    const noisy = buildDay(tinyConfig({ violations: weaponsOnly }));
    const errors = weaponErrors(noisy, collect(noisy));
    const optical = errors.get('optical')!;
    expect(optical.length).toBeGreaterThan(20);
    const median = [...optical].sort((a, b) => a - b)[Math.floor(optical.length / 2)]!;
    // Optical σ is 30 m per axis, growing to 60 m at full range: the median radial error lies between.
    expect(median).toBeGreaterThan(15);
    expect(median).toBeLessThan(120);
    expect(Math.max(...optical)).toBeLessThanOrEqual(60 * 2 * Math.sqrt(3) * Math.SQRT2 + 1);

    const exact = buildDay(tinyConfig({ violations: weaponsOnly, noise: { ...tinyConfig().noise, positionErrorScale: 0 } }));
    for (const list of weaponErrors(exact, collect(exact)).values()) expect(Math.max(...list)).toBeLessThan(0.01);
  });

  it('reports weapons that the imagery and the posts mostly classify right', () => {
    const day = buildDay(tinyConfig({ violations: weaponsOnly }));
    const batches = collect(day);
    let right = 0;
    let total = 0;
    for (const batch of batches) {
      for (let i = 0; i < batch.rows; i++) {
        if (batch.truth.incident[i]! < 0) continue;
        total++;
        const reported = batch.detections.detectionClass[i]!;
        if (reported === CLASS_CODE.artillery || reported === CLASS_CODE.mlrs) right++;
      }
    }
    expect(total).toBeGreaterThan(20);
    expect(right / total).toBeGreaterThan(0.85);
  });
});
