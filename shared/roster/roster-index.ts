import { fromBase64 } from '../encoding/base64';
import type { KeyId, MemberId, RosterMember, RosterPayload } from '../objects/types';

export interface RosterKey {
  readonly member: RosterMember;
  readonly publicKey: Uint8Array;
}

/** Lookups into one validated roster. */
export interface RosterIndex {
  readonly payload: RosterPayload;
  readonly keys: ReadonlyMap<KeyId, RosterKey>;
  readonly members: ReadonlyMap<MemberId, RosterMember>;
}

export function indexRoster(payload: RosterPayload): RosterIndex {
  const keys = new Map<KeyId, RosterKey>();
  for (const member of payload.members) {
    // Validation guarantees strict base64 of 32 bytes and keyids unique across the roster.
    for (const key of member.keys) keys.set(key.keyid, { member, publicKey: fromBase64(key.publicKey)! });
  }
  return { payload, keys, members: new Map(payload.members.map((member) => [member.id, member])) };
}
