import { epochMsAt, int64Words } from './epoch-ms';

/**
 * Times as float32 seconds since `windowStartMs`, for the GPU (float32 cannot hold epoch ms).
 * A float32 holds t seconds to within 2^(⌊log2 t⌋ − 24) s: at most 3.91 ms anywhere in a 24 h
 * window, under 1 ms for the first 2^15 s (9.1 h), under 0.25 ms for the first 2^13 s (2.3 h).
 */
export function rebaseToSeconds(timesMs: BigInt64Array, windowStartMs: number, into: Float32Array = new Float32Array(timesMs.length)): Float32Array {
  if (into.length !== timesMs.length) throw new RangeError(`rebaseToSeconds: output holds ${into.length} values, input ${timesMs.length}`);
  const words = int64Words(timesMs);
  for (let i = 0; i < timesMs.length; i++) into[i] = (epochMsAt(words, i) - windowStartMs) / 1000;
  return into;
}

export interface TimeRangeMs {
  readonly minMs: number;
  readonly maxMs: number;
}

/** The earliest and latest time, or undefined for no values. */
export function timeRangeMs(timesMs: BigInt64Array): TimeRangeMs | undefined {
  if (timesMs.length === 0) return undefined;
  const words = int64Words(timesMs);
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (let i = 0; i < timesMs.length; i++) {
    const t = epochMsAt(words, i);
    if (t < minMs) minMs = t;
    if (t > maxMs) maxMs = t;
  }
  return { minMs, maxMs };
}
