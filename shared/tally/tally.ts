import type { Attribution, MemberId, RosterPayload, Timestamp } from '../objects/types';
import type { Ballot, RoundBallots } from './ballot';
import { decideAmong, quorumMet, sum, type Decision } from './decision-rules';
import { collectBallots } from './collect-ballots';
import { exhaustive } from './exhaustive';
import { attributionPosition, findingPosition, standingOf, standingReason } from './member-standing';
import { attributionNoDecisionReason, disputedBallots, listMembers, noDecisionReason, summarizeCounts } from './outcome-reasons';
import {
  SUBSTANTIVE_FINDINGS,
  type AttributionCount,
  type MemberTally,
  type TallyCounts,
  type TallyOutcome,
  type Verdict,
  type VoteCount,
} from './outcome';
import { prepareRoster, type NormalizedRule, type PreparedRoster } from './prepared-roster';
import { silenceState } from './silence';

const PREPARED = new WeakMap<RosterPayload, PreparedRoster>();

/**
 * The consensus verdict of one round (DESIGN §3, docs/SPEC.md "Tally"): a pure function of the
 * roster, the round's ballots and the time of the tally. Never throws on a well-typed input.
 */
export function tallyRound(roster: RosterPayload, ballots: RoundBallots, asOf: Timestamp): TallyOutcome {
  // Rosters are immutable values: the preparation of one roster object serves every incident under it.
  let prepared = PREPARED.get(roster);
  if (prepared === undefined) {
    prepared = prepareRoster(roster);
    PREPARED.set(roster, prepared);
  }
  return tallyPrepared(prepared, ballots, asOf);
}

interface MutableCount {
  votes: number;
  weight: number;
}

/** Per-candidate support: index = candidate. */
interface MutableSupport {
  readonly votes: number[];
  readonly weights: number[];
  withoutPosition: number;
}

export function tallyPrepared(prepared: PreparedRoster, round: RoundBallots, asOf: Timestamp): TallyOutcome {
  const ballots = collectBallots(prepared, round.ballots);
  const phaseOpen = round.phase !== undefined;
  const silence = silenceState(prepared.rule, round, asOf, phaseOpen);

  const finding: MutableSupport = { votes: [0, 0, 0], weights: [0, 0, 0], withoutPosition: 0 };
  const attribution: MutableSupport = {
    votes: new Array<number>(prepared.attributionCandidates.length).fill(0),
    weights: new Array<number>(prepared.attributionCandidates.length).fill(0),
    withoutPosition: 0,
  };
  const abstained = zero();
  const silentNoObjection = zero();
  const awaited = zero();
  const notCounted = zero();
  const disputed = zero();
  const disputedBy: MemberId[] = [];
  const awaitedMembers: MemberId[] = [];

  const members: MemberTally[] = new Array<MemberTally>(prepared.members.length);
  for (let index = 0; index < prepared.members.length; index += 1) {
    const member = prepared.members[index]!;
    const ballot = ballots.byMember[index] ?? missingBallot(member.id);
    const standing = standingOf(member, ballot, silence.passed);
    const weight = member.weight;
    switch (standing) {
      case 'counted': {
        const position = findingPosition(ballot.finding);
        finding.votes[position]! += 1;
        finding.weights[position]! += weight;
        if (position === 0) {
          const candidate = attributionPosition(prepared, ballot.attribution);
          attribution.votes[candidate]! += 1;
          attribution.weights[candidate]! += weight;
        }
        break;
      }
      case 'abstained':
        add(abstained, weight);
        finding.withoutPosition += 1;
        break;
      case 'not-counted':
        add(notCounted, weight);
        finding.withoutPosition += 1;
        break;
      case 'silent-no-objection':
        add(silentNoObjection, weight);
        break;
      case 'awaited':
        add(awaited, weight);
        awaitedMembers.push(member.id);
        break;
      case 'disputed':
        add(disputed, weight);
        disputedBy.push(member.id);
        break;
      case 'recused':
      case 'observer':
        break;
      default:
        exhaustive(standing, undefined);
    }
    members[index] = memberTally(prepared, member.role, weight, ballot, standing);
  }

  const counts: TallyCounts = {
    voting: { votes: prepared.votingCount, weight: prepared.votingWeight },
    findings: {
      violation: { votes: finding.votes[0]!, weight: finding.weights[0]! },
      'no-violation': { votes: finding.votes[1]!, weight: finding.weights[1]! },
      inconclusive: { votes: finding.votes[2]!, weight: finding.weights[2]! },
    },
    abstained,
    silentNoObjection,
    awaited,
    notCounted,
    disputed,
    attributions: attributionCounts(prepared.attributionCandidates, attribution),
  };

  const { verdict, reason } = decideVerdict(prepared, counts, { finding, attribution, disputed, disputedBy, awaitedMembers, phaseOpen, silenceNote: silence.note });
  return { incident: round.incident, round: round.round, asOf, verdict, reason, counts, members, ignored: ballots.ignored };
}

interface RoundSupport {
  readonly finding: MutableSupport;
  readonly attribution: MutableSupport;
  readonly disputed: VoteCount;
  readonly disputedBy: readonly MemberId[];
  readonly awaitedMembers: readonly MemberId[];
  readonly phaseOpen: boolean;
  readonly silenceNote: string;
}

function decideVerdict(prepared: PreparedRoster, counts: TallyCounts, round: RoundSupport): { verdict: Verdict; reason: string } {
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
  const attributed: Attribution =
    attributionDecision.adopted === null ? 'undetermined' : prepared.attributionCandidates[attributionDecision.adopted] ?? 'undetermined';
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
function decideUnderDispute(
  disputed: VoteCount,
  candidates: number,
  decide: (reading: DisputedReading) => Decision,
  resultOf: (decision: Decision) => number,
): Decision | 'unstable' {
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

function memberTally(prepared: PreparedRoster, role: MemberTally['role'], weight: number, ballot: Ballot, standing: MemberTally['standing']): MemberTally {
  const reason = standingReason(standing, ballot, prepared.countedViolationReasons);
  const { member, status, finding, attribution, confidence } = ballot;
  // One literal for the common revealed ballot keeps the hot path on a single object shape.
  if (finding !== undefined && attribution !== undefined && confidence !== undefined) {
    return { member, role, weight, ballot: status, standing, reason, ballotReason: ballot.reason, objects: ballot.objects, finding, attribution, confidence };
  }
  const entry: { -readonly [K in keyof MemberTally]: MemberTally[K] } = {
    member,
    role,
    weight,
    ballot: status,
    standing,
    reason,
    ballotReason: ballot.reason,
    objects: ballot.objects,
  };
  if (finding !== undefined) entry.finding = finding;
  if (attribution !== undefined) entry.attribution = attribution;
  if (confidence !== undefined) entry.confidence = confidence;
  return entry;
}

const NO_OBJECTS: readonly never[] = Object.freeze([]);

function missingBallot(member: MemberId): Ballot {
  return { member, status: 'silent', reason: 'the round holds no ballot for this member', objects: NO_OBJECTS };
}

function attributionCounts(candidates: readonly Attribution[], support: MutableSupport): readonly AttributionCount[] {
  const counts: AttributionCount[] = [];
  for (let index = 0; index < candidates.length; index += 1) {
    const votes = support.votes[index]!;
    if (votes > 0) counts.push({ attribution: candidates[index]!, votes, weight: support.weights[index]! });
  }
  return counts;
}

function zero(): MutableCount {
  return { votes: 0, weight: 0 };
}

function add(count: MutableCount, weight: number): void {
  count.votes += 1;
  count.weight += weight;
}
