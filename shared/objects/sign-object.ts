import { canonicalize } from '../encoding/canonical-json';
import { signEnvelope } from '../crypto/dsse';
import type { Sha256 } from '../crypto/sha256';
import type { SigningKey } from '../crypto/signing-key';
import { decodeObject } from './decode-object';
import { encodeEnvelope } from './envelope';
import type { Issue } from './issues';
import type { SignedObject } from './signed-object';
import { PAYLOAD_TYPES, type AnyPayload, type DsseEnvelope, type ObjectKind, type RosterPayload, type StatementPayload } from './types';
import { validatePayload } from './validate-payload';

/** A builder was handed a payload that verification would refuse: nothing was signed. */
export class InvalidObjectError extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
    this.name = 'InvalidObjectError';
  }
}

async function decodeOwn<K extends ObjectKind>(kind: K, envelope: DsseEnvelope, sha256: Sha256): Promise<SignedObject<K>> {
  const decoded = await decodeObject(encodeEnvelope(envelope), sha256);
  if (!decoded.ok) throw new InvalidObjectError(decoded.error);
  if (decoded.value.kind !== kind) throw new Error(`signed a ${kind} but decoded a ${decoded.value.kind}`);
  return decoded.value as SignedObject<ObjectKind> as SignedObject<K>;
}

async function signPayload<K extends ObjectKind>(kind: K, payload: AnyPayload, keys: readonly SigningKey[], sha256: Sha256): Promise<SignedObject<K>> {
  const validated = validatePayload(kind, payload);
  if (!validated.ok) {
    const { code, field, detail } = validated.problem;
    throw new InvalidObjectError({ code, field, message: `${kind} (unsigned): ${field === '' ? '' : `${field} `}${detail}` });
  }
  const envelope = signEnvelope(PAYLOAD_TYPES[kind], canonicalize(payload), keys);
  return decodeOwn(kind, envelope, sha256);
}

/** Signs a statement with one device key; throws InvalidObjectError if verification would refuse the payload. */
export async function signStatement<P extends StatementPayload>(payload: P, key: SigningKey, sha256: Sha256): Promise<SignedObject<P['kind']>> {
  const kind: P['kind'] = payload.kind;
  return signPayload(kind, payload, [key], sha256);
}

function byKeyId<T extends { readonly keyid: string }>(a: T, b: T): number {
  return a.keyid < b.keyid ? -1 : a.keyid > b.keyid ? 1 : 0;
}

/** Signs a roster with every key given, signatures ordered by keyid so that one signer set gives one id. */
export async function signRoster(payload: RosterPayload, keys: readonly SigningKey[], sha256: Sha256): Promise<SignedObject<'roster'>> {
  return signPayload('roster', payload, [...keys].sort(byKeyId), sha256);
}

/**
 * One roster carrying every signature of several copies of it (members sign offline, then the
 * signatures are gathered). The copies must hold the same payload; each keyid is kept once.
 */
export async function mergeRosterSignatures(copies: readonly SignedObject<'roster'>[], sha256: Sha256): Promise<SignedObject<'roster'>> {
  const [first] = copies;
  if (first === undefined) throw new RangeError('no roster to merge');
  if (copies.some((copy) => copy.envelope.payload !== first.envelope.payload)) throw new RangeError('the copies hold different rosters');
  const byKey = new Map(copies.flatMap((copy) => copy.envelope.signatures.map((signature) => [signature.keyid, signature] as const)));
  return decodeOwn('roster', { ...first.envelope, signatures: [...byKey.values()].sort(byKeyId) }, sha256);
}

/**
 * A closing record with one more signature over the same payload: a voting member's
 * countersignature. The author's signature stays first; the others follow in keyid order.
 */
export async function countersign(object: SignedObject<'closing'>, key: SigningKey, sha256: Sha256): Promise<SignedObject<'closing'>> {
  const [signature] = signEnvelope(object.envelope.payloadType, object.payloadBytes, [key]).signatures;
  return mergeClosingSignatures([object, { ...object, envelope: { ...object.envelope, signatures: [object.envelope.signatures[0]!, signature!] } }], sha256);
}

/** One closing record carrying every signature of its copies (same payload), the author's first, each keyid once. */
export async function mergeClosingSignatures(copies: readonly SignedObject<'closing'>[], sha256: Sha256): Promise<SignedObject<'closing'>> {
  const [first] = copies;
  if (first === undefined) throw new RangeError('no closing record to merge');
  if (copies.some((copy) => copy.envelope.payload !== first.envelope.payload)) throw new RangeError('the copies hold different closing records');
  const author = first.envelope.signatures[0]!;
  const others = new Map(copies.flatMap((copy) => copy.envelope.signatures.slice(1).map((signature) => [signature.keyid, signature] as const)));
  others.delete(author.keyid);
  return decodeOwn('closing', { ...first.envelope, signatures: [author, ...[...others.values()].sort(byKeyId)] }, sha256);
}
