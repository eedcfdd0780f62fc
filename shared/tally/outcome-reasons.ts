import type { MemberId } from '../objects/types';
import type { NoDecision } from './decision-rules';
import { exhaustive } from './exhaustive';
import { formatFraction } from './fraction';
import { SUBSTANTIVE_FINDINGS, type TallyCounts, type VoteCount } from './outcome';
import type { NormalizedRule } from './prepared-roster';

/** "9 violation, 1 no-violation, 2 abstained": the positions of the voting members, zero counts left out. */
export function summarizeCounts(counts: TallyCounts, weighted: boolean): string {
  const parts: string[] = [];
  for (const finding of SUBSTANTIVE_FINDINGS) pushCount(parts, counts.findings[finding], finding, weighted);
  pushCount(parts, counts.abstained, 'abstained', weighted);
  pushCount(parts, counts.silentNoObjection, 'silent past the deadline', weighted);
  pushCount(parts, counts.notCounted, 'not counted', weighted);
  pushCount(parts, counts.disputed, 'disputed', weighted);
  pushCount(parts, counts.awaited, 'awaited', weighted);
  return parts.length === 0 ? 'no voting member' : parts.join(', ');
}

function pushCount(parts: string[], count: VoteCount, label: string, weighted: boolean): void {
  if (count.votes === 0) return;
  parts.push(weighted ? `${count.votes} ${label} (weight ${count.weight})` : `${count.votes} ${label}`);
}

export function noDecisionReason(why: NoDecision, rule: NormalizedRule, counts: TallyCounts, summary: string): string {
  switch (why) {
    case 'no-position':
      return `no consensus: no voting member whose vote counts took a position (${summary})`;
    case 'objection':
      return `no consensus: the counted findings differ (${summary})`;
    case 'objections':
      return `no consensus: more than one voting member holds another finding (${summary})`;
    case 'not-unanimous':
      return `no unanimity: a voting member abstained or its ballot does not count (${summary})`;
    case 'below-threshold':
      return `no majority: no finding has ${comparisonWords(rule.comparison)} ${formatFraction(rule.threshold)} of the counted ${rule.weighted ? 'weight' : 'votes'} (${summary})`;
    case 'tie':
      return `no consensus: more than one finding meets the rule (${summary})`;
    case 'quorum-not-met': {
      const positions = positionsTaken(counts);
      const taken = rule.weighted ? `weight ${positions.weight} of ${counts.voting.weight}` : `${positions.votes} of ${counts.voting.votes} voting members`;
      return `no quorum: ${taken} took a position, the quorum is ${formatFraction(rule.quorum ?? { numerator: 0, denominator: 1 })} (${summary})`;
    }
    default:
      return exhaustive(why, `no consensus: ${String(why)}`);
  }
}

function positionsTaken(counts: TallyCounts): VoteCount {
  let votes = 0;
  let weight = 0;
  for (const finding of SUBSTANTIVE_FINDINGS) {
    votes += counts.findings[finding].votes;
    weight += counts.findings[finding].weight;
  }
  return { votes, weight };
}

export function attributionNoDecisionReason(why: NoDecision): string {
  switch (why) {
    case 'no-position':
      return 'no violation vote names a party';
    case 'objection':
    case 'objections':
    case 'not-unanimous':
    case 'tie':
      return 'the violation votes do not agree on it';
    case 'below-threshold':
    case 'quorum-not-met':
      return 'no attribution reaches the threshold among the violation votes';
    default:
      return exhaustive(why, String(why));
  }
}

export function listMembers(members: readonly MemberId[]): string {
  return members.join(', ');
}

/** "the disputed ballot of FRA" / "the disputed ballots of FRA, DEU". */
export function disputedBallots(members: readonly MemberId[]): string {
  return `the disputed ${members.length === 1 ? 'ballot' : 'ballots'} of ${listMembers(members)}`;
}

export function comparisonWords(comparison: 'more-than' | 'at-least'): string {
  return comparison === 'more-than' ? 'more than' : 'at least';
}
