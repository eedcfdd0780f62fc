import { describe, expect, it } from 'vitest';
import {
  categoryLabel,
  formatBearing,
  formatBytes,
  formatConfidence,
  formatDuration,
  formatKmAlongLine,
  formatUncertainty,
  formatUtcTimestamp,
  formatUtcWindow,
  shortHash,
} from '../../../renderer/incidents/incident-format';
import type { IncidentCategory } from '../../../shared/objects/types';

describe('incident formatting', () => {
  it('writes a window within one UTC day once, with both dates across midnight', () => {
    expect(formatUtcWindow('2026-11-22T19:00:00Z', '2026-11-22T19:40:00Z')).toBe('2026-11-22 19:00–19:40 UTC');
    expect(formatUtcWindow('2026-11-22T23:40:00Z', '2026-11-23T00:20:00Z')).toBe('2026-11-22 23:40 – 2026-11-23 00:20 UTC');
    expect(formatUtcWindow('2026-11-22T19:00:05.250Z', '2026-11-22T19:00:45Z')).toBe('2026-11-22 19:00:05–19:00:45 UTC');
  });

  it('writes timestamps and durations', () => {
    expect(formatUtcTimestamp('2026-11-22T19:00:00Z')).toBe('2026-11-22 19:00 UTC');
    expect(formatDuration('2026-11-22T19:00:00Z', '2026-11-22T19:40:00Z')).toBe('40 min');
    expect(formatDuration('2026-11-22T19:00:00Z', '2026-11-22T21:00:00Z')).toBe('2 h');
    expect(formatDuration('2026-11-22T19:00:00Z', '2026-11-22T21:15:00Z')).toBe('2 h 15 min');
  });

  it('names categories in words, and shows an unknown one as sent', () => {
    expect(categoryLabel('mlrs-fire')).toBe('MLRS fire');
    expect(categoryLabel('heavy-weapons-in-zone')).toBe('Heavy weapons in the zone');
    expect(categoryLabel('tank-fire' as IncidentCategory)).toBe('tank-fire');
  });

  it('writes distances and uncertainty', () => {
    expect(formatKmAlongLine(312.44)).toBe('km 312.4');
    expect(formatUncertainty(250)).toBe('± 250 m');
    expect(formatUncertainty(1500)).toBe('± 1.5 km');
  });

  it('writes sizes in binary units', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(14_540)).toBe('14 KiB');
    expect(formatBytes(3_565_158)).toBe('3.4 MiB');
  });

  it('shortens hashes and pads bearings', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(formatBearing(47)).toBe('047°');
    expect(formatBearing(undefined)).toBe('unknown');
    expect(formatConfidence(80)).toBe('80 %');
    expect(formatConfidence(undefined)).toBe('—');
  });
});
