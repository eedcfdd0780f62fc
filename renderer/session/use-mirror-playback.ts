import { useEffect } from 'react';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { PlaybackClock, PlaybackSnapshot } from '../playback/playback-clock';
import { shouldMirror, type MirrorSent } from './playback-mirror';

/** Mirrors the desk's playback clock on the room screen (throttled; failures are the room's loss, never the desk's). */
export function useMirrorPlayback(api: Pick<TrucelineApi, 'mirrorPlayback'>, clock: PlaybackClock | undefined): void {
  useEffect(() => {
    if (clock === undefined) return;
    let last: MirrorSent | undefined;
    const mirror = (snapshot: PlaybackSnapshot) => {
      const playback = { playheadSeconds: Math.max(0, snapshot.playheadS), playing: snapshot.playing, speed: snapshot.speed };
      const now = performance.now();
      if (!shouldMirror(last, playback, now)) return;
      last = { playback, atMs: now };
      api.mirrorPlayback(playback).catch(() => undefined);
    };
    // A new clock (the desk went to another incident) is mirrored at once: the room must not keep the last item's playhead.
    mirror(clock.snapshot());
    return clock.subscribe(mirror);
  }, [api, clock]);
}
