import type { Attribution, MemberId } from '../objects/types';
import { decideAmong, quorumMet, sum, type Decision } from './decision-rules';
import { attributionNoDecisionReason, disputedBallots, listMembers, noDecisionReason, summarizeCounts } from './outcome-reasons';
import { SUBSTANTIVE_FINDINGS, type TallyCounts, type Verdict, type VoteCount } from './outcome';
import type { NormalizedRule, PreparedRoster } from './prepared-roster';

/** Per-candidate support: index = candidate. */
export interface MutableSupport {
  readonly votes: number[];
  readonly weights: number[];
  withoutPosition: number;
}

export interface RoundSupport {
  readonly finding: MutableSupport;
  readonly attribution: MutableSupport;
  readonly disputed: VoteCount;
  readonly disputedBy: readonly MemberId[];
  readonly awaitedMembers: readonly MemberId[];
  readonly phaseOpen: boolean;
  readonly silenceNote: string;
}

/** Step 3 of docs/SPEC.md "Tally": rule, phase, awaited members, then the finding and the attribution under every reading of the disputed ballots. */
export function decideVerdict(prepared: PreparedRoster, counts: TallyCounts, round: RoundSupport): { verdict: Verdict; reason: string } {
  const rule = prepared.rule;
  if ('problem' in rule) {
    return { verdict: { outcome: 'no-consensus' }, reason: `no consensus possible: the roster's decision rule cannot be applied: ${rule.problem}` };
  }
  if (!round.phaseOpen) return { verdict: { outcome: 'pending' }, reason: 'pending: the chair has not opened the reveal' };
  if (round.awaitedMembers.length > 0) {
    const many = round.awaitedMembers.length === 1 ? 'voting member' : 'voting members';
    return {
      verdict: { outcome: 'pending' },
      reason: `pending: ${round.awaitedMembers.length} ${many} not revealed (${listMembers(round.awaitedMembers)})${round.silenceNote}`,
    };
  }

  const summary = summarizeCounts(counts, rule.weighted);
  const findingDecision = decideUnderDispute(round.disputed, SUBSTANTIVE_FINDINGS.length, (reading) => decideFinding(rule, prepared, round.finding, reading), adoptedOrNone);
  if (findingDecision === 'unstable') {
    return {
      verdict: { outcome: 'disputed', disputedBy: round.disputedBy },
      reason: `disputed: the finding depends on ${disputedBallots(round.disputedBy)} (${summary})`,
    };
  }
  const cannotChange = round.disputedBy.length === 0 ? '' : `; ${disputedBallots(round.disputedBy)} cannot change it`;
  if (findingDecision.adopted === null) {
    return { verdict: { outcome: 'no-consensus' }, reason: `${noDecisionReason(findingDecision.why, rule, counts, summary)}${cannotChange}` };
  }
  const adopted = SUBSTANTIVE_FINDINGS[findingDecision.adopted]!;
  const adoptedLine = `${adopted} adopted under ${prepared.ruleDescription} (${summary})`;
  if (adopted !== 'violation') {
    return { verdict: { outcome: 'decided', finding: adopted }, reason: `${adoptedLine}${cannotChange}` };
  }

  const undetermined = prepared.attributionCandidates.length - 1;
  // Adopting 'undetermined' and adopting nothing give the same attribution.
  const attributionDecision = decideUnderDispute(
    round.disputed,
    prepared.attributionCandidates.length,
    (reading) => decideAttribution(rule, round.attribution, reading),
    (decision) => decision.adopted ?? undetermined,
  );
  if (attributionDecision === 'unstable') {
    return {
      verdict: { outcome: 'disputed', disputedBy: round.disputedBy },
      reason: `disputed: violation adopted, but its attribution depends on ${disputedBallots(round.disputedBy)} (${summary})`,
    };
  }
  const attributed: Attribution = attributionDecision.adopted === null ? 'undetermined' : (prepared.attributionCandidates[attributionDecision.adopted] ?? 'undetermined');
  const attributionLine =
    attributionDecision.adopted === null
      ? `attribution undetermined: ${attributionNoDecisionReason(attributionDecision.why)}`
      : attributionDecision.adopted === undetermined
        ? 'attribution undetermined: the violation votes hold it undetermined'
        : `attributed to ${attributed}`;
  return { verdict: { outcome: 'decided', finding: 'violation', attribution: attributed }, reason: `${adoptedLine}; ${attributionLine}${cannotChange}` };
}

/** Where the disputed ballots go in one reading: NO_POSITION, or a candidate index. */
const NO_POSITION = -1;

interface DisputedReading {
  readonly position: number;
  readonly votes: number;
  readonly weight: number;
}

/**
 * The decision if it is the same however the disputed ballots are read, else 'unstable'.
 * Reading all of them as one candidate, or all as holding no position, is enough: each rule is
 * monotone in the support of a candidate, so those pure readings are the extremes (docs/SPEC.md).
 */
function decideUnderDispute(disputed: VoteCount, candidates: number, decide: (reading: DisputedReading) => Decision, resultOf: (decision: Decision) => number): Decision | 'unstable' {
  const base = decide({ position: NO_POSITION, votes: disputed.votes, weight: disputed.weight });
  if (disputed.votes === 0) return base;
  for (let position = 0; position < candidates; position += 1) {
    const alternative = decide({ position, votes: disputed.votes, weight: disputed.weight });
    if (resultOf(alternative) !== resultOf(base)) return 'unstable';
  }
  return base;
}

function adoptedOrNone(decision: Decision): number {
  return decision.adopted ?? NO_POSITION;
}

function decideFinding(rule: NormalizedRule, prepared: PreparedRoster, support: MutableSupport, reading: DisputedReading): Decision {
  return withReading(support, reading, true, () => {
    const participating = rule.weighted ? sum(support.weights) : sum(support.votes);
    const whole = rule.weighted ? prepared.votingWeight : prepared.votingCount;
    return quorumMet(rule, participating, whole) ? decideAmong(rule, support) : { adopted: null, why: 'quorum-not-met' };
  });
}

function decideAttribution(rule: NormalizedRule, support: MutableSupport, reading: DisputedReading): Decision {
  return withReading(support, reading, false, () => decideAmong(rule, support));
}

/**
 * Evaluates with the disputed ballots read as reading.position, then restores the support. In the
 * attribution, a disputed ballot read as holding no position is simply not a violation vote.
 */
function withReading(support: MutableSupport, reading: DisputedReading, withoutPositionCounts: boolean, evaluate: () => Decision): Decision {
  if (reading.position === NO_POSITION) {
    const added = withoutPositionCounts ? reading.votes : 0;
    support.withoutPosition += added;
    const result = evaluate();
    support.withoutPosition -= added;
    return result;
  }
  support.votes[reading.position]! += reading.votes;
  support.weights[reading.position]! += reading.weight;
  const result = evaluate();
  support.votes[reading.position]! -= reading.votes;
  support.weights[reading.position]! -= reading.weight;
  return result;
}
