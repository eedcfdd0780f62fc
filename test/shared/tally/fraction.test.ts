import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareShare, shareProblem } from '../../../shared/tally/fraction';

function exact(part: number, whole: number, numerator: number, denominator: number): -1 | 0 | 1 {
  const left = BigInt(part) * BigInt(denominator);
  const right = BigInt(numerator) * BigInt(whole);
  return left < right ? -1 : left > right ? 1 : 0;
}

describe('compareShare', () => {
  it('compares exactly, with no float division', () => {
    expect(compareShare(2, 3, { numerator: 2, denominator: 3 })).toBe(0);
    expect(compareShare(4, 6, { numerator: 2, denominator: 3 })).toBe(0);
    expect(compareShare(1, 3, { numerator: 1, denominator: 3 })).toBe(0);
    expect(compareShare(3, 10, { numerator: 1, denominator: 3 })).toBe(-1);
    expect(compareShare(1, 2, { numerator: 1, denominator: 2 })).toBe(0);
  });

  it('stays exact past 2^53, where floats would round the products together', () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(compareShare(big - 1, big, { numerator: big - 2, denominator: big - 1 })).toBe(1);
    expect(compareShare(big - 2, big - 1, { numerator: big - 1, denominator: big })).toBe(-1);
    expect(compareShare(big, big, { numerator: big, denominator: big })).toBe(0);
  });

  it('agrees with BigInt arithmetic on any safe integers', () => {
    const safe = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    const positive = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(safe, positive, safe, positive, (part, whole, numerator, denominator) => {
        expect(compareShare(part, whole, { numerator, denominator })).toBe(exact(part, whole, numerator, denominator));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});

describe('shareProblem', () => {
  it.each([
    [{ numerator: 1, denominator: 0 }, 'denominator'],
    [{ numerator: -1, denominator: 2 }, 'negative'],
    [{ numerator: 3, denominator: 2 }, 'more than 1'],
    [{ numerator: 0.5, denominator: 1 }, 'integers'],
    [{ numerator: 1, denominator: Number.NaN }, 'integers'],
  ])('rejects %j', (fraction, words) => {
    expect(shareProblem(fraction)).toContain(words);
  });

  it.each([
    { numerator: 0, denominator: 1 },
    { numerator: 1, denominator: 2 },
    { numerator: 2, denominator: 3 },
    { numerator: 5, denominator: 5 },
  ])('accepts %j', (fraction) => {
    expect(shareProblem(fraction)).toBeNull();
  });
});
