import type { Timestamp } from './types';

// RFC 3339 restricted to UTC with a Z suffix, seconds always present, milliseconds optional (three
// digits). One textual form per instant keeps comparison by value simple.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/;

/** Milliseconds since the Unix epoch, or undefined when `text` is not a valid timestamp. */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second, millis] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number, number, number, number, number];
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 April over into May; a valid day survives the round trip.
  if (new Date(ms).getUTCDate() !== day || day < 1) return undefined;
  return ms;
}

/** Milliseconds since the Unix epoch of a timestamp that passed validation. */
export function timestampMs(timestamp: Timestamp): number {
  const ms = parseTimestamp(timestamp);
  if (ms === undefined) throw new RangeError(`not a validated timestamp: ${timestamp}`);
  return ms;
}

export function formatTimestamp(ms: number): Timestamp {
  const iso = new Date(ms).toISOString();
  return (iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso) as Timestamp;
}
