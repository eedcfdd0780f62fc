import { describe, expect, it } from 'vitest';
import { buildDay, collect, digestBatches, digestConcatenated, tinyConfig } from './synthetic-fixture';

describe('determinism', () => {
  const first = buildDay(tinyConfig());
  const firstBatches = collect(first);

  it('gives byte-identical columns and incidents for the same seed', () => {
    const again = buildDay(tinyConfig());
    expect(digestBatches(again.batches())).toBe(digestBatches(firstBatches));
    expect(JSON.stringify(again.incidents)).toBe(JSON.stringify(first.incidents));
    expect(JSON.stringify(again.groundTruth)).toBe(JSON.stringify(first.groundTruth));
    expect(JSON.stringify(again.sensors)).toBe(JSON.stringify(first.sensors));
  });

  it('replays the same batches on every call of batches()', () => {
    expect(digestBatches(first.batches())).toBe(digestBatches(firstBatches));
  });

  it('gives different data for a different seed', () => {
    const other = buildDay(tinyConfig({ seed: 12 }));
    expect(digestBatches(other.batches())).not.toBe(digestBatches(firstBatches));
    expect(other.incidents.map((incident) => incident.draft.location)).not.toEqual(first.incidents.map((incident) => incident.draft.location));
  });

  it('does not depend on the batch size', () => {
    const small = collect(buildDay(tinyConfig({ maxBatchRows: 3_000 })));
    expect(small.length).toBeGreaterThan(firstBatches.length);
    expect(digestConcatenated(small)).toBe(digestConcatenated(firstBatches));
    const trackIds = (batches: typeof small): number[] => batches.flatMap((batch) => Array.from(batch.tracks.trackId)).sort((a, b) => a - b);
    expect(trackIds(small)).toEqual(trackIds(firstBatches));
  });

  it('keeps background object n the same whatever the number of objects', () => {
    const fewer = buildDay(tinyConfig({ backgroundObjects: 40, violations: { ...tinyConfig().violations, 'mlrs-fire': 0 } }));
    const vertices = (batches: ReturnType<typeof collect>, id: number): number[] => {
      for (const batch of batches) {
        const i = batch.tracks.trackId.indexOf(id);
        if (i >= 0) return Array.from(batch.tracks.vertexLon.subarray(batch.tracks.vertexOffsets[i], batch.tracks.vertexOffsets[i + 1]));
      }
      return [];
    };
    const fewerBatches = collect(fewer);
    const id = fewerBatches[0]!.tracks.trackId[0]!;
    expect(id).toBeLessThan(40);
    expect(vertices(fewerBatches, id)).toEqual(vertices(firstBatches, id));
  });
});
