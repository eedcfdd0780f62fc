import type { AnySignedStatement } from '../objects/signed-object';
import type { ObjectId } from '../objects/types';

export interface LogPosition {
  readonly seq: number;
  readonly prev: ObjectId | null;
}

/** Where a key's next statement goes: seq 1 with no prev for its first, else right after `last`, the key's latest statement. */
export function nextLogPosition(last: Pick<AnySignedStatement, 'id' | 'payload'> | undefined): LogPosition {
  return last === undefined ? { seq: 1, prev: null } : { seq: last.payload.seq + 1, prev: last.id };
}
