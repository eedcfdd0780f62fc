import { checkEnvelopeSignatures } from '../crypto/dsse';
import { verifyDetached, type VerifySignature } from '../crypto/ed25519';
import { describeKey, type IssueCode } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import type { KeyId, MemberId } from '../objects/types';
import type { RosterIndex } from './roster-index';

// A closing record carries the chair's signature and, optionally, countersignatures of voting
// members over the same payload. Every signature must be good: an unknown signer, a signature that
// does not verify, a repeated keyid or a signer who is not a voting member refuses the record
// (anyone can drop a countersignature, which gives another copy of the same record, but nobody can
// add one that does not hold). Each member counts once, however many of its keys sign.

/** Why the signatures of a closing record other than the author's `authorKey` refuse it, if they do. */
export function countersignatureProblem(
  object: SignedObject<'closing'>,
  roster: RosterIndex,
  authorKey: KeyId,
  verify: VerifySignature = verifyDetached,
): { code: IssueCode; text: string } | undefined {
  for (const check of checkEnvelopeSignatures(object.envelope, object.payloadBytes, (keyid) => roster.keys.get(keyid)?.publicKey, verify)) {
    if (check.keyid === authorKey && check.status === 'valid') continue;
    switch (check.status) {
      case 'duplicate':
        return { code: 'duplicate-signature', text: `${describeKey(check.keyid)} signed more than once` };
      case 'unknown-key':
        return { code: 'unknown-key', text: `countersignature by ${describeKey(check.keyid)}, which the roster does not list` };
      case 'invalid':
        return { code: 'bad-signature', text: `countersignature by ${describeKey(check.keyid)} does not verify` };
      case 'valid': {
        const member = roster.keys.get(check.keyid)!.member;
        if (member.role !== 'voting')
          return { code: 'wrong-role', text: `countersigned by ${member.id}, ${member.role === 'observer' ? 'an' : 'a'} ${member.role} member; only voting members countersign` };
        break;
      }
      default: {
        const unreachable: never = check.status;
        return unreachable;
      }
    }
  }
  return undefined;
}

/** Voting members who countersigned any of the copies (envelopes with one payload), each once, in roster order. Call on verified copies only. */
export function countersigners(copies: readonly SignedObject<'closing'>[], roster: RosterIndex): readonly MemberId[] {
  const signed = new Set<MemberId>();
  for (const copy of copies) {
    for (const { keyid } of copy.envelope.signatures) {
      const member = roster.keys.get(keyid)?.member;
      if (member?.role === 'voting') signed.add(member.id);
    }
  }
  return roster.payload.members.filter((member) => signed.has(member.id)).map((member) => member.id);
}
