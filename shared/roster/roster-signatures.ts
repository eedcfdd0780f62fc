import { checkEnvelopeSignatures, type SignatureCheck } from '../crypto/dsse';
import type { SignedObject } from '../objects/signed-object';
import type { MemberId } from '../objects/types';
import type { RosterIndex } from './roster-index';

export interface RosterApproval {
  /** Members of the approving roster with at least one valid signature, each once, in roster order. */
  readonly members: readonly MemberId[];
  readonly checks: readonly SignatureCheck[];
}

/** Who among `approving`'s members signed `object`. Several keys or repeated signatures of one member count once. */
export function rosterApproval(object: SignedObject, approving: RosterIndex): RosterApproval {
  const checks = checkEnvelopeSignatures(object.envelope, object.payloadBytes, (keyid) => approving.keys.get(keyid)?.publicKey);
  const signed = new Set<MemberId>();
  for (const check of checks) {
    if (check.status === 'valid') signed.add(approving.keys.get(check.keyid)!.member.id);
  }
  return { members: approving.payload.members.map((member) => member.id).filter((id) => signed.has(id)), checks };
}
