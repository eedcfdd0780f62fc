import { fromBase64 } from '../encoding/base64';
import { bytesEqual } from '../encoding/bytes';
import { canonicalize } from '../encoding/canonical-json';
import { err, ok, type Result } from '../encoding/result';
import { parseStrictJsonNotingCanonical } from '../encoding/strict-canonical-json';
import { parseStrictJson } from '../encoding/strict-json';
import { sha256Hex, type Sha256 } from '../crypto/sha256';
import { readCanonicalEnvelope } from './canonical-envelope';
import { FieldError } from './field-checks';
import { objectIssue, type Issue } from './issues';
import { ENVELOPE_JSON_LIMITS, PAYLOAD_JSON_LIMITS } from './limits';
import { kindOfPayloadType, readEnvelopeAndPayload, type EnvelopeAndPayload } from './envelope';
import type { AnySignedObject, SignedObject } from './signed-object';
import type { ObjectId, ObjectKind, RosterPayload } from './types';
import { validatePayload } from './validate-payload';

export type DecodeResult = Result<AnySignedObject, Issue>;

function asEnvelope(value: unknown, id: ObjectId): Result<EnvelopeAndPayload, Issue> {
  try {
    return ok(readEnvelopeAndPayload(value));
  } catch (error) {
    if (error instanceof FieldError) return err(objectIssue(error.code, undefined, id, error.detail, error.field));
    throw error;
  }
}

/** Strict JSON, then the envelope's shape, then canonical bytes; readCanonicalEnvelope gives the same answer for what it accepts. */
function readEnvelopeBytes(bytes: Uint8Array, id: ObjectId): Result<EnvelopeAndPayload, Issue> {
  const canonical = readCanonicalEnvelope(bytes);
  if (canonical !== undefined) return ok(canonical);
  const parsed = parseStrictJson(bytes, ENVELOPE_JSON_LIMITS);
  if (!parsed.ok) return err(objectIssue(parsed.error.code, undefined, id, `envelope JSON refused: ${parsed.error.message}`));
  const envelope = asEnvelope(parsed.value, id);
  if (!envelope.ok) return envelope;
  if (!bytesEqual(canonicalize(parsed.value), bytes)) {
    return err(objectIssue('not-canonical', undefined, id, 'envelope bytes are not RFC 8785 canonical JSON'));
  }
  return envelope;
}

async function checkRosterKeyIds(payload: RosterPayload, id: ObjectId, sha256: Sha256): Promise<Issue | undefined> {
  const keys = payload.members.flatMap((member, m) => member.keys.map((key, k) => ({ member, key, field: `members[${m}].keys[${k}].keyid` })));
  // The validator already checked that each publicKey is strict base64 of 32 bytes.
  const hashes = await Promise.all(keys.map(({ key }) => sha256Hex(sha256, fromBase64(key.publicKey)!)));
  const wrong = keys.find(({ key }, index) => hashes[index] !== (key.keyid as string));
  return wrong === undefined ? undefined : objectIssue('keyid-mismatch', 'roster', id, `is not the SHA-256 of ${wrong.member.id}'s public key`, wrong.field);
}

/**
 * Decodes untrusted envelope bytes into a validated object. Checks, in order: strict JSON, the
 * envelope's shape, canonical bytes (no other serialization of the same envelope is accepted, so
 * the id is unique), a known payload type, strict base64, a strict and canonical payload, every
 * field of the payload. Signatures are checked later against a roster (shared/roster).
 */
export async function decodeObject(bytes: Uint8Array, sha256: Sha256): Promise<DecodeResult> {
  const id = (await sha256Hex(sha256, bytes)) as string as ObjectId;
  const envelope = readEnvelopeBytes(bytes, id);
  if (!envelope.ok) return envelope;
  const { envelope: dsse, payloadBytes } = envelope.value;
  const kind = kindOfPayloadType(dsse.payloadType);
  if (kind === undefined) {
    return err(objectIssue('unknown-payload-type', undefined, id, `${JSON.stringify(dsse.payloadType)} is not a Truceline payload type`, 'payloadType'));
  }
  const payloadJson = parseStrictJsonNotingCanonical(payloadBytes, PAYLOAD_JSON_LIMITS);
  if (!payloadJson.ok) return err(objectIssue(payloadJson.error.code, kind, id, `JSON refused: ${payloadJson.error.message}`, 'payload'));
  if (!payloadJson.value.canonical) {
    return err(objectIssue('not-canonical', kind, id, 'bytes are not RFC 8785 canonical JSON', 'payload'));
  }
  const validated = validatePayload(kind, payloadJson.value.value);
  if (!validated.ok) {
    const { code, field, detail } = validated.problem;
    return err(objectIssue(code, kind, id, detail, field === '' ? undefined : field));
  }
  if (validated.payload.kind === 'roster') {
    const keyIssue = await checkRosterKeyIds(validated.payload, id, sha256);
    if (keyIssue !== undefined) return err(keyIssue);
  }
  const object: SignedObject<ObjectKind> = { id, kind, envelope: dsse, payload: validated.payload, bytes, payloadBytes };
  return ok(object as AnySignedObject);
}
