import { useEffect, useState } from 'react';
import { sliceCount } from './bucket-layers';
import type { PlaybackEvidence } from './playback-evidence';

/**
 * How many of the buckets' slices bucketLayers may draw: one more each animation frame until all
 * are, so that no frame uploads more than one slice (the window's thread is never held for long
 * while a day streams in). Starts again from none when other evidence (a new first bucket) arrives.
 */
export function useSliceHandOver(buckets: readonly PlaybackEvidence[] | undefined): number {
  return useOnePerFrame(buckets?.[0], buckets ? sliceCount(buckets) : 0);
}

/** 0, then one more each animation frame up to `total`; from 0 again when `key` changes. */
export function useOnePerFrame(key: unknown, total: number): number {
  const [reached, setReached] = useState<{ readonly key: unknown; readonly count: number }>({ key: undefined, count: 0 });
  const count = reached.key === key ? reached.count : 0;
  useEffect(() => {
    if (count >= total) return;
    const frame = requestAnimationFrame(() => setReached({ key, count: count + 1 }));
    return () => cancelAnimationFrame(frame);
  }, [key, count, total]);
  return count;
}
