import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from '../../../shared/objects/timestamp';

describe('timestamps (RFC 3339, UTC, Z, seconds, optional milliseconds)', () => {
  it('agrees with Date on every instant from 1970 to 9999, with and without milliseconds', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.boolean(), (date, millis) => {
        const iso = date.toISOString();
        const text = millis ? iso : `${iso.slice(0, 19)}Z`;
        expect(parseTimestamp(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('orders instants, not text: 19:00:00.500Z is after 19:00:00Z', () => {
    expect(parseTimestamp('2026-11-22T19:00:00.500Z')! - parseTimestamp('2026-11-22T19:00:00Z')!).toBe(500);
  });

  it.each([
    '2026-11-22T19:00:00',
    '2026-11-22T19:00:00+00:00',
    '2026-11-22 19:00:00Z',
    '2026-11-22T19:00Z',
    '2026-11-22T19:00:00.Z',
    '2026-11-22T19:00:00.5Z',
    '2026-11-22T19:00:00.1234Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T23:60:00Z',
    '2026-11-22T23:59:60Z',
    '２026-11-22T19:00:00Z',
    '',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('accepts 29 February in a leap year, 2000 included', () => {
    expect(parseTimestamp('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseTimestamp('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it('formats one text per instant: no milliseconds when they are zero', () => {
    expect(formatTimestamp(Date.UTC(2026, 10, 22, 19))).toBe('2026-11-22T19:00:00Z');
    expect(formatTimestamp(Date.UTC(2026, 10, 22, 19, 0, 0, 250))).toBe('2026-11-22T19:00:00.250Z');
    expect(parseTimestamp(formatTimestamp(1_800_000_000_123))).toBe(1_800_000_000_123);
  });
});
