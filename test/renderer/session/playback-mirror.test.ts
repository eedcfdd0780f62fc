import { describe, expect, it } from 'vitest';
import { shouldMirror } from '../../../renderer/session/playback-mirror';

const playing = { playheadSeconds: 10, playing: true, speed: 2 };

describe('shouldMirror', () => {
  it('sends the first state, play/pause and speed changes at once', () => {
    expect(shouldMirror(undefined, playing, 0)).toBe(true);
    expect(shouldMirror({ playback: playing, atMs: 0 }, { ...playing, playing: false }, 10)).toBe(true);
    expect(shouldMirror({ playback: playing, atMs: 0 }, { ...playing, speed: 4 }, 10)).toBe(true);
  });

  it('sends a running playhead at most twice a second, a seek at once', () => {
    expect(shouldMirror({ playback: playing, atMs: 0 }, { ...playing, playheadSeconds: 10.2 }, 100)).toBe(false);
    expect(shouldMirror({ playback: playing, atMs: 0 }, { ...playing, playheadSeconds: 11 }, 500)).toBe(true);
    expect(shouldMirror({ playback: playing, atMs: 0 }, { ...playing, playheadSeconds: 60 }, 100)).toBe(true);
    expect(shouldMirror({ playback: { ...playing, playing: false }, atMs: 0 }, { ...playing, playing: false }, 5000)).toBe(false);
  });
});
