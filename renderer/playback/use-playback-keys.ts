import { useEffect } from 'react';
import type { PlaybackClock } from './playback-clock';
import { applyPlaybackKeyAction, keyBelongsToFocus, playbackKeyAction } from './playback-keys';

/** The playback keys on the whole document while mounted, except where the focused element uses the key itself or handled it already. */
export function usePlaybackKeys(clock: PlaybackClock): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = playbackKeyAction(event);
      if (!action) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (keyBelongsToFocus(target && { tagName: target.tagName, type: (target as HTMLInputElement).type, isContentEditable: target.isContentEditable }, event.key)) return;
      event.preventDefault();
      applyPlaybackKeyAction(clock, action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [clock]);
}
