import { describe, expect, it } from 'vitest';
import { timeOrder } from '../../../renderer/playback/time-order';
import { seededRandom } from '../../shared/evidence/evidence-fixtures';

function byTimeThenRow(times: readonly number[]): number[] {
  return times.map((_, row) => row).sort((a, b) => times[a]! - times[b]! || a - b);
}

function timesOf(values: readonly number[]): BigInt64Array {
  return BigInt64Array.from(values, (ms) => BigInt(ms));
}

describe('the time order of detections', () => {
  it.each([
    ['within a day', 86_400_000],
    ['over 60 days (a third and fourth radix pass)', 60 * 86_400_000],
    ['over 200,000 years', 2 ** 52],
    ['within one second, with many ties', 1_000],
  ])('sorts times %s, ties in their original order', (_, spanMs) => {
    const random = seededRandom(spanMs % 1_000_003);
    const base = Date.UTC(2026, 2, 14);
    const times = Array.from({ length: 5_000 }, () => base + Math.floor(random() * spanMs));
    for (let i = 3; i < times.length; i += 4) times[i] = times[i - 3]!;
    expect(Array.from(timeOrder(timesOf(times)))).toEqual(byTimeThenRow(times));
  });

  it('sorts times before 1970 and around the int64 word boundary', () => {
    const times = [2 ** 32 + 5, -1_000, 2 ** 32 - 1, 0, 2 ** 32, -1_000, 2 ** 33];
    expect(Array.from(timeOrder(timesOf(times)))).toEqual(byTimeThenRow(times));
  });

  it('gives the identity for times already in order, and nothing for no times', () => {
    expect(Array.from(timeOrder(timesOf([1, 1, 2, 3, 3])))).toEqual([0, 1, 2, 3, 4]);
    expect(timeOrder(new BigInt64Array(0)).length).toBe(0);
  });
});
