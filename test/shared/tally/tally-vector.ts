import type { DecisionRule, MemberId, ObjectId, Role, RosterPayload, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import type { Ballot, RoundBallots } from '../../../shared/tally/ballot';
import type { Standing, Verdict } from '../../../shared/tally/outcome';

/** One golden tally case as stored in test/vectors/tally/<case>.json (format: test/vectors/tally/README.md). */
export interface TallyVector {
  readonly description: string;
  readonly rule: DecisionRule;
  readonly members: readonly { readonly id: string; readonly role: Role; readonly weight: number }[];
  readonly phaseOpen?: boolean;
  readonly silenceDeadline?: string;
  readonly asOf: string;
  readonly ballots: readonly (Pick<Ballot, 'status' | 'finding' | 'attribution' | 'confidence'> & {
    readonly member: string;
    readonly reason?: string;
    readonly objects?: readonly string[];
  })[];
  readonly expected: {
    readonly verdict: Verdict;
    readonly standings: Readonly<Record<string, Standing>>;
    readonly ignored?: readonly string[];
  };
}

export const VECTOR_INCIDENT = 'a'.repeat(64) as ObjectId;
export const VECTOR_PHASE = 'b'.repeat(64) as ObjectId;

export function vectorRoster(vector: TallyVector): RosterPayload {
  return {
    kind: 'roster',
    commission: 'golden-vectors',
    version: 1,
    prev: null,
    issued: '2026-01-01T00:00:00Z' as Timestamp,
    expires: '2027-01-01T00:00:00Z' as Timestamp,
    members: vector.members.map((member) => ({ id: member.id as MemberId, name: member.id, role: member.role, weight: member.weight, keys: [] })),
    rule: vector.rule,
    updateThreshold: 1,
    lineGeometry: '0'.repeat(64) as Sha256Hex,
  };
}

export function vectorRound(vector: TallyVector): RoundBallots {
  const ballots: Ballot[] = vector.ballots.map((ballot) => ({
    ...ballot,
    member: ballot.member as MemberId,
    reason: ballot.reason ?? `vector ballot: ${ballot.status}`,
    objects: (ballot.objects ?? []) as ObjectId[],
  }));
  return {
    incident: VECTOR_INCIDENT,
    round: 1,
    ...(vector.phaseOpen === false ? {} : { phase: VECTOR_PHASE }),
    ...(vector.silenceDeadline === undefined ? {} : { silenceDeadline: vector.silenceDeadline }),
    ballots,
  };
}
