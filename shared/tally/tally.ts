import type { Attribution, MemberId, RosterPayload, Timestamp } from '../objects/types';
import type { Ballot, RoundBallots } from './ballot';
import { collectBallots } from './collect-ballots';
import { exhaustive } from './exhaustive';
import { VIOLATION, attributionPosition, findingPosition, standingOf, standingReason } from './member-standing';
import type { AttributionCount, MemberTally, TallyCounts, TallyOutcome } from './outcome';
import { prepareRoster, type PreparedRoster } from './prepared-roster';
import { silenceState } from './silence';
import { decideVerdict, type MutableSupport } from './verdict';

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
        if (position === VIOLATION) {
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

  const { verdict, reason } = decideVerdict(prepared, counts, {
    finding,
    attribution,
    disputed,
    disputedBy,
    awaitedMembers,
    phaseOpen,
    silenceNote: silence.note,
  });
  return { incident: round.incident, round: round.round, asOf, verdict, reason, counts, members, ignored: ballots.ignored };
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
