import { describe, expect, it } from 'vitest';
import { followMirror, type FollowingClock } from '../../../renderer/session/follow-mirror';

function fakeClock(state: { playheadS: number; playing: boolean; speed: number }) {
  const calls: string[] = [];
  const clock: FollowingClock = {
    snapshot: () => ({ ...state }),
    seek: (s) => (calls.push(`seek ${s}`), (state.playheadS = s)),
    setSpeed: (v) => (calls.push(`speed ${v}`), (state.speed = v)),
    play: () => (calls.push('play'), (state.playing = true)),
    pause: () => (calls.push('pause'), (state.playing = false)),
  };
  return { clock, calls };
}

describe('followMirror', () => {
  it('seeks to a desk seek, follows speed and play', () => {
    const { clock, calls } = fakeClock({ playheadS: 0, playing: false, speed: 1 });
    followMirror(clock, { playheadSeconds: 120, playing: true, speed: 4 }, false);
    expect(calls).toEqual(['speed 4', 'seek 120', 'play']);
  });

  it('lets a running clock run on between updates that agree with it', () => {
    const { clock, calls } = fakeClock({ playheadS: 120.6, playing: true, speed: 4 });
    followMirror(clock, { playheadSeconds: 120, playing: true, speed: 4 }, false);
    expect(calls).toEqual([]);
  });

  it('pauses on a desk pause, and a frozen room holds the mirrored playhead', () => {
    const paused = fakeClock({ playheadS: 30, playing: true, speed: 1 });
    followMirror(paused.clock, { playheadSeconds: 30.2, playing: false, speed: 1 }, false);
    expect(paused.calls).toEqual(['pause']);
    const frozen = fakeClock({ playheadS: 30.5, playing: true, speed: 1 });
    followMirror(frozen.clock, { playheadSeconds: 30, playing: true, speed: 1 }, true);
    expect(frozen.calls).toEqual(['seek 30', 'pause']);
  });
});
