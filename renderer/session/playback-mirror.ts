import type { PlaybackMirror } from '../../shared/session/session-view';

/** How often, at most, a playing desk tells the room where its playhead is. */
export const MIRROR_INTERVAL_MS = 500;

export interface MirrorSent {
  readonly playback: PlaybackMirror;
  readonly atMs: number;
}

/** Whether the room needs this playback state: play, pause, speed and seeks go at once; a running playhead twice a second. */
export function shouldMirror(last: MirrorSent | undefined, next: PlaybackMirror, nowMs: number): boolean {
  if (last === undefined) return true;
  if (last.playback.playing !== next.playing || last.playback.speed !== next.speed) return true;
  if (last.playback.playheadSeconds === next.playheadSeconds) return false;
  const expected = last.playback.playing ? last.playback.playheadSeconds + ((nowMs - last.atMs) / 1000) * last.playback.speed : last.playback.playheadSeconds;
  const seeked = Math.abs(next.playheadSeconds - expected) > 2;
  return seeked || nowMs - last.atMs >= MIRROR_INTERVAL_MS;
}
