import { describe, expect, it } from 'vitest';
import { currentRound, notCurrentReason, opensNextRound, roundsHeld, type RoundState } from '../../../shared/commission/current-round';
import type { AnyVerifiedStatement } from '../../../shared/roster/verify-statement';
import type { ObjectId } from '../../../shared/objects/types';

const INCIDENT = 'a'.repeat(64) as ObjectId;
const OTHER = 'b'.repeat(64) as ObjectId;

function statement(kind: 'commitment' | 'phase' | 'closing' | 'assessment', incident: ObjectId, round: number): AnyVerifiedStatement {
  const payload = kind === 'assessment' ? { body: { incident, round } } : { incident, round };
  return { object: { kind, payload } } as unknown as AnyVerifiedStatement;
}

const state = (round: number, outcome: RoundState['outcome'], finality: RoundState['finality']): RoundState => ({ round, outcome, finality });

describe('the current round of an incident', () => {
  it('is round 1 while nothing is signed, else the highest round that holds a statement', () => {
    expect(currentRound(undefined)).toBe(1);
    expect(currentRound(state(1, 'pending', 'provisional'))).toBe(1);
    expect(currentRound(state(3, 'no-consensus', 'provisional'))).toBe(3);
  });

  it('is the next round once that round is final without a decision; a decided close ends the rounds', () => {
    expect(currentRound(state(1, 'no-consensus', 'final'))).toBe(2);
    expect(currentRound(state(2, 'disputed', 'final'))).toBe(3);
    expect(currentRound(state(1, 'decided', 'final'))).toBe(1);
    // A closing that does not hold (two records, a named object missing) opens nothing.
    expect(currentRound(state(1, 'no-consensus', 'closing-refused'))).toBe(1);
    // No statement may name a round after 1,000.
    expect(currentRound(state(1000, 'no-consensus', 'final'))).toBe(1000);
    expect(opensNextRound({ outcome: 'pending', finality: 'final' })).toBe(false);
  });

  it('reads the rounds of the incident only, from every kind of round statement', () => {
    const statements = [statement('commitment', INCIDENT, 2), statement('assessment', INCIDENT, 1), statement('closing', INCIDENT, 1), statement('phase', OTHER, 7), statement('assessment', OTHER, 9)];
    expect(roundsHeld(statements, INCIDENT)).toEqual([1, 2]);
    expect(roundsHeld([], INCIDENT)).toEqual([]);
  });

  it('says in one line why the desk does not sign in another round', () => {
    expect(notCurrentReason(1, 2, { roundClosed: true, currentDecided: false })).toBe('round 1 is closed: round 2 is the current round');
    expect(notCurrentReason(1, 3, { roundClosed: false, currentDecided: false })).toBe('round 1 is no longer current: round 3 is the current round');
    expect(notCurrentReason(3, 2, { roundClosed: false, currentDecided: false })).toBe('round 3 is not open: round 2 is the current round');
    expect(notCurrentReason(2, 1, { roundClosed: false, currentDecided: true })).toBe("round 2 is not open: round 1 was closed with a decision, which ends the incident's rounds");
  });
});
