import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../renderer/playback/duration';
import { speedLabel } from '../../../renderer/playback/speed-label';

describe('trail lengths', () => {
  it('reads seconds and numbers with units', () => {
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration(' 90 s ')).toBe(90);
    expect(parseDuration('1.5 min')).toBe(90);
    expect(parseDuration('2h')).toBe(7200);
    expect(parseDuration('1 day')).toBe(86_400);
    expect(parseDuration('500 ms')).toBe(0.5);
  });

  it('refuses zero, unknown units and words in one line', () => {
    expect(() => parseDuration('0')).toThrow(/^trail length "0" is not a time like 90 s, 5 min or 2 h$/);
    expect(() => parseDuration('5 weeks')).toThrow(/trail length "5 weeks"/);
    expect(() => parseDuration('soon')).toThrow(/trail length "soon"/);
    expect(() => parseDuration('')).toThrow(/trail length ""/);
  });

  it('formats in the largest unit filled', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(90)).toBe('1.5 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(86_400)).toBe('1 d');
    expect(formatDuration(0.25)).toBe('0.25 s');
  });
});

describe('speed labels', () => {
  it('adds the evidence time per second from a minute per second up', () => {
    expect(speedLabel(0.5)).toBe('0.5×');
    expect(speedLabel(30)).toBe('30×');
    expect(speedLabel(60)).toBe('60× · 1 min/s');
    expect(speedLabel(3600)).toBe('3,600× · 1 h/s');
    expect(speedLabel(86_400)).toBe('86,400× · 1 d/s');
  });
});
