import { describe, expect, it } from 'vitest';
import { formatPlayhead, formatPlayheadSeconds } from '../../../renderer/playback/format-playhead';
import { adjacentPresetSpeed, formatSpeed, parseSpeed, SPEED_PRESETS } from '../../../renderer/playback/playback-speed';

describe('typed playback speeds', () => {
  it.each([
    ['2', 2],
    ['0.5x', 0.5],
    ['.25 ×', 0.25],
    ['3,600×', 3600],
    ['86400', 86_400],
    ['1 day/s', 86_400],
    ['6 h/s', 21_600],
    ['2 min/s', 120],
    ['0.1', 0.1],
  ])('reads %s as %d×', (text, speed) => {
    expect(parseSpeed(text)).toBe(speed);
  });

  it.each([
    ['fast', /is not a number like/],
    ['-2', /is not a number like/],
    ['2 weeks/s', /is not a number like/],
    ['0.01', /0\.01× is outside 0\.1× to 86,400×/],
    ['2 day/s', /172,800× is outside/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSpeed(text)).toThrow(message);
  });

  it('has presets from 0.1× to a day per second, in order, and steps between them', () => {
    expect(SPEED_PRESETS[0]).toBe(0.1);
    expect(SPEED_PRESETS.at(-1)).toBe(86_400);
    expect([...SPEED_PRESETS].sort((a, b) => a - b)).toEqual(SPEED_PRESETS);
    expect(adjacentPresetSpeed(1, 1)).toBe(2);
    expect(adjacentPresetSpeed(1, -1)).toBe(0.5);
    expect(adjacentPresetSpeed(0.1, -1)).toBe(0.1);
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});

describe('the playhead time', () => {
  it('reads to the millisecond in UTC', () => {
    expect(formatPlayhead(Date.UTC(2026, 2, 14, 5, 12, 9, 482))).toBe('2026-03-14 05:12:09.482 UTC');
    expect(formatPlayhead(Date.UTC(2026, 2, 14, 5, 12, 9, 482) + 0.6)).toBe('2026-03-14 05:12:09.483 UTC');
  });

  it('adds the playhead seconds to the window start without losing the millisecond to rounding', () => {
    expect(formatPlayheadSeconds(Date.UTC(2026, 2, 14), 2.482)).toBe('2026-03-14 00:00:02.482 UTC');
    expect(formatPlayheadSeconds(Date.UTC(2026, 2, 14), 86_399.999)).toBe('2026-03-14 23:59:59.999 UTC');
  });

  it('refuses a playhead that is not a time', () => {
    expect(() => formatPlayhead(Number.NaN)).toThrow(/not a time/);
  });
});
