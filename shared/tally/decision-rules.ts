import { exhaustive } from './exhaustive';
import { compareShare } from './fraction';
import type { NormalizedRule } from './prepared-roster';

/** Why a rule adopted nothing. */
export type NoDecision =
  /** Nobody whose vote counts holds a position. */
  | 'no-position'
  /** Consensus: some voting member holds another position. */
  | 'objection'
  /** Consensus minus one: more than one voting member holds another position. */
  | 'objections'
  /** Unanimity: a voting member abstained or its ballot does not count. */
  | 'not-unanimous'
  /** Majority: no position reaches the threshold. */
  | 'below-threshold'
  /** More than one position meets the rule. */
  | 'tie'
  | 'quorum-not-met';

export type Decision = { readonly adopted: number } | { readonly adopted: null; readonly why: NoDecision };

/**
 * The positions held by the members whose votes count, as parallel per-candidate arrays (index =
 * candidate), plus, for unanimity, how many voting members hold no position although they had to.
 */
export interface Support {
  readonly votes: readonly number[];
  readonly weights: readonly number[];
  /** Abstained or not counted: breaks unanimity, neither objects nor supports under the other rules. */
  readonly withoutPosition: number;
}

/**
 * Applies the rule to one question (the finding, or the attribution among the violation votes).
 * Invariant: a candidate is adopted only with at least one supporter, and only if no other
 * candidate meets the rule too (a tie adopts nothing).
 */
export function decideAmong(rule: NormalizedRule, support: Support): Decision {
  switch (rule.method) {
    case 'unanimity':
      return decideUnanimity(support);
    case 'consensus':
      return decideConsensus(support);
    case 'consensus-minus-one':
      return decideConsensusMinusOne(support);
    case 'majority':
      return decideMajority(rule, support);
    default:
      return exhaustive(rule.method, { adopted: null, why: 'no-position' });
  }
}

/** Quorum: the counted, non-abstaining votes (or their weight) reach this share of all voting members (or of their weight). */
export function quorumMet(rule: NormalizedRule, participating: number, whole: number): boolean {
  if (rule.quorum === null || whole === 0) return true;
  return compareShare(participating, whole, rule.quorum) >= 0;
}

function decideUnanimity(support: Support): Decision {
  const consensus = decideConsensus(support);
  if (consensus.adopted === null) return consensus;
  return support.withoutPosition > 0 ? { adopted: null, why: 'not-unanimous' } : consensus;
}

function decideConsensus(support: Support): Decision {
  let held = -1;
  for (let candidate = 0; candidate < support.votes.length; candidate += 1) {
    if ((support.votes[candidate] ?? 0) === 0) continue;
    if (held !== -1) return { adopted: null, why: 'objection' };
    held = candidate;
  }
  return held === -1 ? { adopted: null, why: 'no-position' } : { adopted: held };
}

function decideConsensusMinusOne(support: Support): Decision {
  const total = sum(support.votes);
  if (total === 0) return { adopted: null, why: 'no-position' };
  let adopted = -1;
  for (let candidate = 0; candidate < support.votes.length; candidate += 1) {
    const votes = support.votes[candidate] ?? 0;
    if (votes === 0 || total - votes > 1) continue;
    if (adopted !== -1) return { adopted: null, why: 'tie' };
    adopted = candidate;
  }
  return adopted === -1 ? { adopted: null, why: 'objections' } : { adopted };
}

function decideMajority(rule: NormalizedRule, support: Support): Decision {
  const counts = rule.weighted ? support.weights : support.votes;
  const total = sum(counts);
  if (total === 0) return { adopted: null, why: 'no-position' };
  let adopted = -1;
  for (let candidate = 0; candidate < counts.length; candidate += 1) {
    const held = counts[candidate] ?? 0;
    if (held === 0) continue;
    const comparison = compareShare(held, total, rule.threshold);
    if (rule.comparison === 'more-than' ? comparison <= 0 : comparison < 0) continue;
    if (adopted !== -1) return { adopted: null, why: 'tie' };
    adopted = candidate;
  }
  return adopted === -1 ? { adopted: null, why: 'below-threshold' } : { adopted };
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
