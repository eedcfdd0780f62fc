import type { Attribution, ClosedVerdict, Finding, MemberId, ObjectId, Role, Timestamp } from '../objects/types';
import type { BallotStatus } from './ballot';

/** The findings a decision can adopt; 'abstain' is a ballot, never a verdict. */
export const SUBSTANTIVE_FINDINGS = ['violation', 'no-violation', 'inconclusive'] as const;
export type SubstantiveFinding = (typeof SUBSTANTIVE_FINDINGS)[number];

/** The roles whose members assess an incident; producer and chair do not. */
export type AssessingRole = Extract<Role, 'voting' | 'party' | 'observer'>;

/** How the tally used one member's ballot (docs/SPEC.md, Tally). */
export type Standing =
  /** Voting member, counted ballot with a substantive finding. */
  | 'counted'
  /** Voting member, counted ballot with the finding 'abstain'. */
  | 'abstained'
  /** Voting member that has not revealed yet, with no deadline that settles its silence: the round waits. */
  | 'awaited'
  /** Voting member that had not revealed when the silence deadline passed: counts as not objecting. */
  | 'silent-no-objection'
  /** Voting member whose reveal does not count (unmatched or early): takes no part in the decision. */
  | 'not-counted'
  /** Voting member whose ballot is equivocated or invalid: its value is unknown. */
  | 'disputed'
  /** Party to the dispute: shown, never counted. */
  | 'recused'
  /** Observer: shown, never counted. */
  | 'observer';

export interface VoteCount {
  readonly votes: number;
  readonly weight: number;
}

export interface AttributionCount extends VoteCount {
  readonly attribution: Attribution;
}

export interface TallyCounts {
  /** Every voting member of the roster. */
  readonly voting: VoteCount;
  /** Counted voting ballots per substantive finding. */
  readonly findings: Readonly<Record<SubstantiveFinding, VoteCount>>;
  readonly abstained: VoteCount;
  readonly silentNoObjection: VoteCount;
  readonly awaited: VoteCount;
  readonly notCounted: VoteCount;
  readonly disputed: VoteCount;
  /** Attributions of the counted 'violation' ballots: parties in roster order, then 'undetermined'; zero counts left out. */
  readonly attributions: readonly AttributionCount[];
}

export interface MemberTally {
  readonly member: MemberId;
  readonly role: AssessingRole;
  readonly weight: number;
  /** The round resolver's status of this member's ballot. */
  readonly ballot: BallotStatus;
  readonly standing: Standing;
  readonly finding?: Finding;
  readonly attribution?: Attribution;
  readonly confidence?: number;
  /** One line a delegate can read: how the tally used this ballot. */
  readonly reason: string;
  /** The round resolver's own line for this ballot. */
  readonly ballotReason: string;
  readonly objects: readonly ObjectId[];
}

/** A ballot the tally set aside: its member is not in the roster, or does not assess (producer, chair). */
export interface IgnoredBallot {
  readonly member: MemberId;
  readonly reason: string;
}

/** Pending, or a verdict a closing record can state (disputed: an equivocated or invalid voting ballot decides the result; disputedBy lists every such member, in roster order). */
export type Verdict = { readonly outcome: 'pending' } | ClosedVerdict;

export type OutcomeKind = Verdict['outcome'];

export interface TallyOutcome {
  readonly incident: ObjectId;
  readonly round: number;
  readonly asOf: Timestamp;
  readonly verdict: Verdict;
  /** One line: why this verdict. */
  readonly reason: string;
  readonly counts: TallyCounts;
  /** Every assessing member of the roster (voting, party, observer), once each, in roster order. */
  readonly members: readonly MemberTally[];
  /** Sorted by member id. */
  readonly ignored: readonly IgnoredBallot[];
}
