import { parseTimestamp } from '../objects/timestamp';
import type { DecisionMethod, DecisionRule, Finding, MemberId, ObjectId, Role, RosterPayload, Sha256Hex, Timestamp } from '../objects/types';
import type { Ballot, BallotStatus, RoundBallots } from './ballot';

/**
 * A tally case: one round at the level of ballots (after the sealing rules), with the rule and
 * members it is tallied under. It is the format of the golden tally vectors
 * (test/vectors/tally/README.md) and what `truceline tally --case FILE` recomputes, so that an
 * auditor can check the decision rules alone, with no signed objects.
 */
export interface TallyCase {
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
}

export const CASE_INCIDENT = 'a'.repeat(64) as ObjectId;
export const CASE_PHASE = 'b'.repeat(64) as ObjectId;

const STATUSES: readonly BallotStatus[] = ['counted', 'silent', 'committed', 'unmatched-reveal', 'early-reveal', 'equivocated', 'invalid'];
const FINDINGS: readonly Finding[] = ['violation', 'no-violation', 'inconclusive', 'abstain'];
const METHODS: readonly DecisionMethod[] = ['unanimity', 'consensus', 'consensus-minus-one', 'majority'];
const ROLES: readonly Role[] = ['voting', 'party', 'observer', 'producer', 'chair'];
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

export class TallyCaseError extends Error {
  override readonly name = 'TallyCaseError';
}

export function caseRoster(tallyCase: Pick<TallyCase, 'rule' | 'members'>): RosterPayload {
  return {
    kind: 'roster',
    commission: 'tally-case',
    version: 1,
    prev: null,
    issued: '2026-01-01T00:00:00Z' as Timestamp,
    expires: '2027-01-01T00:00:00Z' as Timestamp,
    members: tallyCase.members.map((member) => ({ id: member.id as MemberId, name: member.id, role: member.role, weight: member.weight, keys: [] })),
    rule: tallyCase.rule,
    updateThreshold: 1,
    lineGeometry: '0'.repeat(64) as Sha256Hex,
  };
}

export function caseRound(tallyCase: TallyCase): RoundBallots {
  const ballots: Ballot[] = tallyCase.ballots.map((ballot) => ({
    ...ballot,
    member: ballot.member as MemberId,
    reason: ballot.reason ?? `ballot: ${ballot.status}`,
    objects: (ballot.objects ?? []) as ObjectId[],
  }));
  return {
    incident: CASE_INCIDENT,
    round: 1,
    ...(tallyCase.phaseOpen === false ? {} : { phase: CASE_PHASE }),
    ...(tallyCase.silenceDeadline === undefined ? {} : { silenceDeadline: tallyCase.silenceDeadline }),
    ballots,
  };
}

/** Checks an untrusted tally case; the error names the field. */
export function parseTallyCase(value: unknown): TallyCase {
  const fail = (field: string, why: string): never => {
    throw new TallyCaseError(`tally case: ${field} ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('', 'is not a JSON object');
  const raw = value as Record<string, unknown>;
  if (!Array.isArray(raw['members'])) fail('members', 'must be an array');
  if (!Array.isArray(raw['ballots'])) fail('ballots', 'must be an array');
  if (typeof raw['asOf'] !== 'string' || parseTimestamp(raw['asOf']) === undefined) fail('asOf', 'must be an RFC 3339 UTC time');
  if (raw['silenceDeadline'] !== undefined && (typeof raw['silenceDeadline'] !== 'string' || parseTimestamp(raw['silenceDeadline']) === undefined))
    fail('silenceDeadline', 'must be an RFC 3339 UTC time');
  if (raw['phaseOpen'] !== undefined && typeof raw['phaseOpen'] !== 'boolean') fail('phaseOpen', 'must be true or false');
  // Only the shape is checked: a rule that cannot be applied (say a zero denominator) is the tally's to report.
  const rule = raw['rule'] as Record<string, unknown> | null;
  if (typeof rule !== 'object' || rule === null) fail('rule', 'must be an object');
  if (!METHODS.includes(rule!['method'] as DecisionMethod)) fail('rule.method', `must be one of ${METHODS.join(', ')}`);
  for (const flag of ['weighted', 'silenceProcedure']) if (typeof rule![flag] !== 'boolean') fail(`rule.${flag}`, 'must be true or false');
  for (const share of ['threshold', 'quorum']) {
    const fraction = rule![share] as Record<string, unknown> | undefined;
    if (fraction === undefined) continue;
    if (!isCount(fraction?.['numerator']) || !isCount(fraction?.['denominator'])) fail(`rule.${share}`, 'must be {numerator, denominator} of whole numbers');
  }
  if (rule!['thresholdComparison'] !== undefined && rule!['thresholdComparison'] !== 'more-than' && rule!['thresholdComparison'] !== 'at-least') {
    fail('rule.thresholdComparison', 'must be more-than or at-least');
  }
  (raw['members'] as unknown[]).forEach((member, i) => {
    const m = member as Record<string, unknown> | null;
    if (typeof m !== 'object' || m === null || typeof m['id'] !== 'string') return fail(`members[${i}].id`, 'must be a member id');
    if (!ROLES.includes(m['role'] as Role)) fail(`members[${i}].role`, `must be one of ${ROLES.join(', ')}`);
    if (!isCount(m['weight'])) fail(`members[${i}].weight`, 'must be a whole number');
  });
  (raw['ballots'] as unknown[]).forEach((ballot, i) => {
    const b = ballot as Record<string, unknown> | null;
    const field = `ballots[${i}]`;
    if (typeof b !== 'object' || b === null) return fail(field, 'is not an object');
    if (typeof b['member'] !== 'string') fail(`${field}.member`, 'must be a member id');
    if (!STATUSES.includes(b['status'] as BallotStatus)) fail(`${field}.status`, `must be one of ${STATUSES.join(', ')}`);
    if (b['finding'] !== undefined && !FINDINGS.includes(b['finding'] as Finding)) fail(`${field}.finding`, `must be one of ${FINDINGS.join(', ')}`);
    if (b['attribution'] !== undefined && typeof b['attribution'] !== 'string') fail(`${field}.attribution`, 'must be a member id or undetermined');
    if (b['confidence'] !== undefined && (!Number.isInteger(b['confidence']) || (b['confidence'] as number) < 0 || (b['confidence'] as number) > 100))
      fail(`${field}.confidence`, 'must be an integer 0–100');
  });
  return value as TallyCase;
}
