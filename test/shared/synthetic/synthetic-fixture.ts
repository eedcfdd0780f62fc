import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LonLat } from '../../../shared/geo/types';
import { scaleConfig, type ScaleName, type SyntheticConfig } from '../../../shared/synthetic/config';
import { createSyntheticDay } from '../../../shared/synthetic/synthetic-day';
import type { DetectionBatch, SyntheticDay } from '../../../shared/synthetic/types';

const lineFile = JSON.parse(readFileSync(resolve(__dirname, '../../../resources/basemap/ceasefire_line_illustrative.geojson'), 'utf8'));
export const LINE_VERTICES = lineFile.features[0].geometry.coordinates as LonLat[];

export function tinyConfig(overrides: Partial<SyntheticConfig> = {}, scale: ScaleName = 'tiny'): SyntheticConfig {
  return { ...scaleConfig(scale, 11), ...overrides };
}

export function buildDay(config: SyntheticConfig): SyntheticDay {
  return createSyntheticDay(LINE_VERTICES, config);
}

export function collect(day: SyntheticDay): DetectionBatch[] {
  return [...day.batches()];
}

/** SHA-256 over every column of every batch (detections, tracks and truth), in order. */
export function digestBatches(batches: Iterable<DetectionBatch>): string {
  const hash = createHash('sha256');
  const add = (array: ArrayBufferView): void => {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  };
  for (const batch of batches) {
    for (const column of Object.values(batch.detections)) add(column);
    for (const column of Object.values(batch.tracks)) add(column);
    add(batch.truth.source);
    add(batch.truth.incident);
    add(batch.truth.trackSide);
    add(batch.truth.trackIncident);
  }
  return hash.digest('hex');
}

/** All batches' detections concatenated per column, for comparisons independent of batching. */
export function digestConcatenated(batches: readonly DetectionBatch[]): string {
  const hash = createHash('sha256');
  const names = Object.keys(batches[0]!.detections) as Array<keyof DetectionBatch['detections']>;
  for (const name of names) {
    for (const batch of batches) {
      const column = batch.detections[name];
      hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
    }
  }
  return hash.digest('hex');
}
