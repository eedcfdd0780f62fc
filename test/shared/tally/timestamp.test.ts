import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestampMs } from '../../../shared/tally/timestamp';

describe('timestampMs', () => {
  it('agrees with Date on every instant from year 0 to 9999, with 0 to 3 fraction digits', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 3 }), (date, digits) => {
        const iso = date.toISOString();
        const text = digits === 0 ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 20 + digits)}Z`;
        expect(timestampMs(text)).toBe(Date.parse(text));
      }),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('orders instants, not text: 19:00:00.5Z is after 19:00:00Z', () => {
    expect(timestampMs('2026-11-22T19:00:00.5Z')! - timestampMs('2026-11-22T19:00:00Z')!).toBe(500);
  });

  it.each([
    '2026-11-22T19:00:00',
    '2026-11-22T19:00:00+00:00',
    '2026-11-22 19:00:00Z',
    '2026-11-22T19:00Z',
    '2026-11-22T19:00:00.Z',
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
    expect(timestampMs(text)).toBeNull();
  });

  it('accepts 29 February in a leap year, 2000 included', () => {
    expect(timestampMs('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(timestampMs('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12));
  });
});
