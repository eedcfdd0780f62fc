import { describe, expect, it } from 'vitest';
import { PlaybackClock, type FrameScheduler, type PlaybackClockOptions, type PlaybackSnapshot, type TimeSource } from '../../../renderer/playback/playback-clock';

/** A time source and frame scheduler the test drives: `frame(ms)` lets ms pass, then runs the frame asked for. */
class FakeFrames implements TimeSource, FrameScheduler {
  nowMs = 10_000;
  private nextHandle = 1;
  private waiting = new Map<number, () => void>();

  now(): number {
    return this.nowMs;
  }

  requestFrame(callback: () => void): number {
    const handle = this.nextHandle++;
    this.waiting.set(handle, callback);
    return handle;
  }

  cancelFrame(handle: number): void {
    this.waiting.delete(handle);
  }

  get pending(): number {
    return this.waiting.size;
  }

  frame(elapsedMs: number): void {
    this.nowMs += elapsedMs;
    const callbacks = [...this.waiting.values()];
    this.waiting.clear();
    for (const callback of callbacks) callback();
  }

  frames(count: number, elapsedMs: number): void {
    for (let i = 0; i < count; i++) this.frame(elapsedMs);
  }
}

function clockOf(options: Partial<PlaybackClockOptions> = {}) {
  const fake = new FakeFrames();
  const clock = new PlaybackClock({ window: { fromS: 0, toS: 600 }, time: fake, frames: fake, ...options });
  return { fake, clock };
}

