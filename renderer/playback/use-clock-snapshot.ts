import { useEffect, useState } from 'react';
import type { PlaybackClock, PlaybackSnapshot } from './playback-clock';

/** The clock's latest snapshot: the component re-renders on each frame while it plays, and only then. */
export function useClockSnapshot(clock: PlaybackClock | undefined): PlaybackSnapshot | undefined {
  const [snapshot, setSnapshot] = useState<PlaybackSnapshot | undefined>(() => clock?.snapshot());
  useEffect(() => {
    setSnapshot(clock?.snapshot());
    return clock?.subscribe(setSnapshot);
  }, [clock]);
  return snapshot;
}
