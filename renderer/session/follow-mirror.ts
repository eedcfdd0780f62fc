import type { PlaybackMirror } from '../../shared/session/session-view';

/** The part of the playback clock the room drives. */
export interface FollowingClock {
  snapshot(): { readonly playheadS: number; readonly playing: boolean; readonly speed: number };
  seek(seconds: number): void;
  setSpeed(speed: number): void;
  play(): void;
  pause(): void;
}

/** How far the room's own clock may drift from the desk's playhead before it jumps to it. */
export const MIRROR_TOLERANCE_S = 1;

/**
 * Brings the room's clock to the desk's mirrored state: speed, then the playhead (only when it drifted
 * beyond the tolerance, so a running clock stays smooth between updates), then play or pause. A frozen
 * room holds its picture: the clock stops at the mirrored playhead.
 */
export function followMirror(clock: FollowingClock, mirror: PlaybackMirror, frozen: boolean): void {
  const own = clock.snapshot();
  if (own.speed !== mirror.speed) clock.setSpeed(mirror.speed);
  if (Math.abs(own.playheadS - mirror.playheadSeconds) > MIRROR_TOLERANCE_S || frozen) clock.seek(mirror.playheadSeconds);
  const playing = mirror.playing && !frozen;
  if (playing && !clock.snapshot().playing) clock.play();
  if (!playing && clock.snapshot().playing) clock.pause();
}
