import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { PlaybackClock } from './playback-clock';
import { controlsOf, type PlaybackControls } from './playback-controls';

/** The clock's controls as React state: re-renders when someone acts on the clock, not on its frames. */
export function usePlaybackControls(clock: PlaybackClock): PlaybackControls {
  const current = useRef<{ clock: PlaybackClock; controls: PlaybackControls } | undefined>(undefined);
  const read = useCallback(() => {
    const cached = current.current?.clock === clock ? current.current.controls : undefined;
    const controls = controlsOf(clock.snapshot(), cached);
    if (controls !== cached) current.current = { clock, controls };
    return controls;
  }, [clock]);
  const subscribe = useCallback(
    (notify: () => void) =>
      clock.subscribe((snapshot) => {
        const cached = current.current?.clock === clock ? current.current.controls : undefined;
        const controls = controlsOf(snapshot, cached);
        if (controls === cached) return;
        current.current = { clock, controls };
        notify();
      }),
    [clock],
  );
  return useSyncExternalStore(subscribe, read);
}
