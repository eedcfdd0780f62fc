import type { Attribution, Finding, MemberId, ObjectId } from '../objects/types';

/**
 * How one member stands in one round after the sealing rules were applied (commit → the chair's
 * phase → reveal). Produced by the round resolver (shared/sealing), consumed by the tally.
 */
export type BallotStatus =
  /** Revealed an assessment whose digest matches a commitment the phase lists. */
  | 'counted'
  /** Nothing from this member in this round. */
  | 'silent'
  /** Committed (and listed), has not revealed yet. */
  | 'committed'
  /** Revealed, but the reveal matches no commitment the phase lists. */
  | 'unmatched-reveal'
  /** Revealed before the chair's phase opened the reveal. */
  | 'early-reveal'
  /** Two conflicting statements from this member (equivocation): the vote is disputed. */
  | 'equivocated'
  /** An object of this member in this round failed verification (bad signature, wrong key, …). */
  | 'invalid';

export interface Ballot {
  readonly member: MemberId;
  readonly status: BallotStatus;
  /** Present when an assessment was revealed (counted or not). */
  readonly finding?: Finding;
  readonly attribution?: Attribution;
  readonly confidence?: number;
  /** One line a delegate can read: why this member has this status. */
  readonly reason: string;
  /** The objects behind this status (commitment, assessment, the conflicting pair…). */
  readonly objects: readonly ObjectId[];
}

export interface RoundBallots {
  readonly incident: ObjectId;
  readonly round: number;
  /** The chair's phase object that opened the reveal, if any. */
  readonly phase?: ObjectId;
  readonly revealDeadline?: string;
  readonly silenceDeadline?: string;
  /** One ballot per roster member that may assess (roles voting, party, observer), in roster order. */
  readonly ballots: readonly Ballot[];
}
