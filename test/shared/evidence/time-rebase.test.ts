import { describe, expect, it } from 'vitest';
import { rebaseToSeconds, timeRangeMs } from '../../../shared/evidence/time-rebase';
import { DAY_START_MS } from './evidence-fixtures';

/** Largest |float32 seconds − exact seconds|, in ms, over every `stepMs` in [0, spanMs]. */
function worstErrorMs(spanMs: number, stepMs: number): number {
  const count = Math.floor(spanMs / stepMs) + 1;
  const times = new BigInt64Array(count);
  const words = new Uint32Array(times.buffer);
  for (let i = 0; i < count; i++) {
    const t = DAY_START_MS + i * stepMs;
    words[2 * i] = t % 2 ** 32;
    words[2 * i + 1] = Math.floor(t / 2 ** 32);
  }
  expect(times[count - 1]).toBe(BigInt(DAY_START_MS + (count - 1) * stepMs));
  const rebased = rebaseToSeconds(times, DAY_START_MS);
  let worst = 0;
  for (let i = 0; i < count; i++) worst = Math.max(worst, Math.abs(rebased[i]! * 1000 - i * stepMs));
  return worst;
}

describe('rebaseToSeconds', () => {
  // float32 keeps 24 significant bits: t seconds are held to within 2^(⌊log2 t⌋ − 24) s.
  it('keeps a 24 h window to within 3.91 ms, and no better than 1 ms', () => {
    const worst = worstErrorMs(86_400_000, 7);
    expect(worst).toBeLessThanOrEqual(2 ** -8 * 1000);
    expect(worst).toBeGreaterThan(1);
  });

  it('keeps a window of up to 2^15 s (9.1 h) to under 1 ms', () => {
    expect(worstErrorMs(2 ** 15 * 1000 - 1, 3)).toBeLessThan(1);
  });

  it('keeps a window of up to 2^13 s (2.3 h) to under 0.25 ms', () => {
    expect(worstErrorMs(2 ** 13 * 1000 - 1, 1)).toBeLessThanOrEqual(0.25);
  });

  it('rebases times before the window start to negative seconds and handles pre-1970 times', () => {
    const times = BigInt64Array.from([BigInt(DAY_START_MS - 1500), -86_400_000n, 0n]);
    expect(Array.from(rebaseToSeconds(times, DAY_START_MS)).slice(0, 1)).toEqual([-1.5]);
    expect(Array.from(rebaseToSeconds(times, 0))).toEqual([Math.fround(DAY_START_MS / 1000 - 1.5), -86_400, 0]);
  });

  it('writes into a caller-provided array of the same length, and refuses another length', () => {
    const times = BigInt64Array.from([BigInt(DAY_START_MS + 250)]);
    const into = new Float32Array(1);
    expect(rebaseToSeconds(times, DAY_START_MS, into)).toBe(into);
    expect(into[0]).toBe(0.25);
    expect(() => rebaseToSeconds(times, DAY_START_MS, new Float32Array(2))).toThrow(RangeError);
  });
});

describe('timeRangeMs', () => {
  it('gives the earliest and latest epoch milliseconds, exactly', () => {
    const times = BigInt64Array.from([BigInt(DAY_START_MS + 5), BigInt(DAY_START_MS - 86_400_000), BigInt(DAY_START_MS + 86_399_999)]);
    expect(timeRangeMs(times)).toEqual({ minMs: DAY_START_MS - 86_400_000, maxMs: DAY_START_MS + 86_399_999 });
    expect(timeRangeMs(new BigInt64Array(0))).toBeUndefined();
  });
});
