import { describe, expect, it } from 'vitest';
import type { ImportProgressView } from '../../../shared/commission/views';
import { describeProgress, formatSeconds, progressFraction } from '../../../renderer/imports/import-format';

const progress = (over: Partial<ImportProgressView>): ImportProgressView => ({
  file: 'a.pack',
  phase: 'objects',
  objectsDone: 10,
  objectsTotal: 40,
  bytesDone: 512 * 1024,
  bytesTotal: 2 * 1024 * 1024,
  bytesPerSecond: 0,
  secondsLeft: null,
  ...over,
});

describe('import progress formatting', () => {
  it('describes objects and bytes, and rate and time left once known', () => {
    expect(describeProgress(progress({}))).toBe('10 of 40 objects · 512 KiB of 2.0 MiB');
    expect(describeProgress(progress({ bytesPerSecond: 1024 * 1024, secondsLeft: 1.5 }))).toBe('10 of 40 objects · 512 KiB of 2.0 MiB · 1.0 MiB/s · 2 s left');
  });

  it('measures the fraction by bytes, by objects for an empty pack, and 1 when done', () => {
    expect(progressFraction(progress({}))).toBe(0.25);
    expect(progressFraction(progress({ bytesTotal: 0, bytesDone: 0 }))).toBe(0.25);
    expect(progressFraction(progress({ phase: 'done', bytesDone: 0 }))).toBe(1);
    expect(progressFraction(progress({ objectsTotal: 0, bytesTotal: 0, bytesDone: 0 }))).toBe(0);
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect(formatSeconds(0.2)).toBe('1 s');
    expect(formatSeconds(75)).toBe('1 min 15 s');
    expect(formatSeconds(3 * 3600 + 120)).toBe('3 h 2 min');
  });
});
