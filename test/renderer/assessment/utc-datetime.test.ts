import { describe, expect, it } from 'vitest';
import { timestampOfUtcInput, utcInputOfMs, utcInputOfTimestamp, utcTimeOfDay } from '../../../renderer/assessment/utc-datetime';

describe('UTC date-time inputs', () => {
  it('read a datetime-local value as UTC and write RFC 3339 with seconds and Z', () => {
    expect(timestampOfUtcInput('2026-11-20T14:05')).toEqual({ ok: true, timestamp: '2026-11-20T14:05:00Z' });
    expect(timestampOfUtcInput('2026-11-20T14:05:30')).toEqual({ ok: true, timestamp: '2026-11-20T14:05:30Z' });
    expect(timestampOfUtcInput(' ')).toEqual({ ok: true, timestamp: null });
  });

  it('refuse what is not a real date and time, in one line', () => {
    expect(timestampOfUtcInput('2026-02-30T10:00')).toEqual({ ok: false, message: '2026-02-30T10:00 is not a date and time (YYYY-MM-DD HH:MM, UTC)' });
    expect(timestampOfUtcInput('2026-11-20T25:00').ok).toBe(false);
    expect(timestampOfUtcInput('tomorrow').ok).toBe(false);
    expect(timestampOfUtcInput('2026-11-20T14:05:00Z').ok).toBe(false);
  });

  it('show an instant or a timestamp back in the input, to the minute, in UTC', () => {
    expect(utcInputOfMs(Date.UTC(2026, 10, 20, 14, 5, 59))).toBe('2026-11-20T14:05');
    expect(utcInputOfTimestamp('2026-11-20T23:59:00Z')).toBe('2026-11-20T23:59');
    expect(utcInputOfTimestamp('nonsense')).toBe('');
  });

  it('name the time of day of a moment in UTC', () => {
    expect(utcTimeOfDay('2026-11-20T14:05:42Z')).toBe('14:05 UTC');
    expect(utcTimeOfDay('2026-11-20T09:00:00.250Z')).toBe('09:00 UTC');
  });
});
