import { describe, expect, it } from 'vitest';
import { PlaybackClock, type FrameScheduler } from '../../../renderer/playback/playback-clock';
import { controlsOf } from '../../../renderer/playback/playback-controls';

function fakeClock() {
  let nowMs = 0;
  let frame: (() => void) | undefined;
  const frames: FrameScheduler = {
    requestFrame: (callback) => {
      frame = callback;
      return 1;
    },
    cancelFrame: () => (frame = undefined),
  };
  const clock = new PlaybackClock({ window: { fromS: 0, toS: 600 }, time: { now: () => nowMs }, frames });
  const tick = (ms: number) => {
    nowMs += ms;
    const run = frame;
    frame = undefined;
    run?.();
  };
  return { clock, tick };
}

describe('controlsOf', () => {
  it('keeps the same object while frames only move the playhead', () => {
    const { clock, tick } = fakeClock();
    clock.play();
    const controls = controlsOf(clock.snapshot());
    tick(16);
    tick(16);
    expect(clock.snapshot().playheadS).toBeGreaterThan(0);
    expect(controlsOf(clock.snapshot(), controls)).toBe(controls);
  });

  it('is a new object when a control changes', () => {
    const { clock } = fakeClock();
    let controls = controlsOf(clock.snapshot());
    const changes: [string, () => void, (c: typeof controls) => unknown][] = [
      ['play', () => clock.play(), (c) => c.playing],
      ['speed', () => clock.setSpeed(10), (c) => c.speed],
      ['loop', () => clock.setLoop(true), (c) => c.loop],
      ['mode', () => clock.setMode('cumulative'), (c) => c.mode],
      ['trail', () => clock.setTrail(5), (c) => c.trailS],
      ['brush', () => clock.brush(10, 20), (c) => c.brush],
      ['window', () => clock.setWindow({ fromS: 0, toS: 900 }), (c) => c.window],
    ];
    for (const [what, change, read] of changes) {
      const before = read(controls);
      change();
      const next = controlsOf(clock.snapshot(), controls);
      expect(next, what).not.toBe(controls);
      expect(read(next), what).not.toEqual(before);
      controls = next;
    }
  });
});
