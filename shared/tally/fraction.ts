import type { Fraction } from '../objects/types';

/**
 * Exact comparison of part/whole with numerator/denominator by integer cross-multiplication
 * (part × denominator against numerator × whole); never a float division. Every argument must be
 * a safe non-negative integer and whole, denominator > 0. Products past 2^53 are redone in BigInt.
 */
export function compareShare(part: number, whole: number, share: Fraction): -1 | 0 | 1 {
  const left = part * share.denominator;
  const right = share.numerator * whole;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const exactLeft = BigInt(part) * BigInt(share.denominator);
  const exactRight = BigInt(share.numerator) * BigInt(whole);
  return exactLeft < exactRight ? -1 : exactLeft > exactRight ? 1 : 0;
}

/** Why a fraction cannot be used as a share, or null when it can (0 ≤ n ≤ d, d > 0, both safe integers). */
export function shareProblem(fraction: Fraction): string | null {
  const { numerator, denominator } = fraction;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    return `${String(numerator)}/${String(denominator)} is not a ratio of integers`;
  }
  if (denominator <= 0) return `${numerator}/${denominator} has a denominator that is not positive`;
  if (numerator < 0) return `${numerator}/${denominator} is negative`;
  if (numerator > denominator) return `${numerator}/${denominator} is more than 1`;
  return null;
}

export function formatFraction(fraction: Fraction): string {
  return `${fraction.numerator}/${fraction.denominator}`;
}
