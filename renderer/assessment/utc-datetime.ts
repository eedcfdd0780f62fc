import { formatTimestamp, parseTimestamp } from '../../shared/objects/timestamp';
import type { Timestamp } from '../../shared/objects/types';

// A datetime-local input has no zone: the desk always reads and writes it as UTC, and says so.

const INPUT = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/;

/** What an optional UTC date-time input holds: nothing, a timestamp, or one line saying why not. */
export type UtcInputValue = { readonly ok: true; readonly timestamp: Timestamp | null } | { readonly ok: false; readonly message: string };

/** "2026-11-20T14:05" (a datetime-local value, read as UTC) → "2026-11-20T14:05:00Z"; empty → null. */
export function timestampOfUtcInput(value: string): UtcInputValue {
  const text = value.trim();
  if (text === '') return { ok: true, timestamp: null };
  const match = INPUT.exec(text);
  const timestamp = match ? `${match[1]}T${match[2]}:${match[3] ?? '00'}Z` : undefined;
  if (timestamp === undefined || parseTimestamp(timestamp) === undefined) return { ok: false, message: `${text} is not a date and time (YYYY-MM-DD HH:MM, UTC)` };
  return { ok: true, timestamp: timestamp as Timestamp };
}

/** The datetime-local value (UTC, to the minute) of an instant. */
export function utcInputOfMs(ms: number): string {
  return formatTimestamp(ms).slice(0, 16);
}

/** The datetime-local value of a timestamp, to the minute. */
export function utcInputOfTimestamp(timestamp: string): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '' : utcInputOfMs(ms);
}

/** "14:05 UTC": the time of day of a timestamp, for a line that names a moment today. */
export function utcTimeOfDay(timestamp: string): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? timestamp : `${formatTimestamp(ms).slice(11, 16)} UTC`;
}
