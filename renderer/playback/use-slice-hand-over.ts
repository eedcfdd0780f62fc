import { useEffect, useState } from 'react';
import { sliceCount } from './bucket-layers';
import type { PlaybackEvidence } from './playback-evidence';

/**
 * How many of the buckets' slices bucketLayers may draw: one more each animation frame until all
 * are, so that no frame uploads more than one slice (the window's thread is never held for long
 * while a day streams in). Starts again from none when other evidence (a new first bucket) arrives.
 */
export function useSliceHandOver(buckets: readonly PlaybackEvidence[] | undefined): number {
  const [handed, setHanded] = useState<{ readonly first: PlaybackEvidence | undefined; readonly count: number }>({ first: undefined, count: 0 });
  const first = buckets?.[0];
  const count = handed.first === first ? handed.count : 0;
  const total = buckets ? sliceCount(buckets) : 0;
  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => setHanded({ first, count: count + 1 }));
    return () => cancelAnimationFrame(frame);
  }, [first, count, total]);
  return count;
}
