import { fail, readArray, readInteger, readMemberId, readObjectId, readOneOf, readRecord } from './field-checks';
import { LIMITS } from './limits';
import { AUTHORED_FIELDS, readAuthored } from './validate-authored';
import { readRule } from './validate-roster';
import type { ClosedEquivocation, ClosedVerdict, ClosingPayload, MemberId, ObjectId } from './types';

/** Ids strictly ascending: one spelling per set, so equal sets give equal payload bytes. */
function readSortedIds(value: unknown, field: string, max: number): readonly ObjectId[] {
  const ids = readArray(value, field, { min: 0, max }, readObjectId);
  ids.forEach((id, index) => {
    if (index > 0 && ids[index - 1]! >= id) fail('bad-format', `${field}[${index}]`, 'must be in strictly ascending order (each id once)');
  });
  return ids;
}

function readEquivocation(value: unknown, field: string): ClosedEquivocation {
  const record = readRecord(value, field, ['member', 'statements']);
  const statements = readArray(record['statements'], `${field}.statements`, { min: 2, max: 2 }, readObjectId);
  if (statements[0]! >= statements[1]!) fail('bad-format', `${field}.statements[1]`, 'must be two different ids in ascending order');
  return { member: readMemberId(record['member'], `${field}.member`), statements: [statements[0]!, statements[1]!] };
}

function readVerdict(value: unknown): ClosedVerdict {
  const outcome = readOneOf(readRecord(value, 'verdict', ['outcome'], ['finding', 'attribution', 'disputedBy'])['outcome'], 'verdict.outcome', ['decided', 'no-consensus', 'disputed'] as const);
  switch (outcome) {
    case 'decided': {
      const record = readRecord(value, 'verdict', ['outcome', 'finding'], ['attribution']);
      const finding = readOneOf(record['finding'], 'verdict.finding', ['violation', 'no-violation', 'inconclusive'] as const);
      if (finding !== 'violation') {
        readRecord(value, 'verdict', ['outcome', 'finding']);
        return { outcome, finding };
      }
      const full = readRecord(value, 'verdict', ['outcome', 'finding', 'attribution']);
      const attribution = full['attribution'] === 'undetermined' ? 'undetermined' : readMemberId(full['attribution'], 'verdict.attribution');
      return { outcome, finding, attribution };
    }
    case 'no-consensus':
      readRecord(value, 'verdict', ['outcome']);
      return { outcome };
    case 'disputed': {
      const record = readRecord(value, 'verdict', ['outcome', 'disputedBy']);
      const disputedBy: readonly MemberId[] = readArray(record['disputedBy'], 'verdict.disputedBy', { min: 1, max: LIMITS.members }, readMemberId);
      return { outcome, disputedBy };
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

export function validateClosing(value: unknown): ClosingPayload {
  const record = readRecord(value, '', ['kind', ...AUTHORED_FIELDS, 'incident', 'round', 'roster', 'rule', 'phase', 'commitments', 'reveals', 'equivocations', 'verdict']);
  const authored = readAuthored(record);
  const incident = readObjectId(record['incident'], 'incident');
  const round = readInteger(record['round'], 'round', 1, LIMITS.maxRound);
  const roster = readObjectId(record['roster'], 'roster');
  const rule = readRule(record['rule']);
  const phase = readObjectId(record['phase'], 'phase');
  const commitments = readSortedIds(record['commitments'], 'commitments', LIMITS.phaseCommitments);
  const reveals = readSortedIds(record['reveals'], 'reveals', LIMITS.phaseCommitments);
  const equivocations = readArray(record['equivocations'], 'equivocations', { min: 0, max: LIMITS.members }, readEquivocation);
  equivocations.forEach((entry, index) => {
    const previous = equivocations[index - 1];
    if (previous !== undefined && `${previous.member} ${previous.statements[0]}` >= `${entry.member} ${entry.statements[0]}`) {
      fail('bad-format', `equivocations[${index}]`, 'must be sorted by member, then by first id, each pair once');
    }
  });
  return { kind: 'closing', ...authored, incident, round, roster, rule, phase, commitments, reveals, equivocations, verdict: readVerdict(record['verdict']) };
}
