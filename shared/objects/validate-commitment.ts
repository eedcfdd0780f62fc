import { fail, readHash, readInteger, readMemberId, readObjectId, readRecord } from './field-checks';
import { LIMITS } from './limits';
import { AUTHORED_FIELDS, readAuthored } from './validate-authored';
import type { CommitmentPayload } from './types';

export function validateCommitment(value: unknown): CommitmentPayload {
  const record = readRecord(value, '', ['kind', ...AUTHORED_FIELDS, 'incident', 'round', 'delegation', 'digest']);
  const authored = readAuthored(record);
  const incident = readObjectId(record['incident'], 'incident');
  const round = readInteger(record['round'], 'round', 1, LIMITS.maxRound);
  const delegation = readMemberId(record['delegation'], 'delegation');
  if (delegation !== authored.author) fail('inconsistent', 'delegation', `must equal author ${authored.author}: a delegation commits only for itself`);
  return { kind: 'commitment', ...authored, incident, round, delegation, digest: readHash(record['digest'], 'digest') };
}
