import { fail, readInteger, readMemberId, readOptionalObjectId, readTimestamp } from './field-checks';
import type { AuthoredStatement } from './types';

export const AUTHORED_FIELDS = ['author', 'seq', 'prev', 'created'] as const;

/** The log position every statement carries: seq 1 has no prev, every later seq names one. */
export function readAuthored(record: Readonly<Record<string, unknown>>): AuthoredStatement {
  const author = readMemberId(record['author'], 'author');
  const seq = readInteger(record['seq'], 'seq', 1, Number.MAX_SAFE_INTEGER);
  const prev = readOptionalObjectId(record['prev'], 'prev');
  if ((seq === 1) !== (prev === null)) fail('inconsistent', 'prev', seq === 1 ? 'must be null when seq is 1' : `must name the statement with seq ${seq - 1}, got null`);
  const created = readTimestamp(record['created'], 'created');
  return { author, seq, prev, created };
}
