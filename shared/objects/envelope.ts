import { canonicalize } from '../encoding/canonical-json';
import { fromBase64 } from '../encoding/base64';
import { fail, readArray, readHash, readRecord, readString } from './field-checks';
import { LIMITS } from './limits';
import { PAYLOAD_TYPES, type DsseEnvelope, type DsseSignature, type KeyId, type ObjectKind } from './types';

const KIND_BY_PAYLOAD_TYPE: ReadonlyMap<string, ObjectKind> = new Map((Object.keys(PAYLOAD_TYPES) as ObjectKind[]).map((kind) => [PAYLOAD_TYPES[kind], kind]));

export function kindOfPayloadType(payloadType: string): ObjectKind | undefined {
  return KIND_BY_PAYLOAD_TYPE.get(payloadType);
}

const SIGNATURE_BYTES = 64;
const MAX_PAYLOAD_TYPE_LENGTH = 128;

function readSignature(value: unknown, field: string): DsseSignature {
  const record = readRecord(value, field, ['keyid', 'sig']);
  const keyid = readHash(record['keyid'], `${field}.keyid`) as string as KeyId;
  const sig = readString(record['sig'], `${field}.sig`);
  if (fromBase64(sig)?.length !== SIGNATURE_BYTES) fail('bad-format', `${field}.sig`, 'must be the base64 of a 64-byte Ed25519 signature');
  return { keyid, sig };
}

export interface EnvelopeAndPayload {
  readonly envelope: DsseEnvelope;
  /** The bytes the envelope's base64 payload stands for. */
  readonly payloadBytes: Uint8Array;
}

/** The envelope's shape: exactly payloadType, payload (strict base64) and 1 or more {keyid, sig}; and the payload's bytes. Throws FieldError. */
export function readEnvelopeAndPayload(value: unknown): EnvelopeAndPayload {
  const record = readRecord(value, '', ['payloadType', 'payload', 'signatures']);
  const payloadType = readString(record['payloadType'], 'payloadType');
  if (payloadType.length > MAX_PAYLOAD_TYPE_LENGTH) fail('too-long', 'payloadType', `is longer than ${MAX_PAYLOAD_TYPE_LENGTH} characters`);
  const payload = readString(record['payload'], 'payload');
  const payloadBytes = fromBase64(payload) ?? fail('bad-format', 'payload', 'must be strict RFC 4648 base64 with padding');
  const signatures = readArray(record['signatures'], 'signatures', { min: 1, max: LIMITS.signaturesPerEnvelope }, readSignature);
  return { envelope: { payloadType, payload, signatures }, payloadBytes };
}

/** The envelope's shape: exactly payloadType, payload (strict base64) and 1 or more {keyid, sig}. Throws FieldError. */
export function readEnvelope(value: unknown): DsseEnvelope {
  return readEnvelopeAndPayload(value).envelope;
}

/** The envelope's exported form: its RFC 8785 bytes, whose SHA-256 is the object id. */
export function encodeEnvelope(envelope: DsseEnvelope): Uint8Array {
  return canonicalize({ payloadType: envelope.payloadType, payload: envelope.payload, signatures: envelope.signatures.map(({ keyid, sig }) => ({ keyid, sig })) });
}
