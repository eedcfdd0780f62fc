import type { ObjectId } from '../../shared/objects/types';

/**
 * Where a device key's log stands (DESIGN §2, per-author logs): the seq and id of the last
 * statement it signed, kept beside its key file so the next statement continues the log. Losing
 * it would make the key sign a second statement with an old seq, which is equivocation.
 */
export interface AuthorLogState {
  readonly keyid: string;
  readonly seq: number;
  readonly id: ObjectId;
}

export function logStatePath(keyFile: string): string {
  return `${keyFile}.log.json`;
}