describe('the playback clock', () => {
  it('moves 2 s in 1 s of fake time at 2×', () => {
    const { fake, clock } = clockOf({ speed: 2 });
    clock.play();
    fake.frames(60, 1000 / 60);
    expect(clock.snapshot().playheadS).toBeCloseTo(2, 9);
    expect(clock.snapshot().playing).toBe(true);
  });

  it('moves a day in a second at 86,400×, and 0.1 s at 0.1×', () => {
    const day = clockOf({ window: { fromS: 0, toS: 200_000 }, speed: 86_400 });
    day.clock.play();
    day.fake.frame(1000);
    expect(day.clock.snapshot().playheadS).toBe(86_400);
    const slow = clockOf({ speed: 0.1 });
    slow.clock.play();
    slow.fake.frames(4, 250);
    expect(slow.clock.snapshot().playheadS).toBeCloseTo(0.1, 9);
  });

  it('counts the time up to a pause, and none while paused', () => {
    const { fake, clock } = clockOf();
    clock.play();
    fake.frame(100);
    fake.nowMs += 50;
    clock.pause();
    expect(clock.snapshot().playheadS).toBeCloseTo(0.15, 9);
    expect(fake.pending).toBe(0);
    fake.nowMs += 5000;
    clock.play();
    fake.frame(100);
    expect(clock.snapshot().playheadS).toBeCloseTo(0.25, 9);
  });

  it('keeps the time played at the old speed when the speed changes', () => {
    const { fake, clock } = clockOf();
    clock.play();
    fake.nowMs += 1000;
    clock.setSpeed(10);
    fake.frame(1000);
    expect(clock.snapshot().playheadS).toBeCloseTo(11, 9);
  });

  it('stops at the end', () => {
    const { fake, clock } = clockOf({ window: { fromS: 0, toS: 10 }, speed: 5 });
    clock.play();
    fake.frames(3, 1000);
    expect(clock.snapshot()).toMatchObject({ playheadS: 10, playing: false });
    expect(fake.pending).toBe(0);
    clock.play();
    expect(clock.snapshot()).toMatchObject({ playheadS: 0, playing: true });
  });

  it('wraps to the start when looping', () => {
    const { fake, clock } = clockOf({ window: { fromS: 0, toS: 10 }, speed: 4, loop: true });
    clock.play();
    fake.frames(3, 1000);
    expect(clock.snapshot().playheadS).toBeCloseTo(2, 9);
    expect(clock.snapshot().playing).toBe(true);
    fake.frame(30_000);
    expect(clock.snapshot().playheadS).toBeCloseTo(2, 9);
  });

  it('steps by a frame (speed / frame rate), a second or a minute, pausing and staying in the range', () => {
    const { fake, clock } = clockOf({ speed: 30, playheadS: 100 });
    clock.play();
    clock.step('frame', 1);
    expect(clock.snapshot()).toMatchObject({ playing: false, playheadS: 100.5 });
    expect(fake.pending).toBe(0);
    clock.step('second', -1);
    expect(clock.snapshot().playheadS).toBe(99.5);
    clock.step('minute', 1);
    expect(clock.snapshot().playheadS).toBe(159.5);
    clock.seek(590);
    clock.step('minute', 1);
    expect(clock.snapshot().playheadS).toBe(600);
    clock.jumpToStart();
    clock.step('second', -1);
    expect(clock.snapshot().playheadS).toBe(0);
  });

  it('seeks within the range and jumps to either end', () => {
    const { clock } = clockOf();
    clock.seek(123.456);
    expect(clock.snapshot().playheadS).toBe(123.456);
    clock.seek(-5);
    expect(clock.snapshot().playheadS).toBe(0);
    clock.seek(1e9);
    expect(clock.snapshot().playheadS).toBe(600);
    clock.jumpToStart();
    expect(clock.snapshot().playheadS).toBe(0);
    clock.jumpToEnd();
    expect(clock.snapshot().playheadS).toBe(600);
    expect(() => clock.seek(Number.NaN)).toThrow(/seek NaN s is not a time/);
  });

  it('takes speeds from 0.1× to 86,400× and refuses others with the bounds', () => {
    const { clock } = clockOf();
    clock.setSpeed(0.1);
    clock.setSpeed(86_400);
    clock.setSpeed(17.5);
    expect(clock.snapshot().speed).toBe(17.5);
    expect(() => clock.setSpeed(0.05)).toThrow('playback speed 0.05× is outside 0.1× to 86,400×');
    expect(() => clock.setSpeed(100_000)).toThrow('playback speed 100,000× is outside 0.1× to 86,400×');
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(Number.POSITIVE_INFINITY)).toThrow(/not a number/);
    expect(clock.snapshot().speed).toBe(17.5);
    expect(() => clockOf({ speed: 0 })).toThrow(/outside/);
  });

  it('steps through the preset speeds with + and −', () => {
    const { clock } = clockOf({ speed: 1 });
    clock.stepSpeed(1);
    expect(clock.snapshot().speed).toBe(2);
    clock.setSpeed(17.5);
    clock.stepSpeed(-1);
    expect(clock.snapshot().speed).toBe(10);
    clock.setSpeed(86_400);
    clock.stepSpeed(1);
    expect(clock.snapshot().speed).toBe(86_400);
  });

  it('shows [playhead − trail, playhead] sliding and [start, playhead] cumulative', () => {
    const { clock } = clockOf({ trailS: 30, playheadS: 100 });
    expect(clock.snapshot().visible).toEqual({ fromS: 70, toS: 100 });
    clock.setTrail(5);
    expect(clock.snapshot().visible).toEqual({ fromS: 95, toS: 100 });
    clock.setMode('cumulative');
    expect(clock.snapshot().visible).toEqual({ fromS: 0, toS: 100 });
    clock.brush(50, 200);
    expect(clock.snapshot().visible).toEqual({ fromS: 50, toS: 100 });
    expect(() => clock.setTrail(0)).toThrow(/trail length 0 s/);
  });

  it('plays, steps, loops and jumps within a brushed sub-window, clamped into the window', () => {
    const { fake, clock } = clockOf({ playheadS: 10, loop: true });
    clock.brush(300, 100);
    expect(clock.snapshot()).toMatchObject({ brush: { fromS: 100, toS: 300 }, range: { fromS: 100, toS: 300 }, playheadS: 100 });
    clock.jumpToEnd();
    expect(clock.snapshot().playheadS).toBe(300);
    clock.play();
    expect(clock.snapshot().playheadS).toBe(100);
    fake.frame(250_000);
    expect(clock.snapshot().playheadS).toBeCloseTo(150, 9);
    clock.seek(500);
    expect(clock.snapshot().playheadS).toBe(300);
    clock.brush(550, 900);
    expect(clock.snapshot().brush).toEqual({ fromS: 550, toS: 600 });
    expect(() => clock.brush(700, 800)).toThrow('brush [700 s, 800 s] leaves nothing of the window [0 s, 600 s]');
    expect(() => clock.brush(20, 20)).toThrow(/leaves nothing/);
    clock.clearBrush();
    expect(clock.snapshot().range).toEqual({ fromS: 0, toS: 600 });
  });

  it('hands subscribers a snapshot on each frame and each change, until unsubscribed', () => {
    const { fake, clock } = clockOf();
    const seen: PlaybackSnapshot[] = [];
    const unsubscribe = clock.subscribe((snapshot) => seen.push(snapshot));
    clock.play();
    fake.frames(3, 100);
    clock.pause();
    expect(seen.map((s) => s.playing)).toEqual([true, true, true, true, false]);
    expect(seen.map((s) => Math.round(s.playheadS * 10))).toEqual([0, 1, 2, 3, 3]);
    unsubscribe();
    clock.seek(5);
    expect(seen).toHaveLength(5);
  });

  it('keeps the playhead and a brush that still overlaps when the window changes', () => {
    const { clock } = clockOf({ playheadS: 400 });
    clock.brush(100, 500);
    clock.setWindow({ fromS: 0, toS: 300 });
    expect(clock.snapshot()).toMatchObject({ brush: { fromS: 100, toS: 300 }, playheadS: 300 });
    clock.setWindow({ fromS: 1000, toS: 2000 });
    expect(clock.snapshot()).toMatchObject({ brush: undefined, playheadS: 1000 });
    expect(() => clock.setWindow({ fromS: 5, toS: 1 })).toThrow(/ends \(1 s\) before it starts \(5 s\)/);
  });

  it('stops asking for frames once disposed', () => {
    const { fake, clock } = clockOf();
    clock.play();
    clock.dispose();
    expect(fake.pending).toBe(0);
    expect(clock.snapshot().playing).toBe(false);
  });
});
