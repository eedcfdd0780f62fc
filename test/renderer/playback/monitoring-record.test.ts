import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../../shared/commission/views';
import type { Timestamp } from '../../../shared/objects/types';
import { dayButtonState, isMonitoringRecord, latestMonitoringRecord, MONITORING_RECORD_QUERY } from '../../../renderer/playback/monitoring-record';
import { incident } from '../incidents/fixtures';

function record(number: number, start: string, end: string, listed = 22): IncidentSummary {
  return {
    ...incident(number, { start, km: 300, category: 'other' }),
    number: `REC-${start.slice(0, 10)}-S${number}`,
    summary: 'Monitoring record: every detection (56160) and track (207) of km 200–320 for the day (synthetic, seed 1).',
    windowEnd: end as Timestamp,
    evidence: { listed, present: listed },
  };
}

describe('the day of the line', () => {
  const day20 = record(1, '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z');
  const day21 = record(2, '2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z');
  const morning21 = record(3, '2026-11-21T00:00:00Z', '2026-11-21T06:00:00Z');

  it('is a monitoring record: category other, a summary that says so, more than one pair of chunks', () => {
    expect(isMonitoringRecord(day20)).toBe(true);
    expect(isMonitoringRecord({ ...day20, category: 'artillery-fire' })).toBe(false);
    expect(isMonitoringRecord({ ...day20, summary: 'Shelling seen in the monitoring record of the day' })).toBe(false);
    expect(isMonitoringRecord(record(4, '2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z', 2))).toBe(false);
    expect(isMonitoringRecord(incident(5, { start: '2026-11-22T00:00:00Z', km: 10, category: 'other' }))).toBe(false);
  });

  it('opens the record whose day ends last, whatever order the queue gives', () => {
    const other = incident(6, { start: '2026-11-23T00:00:00Z', km: 10, category: 'other' });
    expect(latestMonitoringRecord([day20, other, morning21, day21])?.number).toBe(day21.number);
    expect(latestMonitoringRecord([day21, day20])?.number).toBe(day21.number);
    expect(latestMonitoringRecord([other])).toBeUndefined();
    expect(MONITORING_RECORD_QUERY).toMatchObject({ category: 'other', text: 'Monitoring record', sort: 'time-desc' });
  });

  it('gives the Day button its record, or one line saying why there is none', () => {
    expect(dayButtonState({ state: 'ready', value: day21 })).toEqual({ record: day21 });
    const reasons = [dayButtonState({ state: 'ready', value: undefined }), dayButtonState({ state: 'loading' }), dayButtonState({ state: 'failed', error: 'the store is locked' })];
    for (const state of reasons) {
      expect('reason' in state && state.reason).toMatch(/^[^\n]+$/);
    }
    expect(reasons[0]).toEqual({ reason: expect.stringContaining('no monitoring record') as string });
    expect(reasons[2]).toEqual({ reason: expect.stringContaining('the store is locked') as string });
  });
});
