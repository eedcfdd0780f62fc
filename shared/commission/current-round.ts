import { LIMITS } from '../objects/limits';
import type { ObjectId } from '../objects/types';
import type { AnyVerifiedStatement } from '../roster/verify-statement';
import { roundOf } from '../sealing/resolve-round';
import type { OutcomeKind } from '../tally/outcome';
import type { FinalityStatus } from './views';

// The workstation's convention for rounds beyond 1 (docs/SPEC.md, "Rounds"): the chair opens round
// N+1 by closing round N without a decision. Nothing is signed to open a round, so any verifier
// reads the same objects as before; only the desk uses this to choose the round it acts on.

/** A round as the current round is chosen from it: its outcome and finality as tallied now. */
export interface RoundState {
  readonly round: number;
  readonly outcome: OutcomeKind;
  readonly finality: FinalityStatus;
}

/** The rounds of the incident that hold a verified statement (commitment, phase, reveal, closing record), ascending. */
export function roundsHeld(statements: readonly AnyVerifiedStatement[], incident: ObjectId): number[] {
  const rounds = new Set<number>();
  for (const { object } of statements) {
    const of = roundOf(object);
    if (of?.incident === incident) rounds.add(of.round);
  }
  return [...rounds].sort((a, b) => a - b);
}

/** A round closed without a decision (no consensus, or disputed) opens the next one; a round closed as decided ends the incident's rounds. */
export function opensNextRound(state: Pick<RoundState, 'outcome' | 'finality'>): boolean {
  return state.finality === 'final' && (state.outcome === 'no-consensus' || state.outcome === 'disputed');
}

/**
 * The round the desk acts on, from the highest round that holds a statement (undefined when none
 * does): that round, or the next one when it is closed without a decision; round 1 when nothing
 * exists. The last round a statement may name stays current even when closed without a decision.
 */
export function currentRound(highest: RoundState | undefined): number {
  if (highest === undefined) return 1;
  return opensNextRound(highest) && highest.round < LIMITS.maxRound ? highest.round + 1 : highest.round;
}

/** Why the desk signs nothing in a round other than the current one, in one line. */
export function notCurrentReason(round: number, current: number, held: { readonly roundClosed: boolean; readonly currentDecided: boolean }): string {
  if (round < current) return held.roundClosed ? `round ${round} is closed: round ${current} is the current round` : `round ${round} is no longer current: round ${current} is the current round`;
  if (held.currentDecided) return `round ${round} is not open: round ${current} was closed with a decision, which ends the incident's rounds`;
  return `round ${round} is not open: round ${current} is the current round`;
}
