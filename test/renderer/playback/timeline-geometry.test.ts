import { describe, expect, it } from 'vitest';
import {
  brushBetween,
  brushGripAt,
  histogramBinCount,
  movedBrush,
  pxToDuration,
  pxToSeconds,
  resizedBrush,
  secondsToPx,
  tickLabel,
  tickStepMs,
  timeScale,
  timeTicks,
} from '../../../renderer/playback/timeline-geometry';

const WINDOW = { fromS: 0, toS: 600 };
const START_MS = Date.UTC(2026, 2, 14, 5, 0, 0);

describe('time scale', () => {
  it('maps seconds to pixels and back', () => {
    const scale = timeScale({ fromS: 100, toS: 300 }, 400);
    expect(secondsToPx(scale, 100)).toBe(0);
    expect(secondsToPx(scale, 250)).toBe(300);
    expect(pxToSeconds(scale, 300)).toBe(250);
    expect(pxToDuration(scale, 40)).toBe(20);
  });

  it('clamps a pixel outside the timeline to its ends', () => {
    const scale = timeScale({ fromS: 100, toS: 300 }, 400);
    expect(pxToSeconds(scale, -50)).toBe(100);
    expect(pxToSeconds(scale, 999)).toBe(300);
  });

  it('gives a single instant a second around it', () => {
    const scale = timeScale({ fromS: 42, toS: 42 }, 200);
    expect([scale.fromS, scale.toS]).toEqual([41.5, 42.5]);
    expect(secondsToPx(scale, 42)).toBe(100);
  });

  it('refuses no width and a backwards range', () => {
    expect(() => timeScale(WINDOW, 0)).toThrow(/timeline width 0 px/);
    expect(() => timeScale({ fromS: 5, toS: 1 }, 100)).toThrow(/ends before it starts/);
  });

  it('bins about every 3 px, at least one, at most the cap', () => {
    expect(histogramBinCount(900)).toBe(300);
    expect(histogramBinCount(1)).toBe(1);
    expect(histogramBinCount(10_000)).toBe(1000);
  });
});

describe('brush', () => {
  it('orders a drag made right to left and clamps it into the window', () => {
    expect(brushBetween(WINDOW, 300, 120, 1)).toEqual({ fromS: 120, toS: 300 });
    expect(brushBetween(WINDOW, -40, 50, 1)).toEqual({ fromS: 0, toS: 50 });
    expect(brushBetween(WINDOW, 550, 900, 1)).toEqual({ fromS: 550, toS: 600 });
  });

  it('is no brush when narrower than the minimum (a click) or wholly outside', () => {
    expect(brushBetween(WINDOW, 100, 100.5, 1)).toBeUndefined();
    expect(brushBetween(WINDOW, 700, 800, 1)).toBeUndefined();
  });

  it('moves with its width kept, stopping at the window ends', () => {
    const brush = { fromS: 100, toS: 200 };
    expect(movedBrush(WINDOW, brush, 50)).toEqual({ fromS: 150, toS: 250 });
    expect(movedBrush(WINDOW, brush, -500)).toEqual({ fromS: 0, toS: 100 });
    expect(movedBrush(WINDOW, brush, 1000)).toEqual({ fromS: 500, toS: 600 });
  });

  it('resizes one end, never past the other end minus the minimum nor out of the window', () => {
    const brush = { fromS: 100, toS: 200 };
    expect(resizedBrush(WINDOW, brush, 'from', 50, 5)).toEqual({ fromS: 50, toS: 200 });
    expect(resizedBrush(WINDOW, brush, 'from', 260, 5)).toEqual({ fromS: 195, toS: 200 });
    expect(resizedBrush(WINDOW, brush, 'from', -10, 5)).toEqual({ fromS: 0, toS: 200 });
    expect(resizedBrush(WINDOW, brush, 'to', 90, 5)).toEqual({ fromS: 100, toS: 105 });
    expect(resizedBrush(WINDOW, brush, 'to', 700, 5)).toEqual({ fromS: 100, toS: 600 });
  });

  it('is taken by the nearer end within the handle, by its body between, and not outside', () => {
    const scale = timeScale(WINDOW, 600);
    const brush = { fromS: 100, toS: 200 };
    expect(brushGripAt(scale, brush, 96)).toBe('from');
    expect(brushGripAt(scale, brush, 205)).toBe('to');
    expect(brushGripAt(scale, brush, 150)).toBe('body');
    expect(brushGripAt(scale, brush, 300)).toBe('none');
    expect(brushGripAt(scale, undefined, 150)).toBe('none');
    expect(brushGripAt(scale, { fromS: 100, toS: 104 }, 103)).toBe('to');
  });
});

describe('time ticks', () => {
  it('chooses the smallest round step that keeps labels apart', () => {
    expect(tickStepMs(timeScale(WINDOW, 600), 100)).toBe(2 * 60_000);
    expect(tickStepMs(timeScale({ fromS: 0, toS: 86_400 }, 1200), 100)).toBe(2 * 3_600_000);
    expect(tickStepMs(timeScale({ fromS: 0, toS: 1 }, 1000), 100)).toBe(100);
  });

  it('falls on round UTC times within the range and labels them in UTC', () => {
    const ticks = timeTicks(timeScale({ fromS: 30, toS: 630 }, 600), START_MS, 100);
    expect(ticks.map((tick) => tick.seconds)).toEqual([120, 240, 360, 480, 600]);
    expect(ticks.map((tick) => tick.label)).toEqual(['05:02', '05:04', '05:06', '05:08', '05:10']);
  });

  it('counts seconds from the window start even when it is not on a round time', () => {
    const ticks = timeTicks(timeScale({ fromS: 0, toS: 2 }, 1000), START_MS + 250, 100);
    expect(ticks[0]).toEqual({ seconds: 0.15, label: '05:00:00.400' });
  });

  it('labels by the step: dates, minutes, seconds, milliseconds, and the date at midnight', () => {
    const at = Date.UTC(2026, 2, 14, 5, 12, 9, 482);
    expect(tickLabel(at, 2 * 86_400_000)).toBe('2026-03-14');
    expect(tickLabel(at, 60_000)).toBe('05:12');
    expect(tickLabel(at, 5_000)).toBe('05:12:09');
    expect(tickLabel(at, 2)).toBe('05:12:09.482');
    expect(tickLabel(Date.UTC(2026, 2, 15), 3_600_000)).toBe('2026-03-15');
  });

  it('stops at 200 ticks however wide the timeline', () => {
    expect(timeTicks(timeScale({ fromS: 0, toS: 10 }, 1e9), START_MS, 1).length).toBe(200);
  });
});
