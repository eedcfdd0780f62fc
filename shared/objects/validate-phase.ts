import { isPresent, readArray, readInteger, readObjectId, readOneOf, readRecord, readTimestamp, requireUnique } from './field-checks';
import { LIMITS } from './limits';
import { AUTHORED_FIELDS, readAuthored } from './validate-authored';
import type { PhasePayload } from './types';

export function validatePhase(value: unknown): PhasePayload {
  const record = readRecord(value, '', ['kind', ...AUTHORED_FIELDS, 'incident', 'round', 'action', 'commitments'], ['revealDeadline', 'silenceDeadline']);
  const authored = readAuthored(record);
  const incident = readObjectId(record['incident'], 'incident');
  const round = readInteger(record['round'], 'round', 1, LIMITS.maxRound);
  const action = readOneOf(record['action'], 'action', ['open-reveal'] as const);
  const commitments = readArray(record['commitments'], 'commitments', { min: 0, max: LIMITS.phaseCommitments }, readObjectId);
  requireUnique(commitments, 'commitments', (id) => id, 'commitment id');
  return {
    kind: 'phase',
    ...authored,
    incident,
    round,
    action,
    commitments,
    ...(isPresent(record, 'revealDeadline') ? { revealDeadline: readTimestamp(record['revealDeadline'], 'revealDeadline') } : {}),
    ...(isPresent(record, 'silenceDeadline') ? { silenceDeadline: readTimestamp(record['silenceDeadline'], 'silenceDeadline') } : {}),
  };
}
