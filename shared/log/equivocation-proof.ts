import { checkEnvelopeSignatures } from '../crypto/dsse';
import { sha256Hex, type Sha256 } from '../crypto/sha256';
import { ready } from '../crypto/sodium';
import { fromBase64 } from '../encoding/base64';
import { bytesEqual } from '../encoding/bytes';
import { canonicalize } from '../encoding/canonical-json';
import { err, ok, type Result } from '../encoding/result';
import { parseStrictJson, type JsonLimits } from '../encoding/strict-json';
import { decodeObject } from '../objects/decode-object';
import { encodeEnvelope, readEnvelope } from '../objects/envelope';
import { FieldError, fail, readArray, readHash, readInteger, readMemberId, readOneOf, readOptionalObjectId, readRecord, readText } from '../objects/field-checks';
import { objectIssue, type Issue } from '../objects/issues';
import type { AnySignedStatement } from '../objects/signed-object';
import type { DsseEnvelope, KeyId, MemberId, MemberKey, ObjectId } from '../objects/types';
import { readMemberKey } from '../objects/validate-roster';
import type { RosterChain } from '../roster/verified-roster';
import { explainEquivocation, type Equivocation, type EquivocationClaim } from './equivocation';

// An equivocation proof is self-contained: the two signed envelopes exactly as published, the
// public keys that signed them, and the claim. Anyone can re-check it offline; with the roster
// chain it is also attributed to the commission member the keys belong to. The `explanation` is
// for people, and must be exactly the one the verifier derives from the checked claim, so that a
// proof's text cannot say more than its signatures show.

export const EQUIVOCATION_PROOF_TYPE = 'application/vnd.truceline.equivocation-proof+json';

export interface EquivocationProof {
  readonly type: typeof EQUIVOCATION_PROOF_TYPE;
  readonly claim: EquivocationClaim;
  readonly author: MemberId;
  /** The keys that signed the two statements, each once, in keyid order. */
  readonly keys: readonly MemberKey[];
  readonly statements: readonly [DsseEnvelope, DsseEnvelope];
  readonly explanation: string;
}

export interface VerifiedEquivocationProof {
  /** SHA-256 of the proof's bytes. */
  readonly id: ObjectId;
  readonly claim: EquivocationClaim;
  readonly author: MemberId;
  readonly objects: readonly [ObjectId, ObjectId];
  readonly explanation: string;
  /** True when a roster chain was given and lists every signing key for the author. */
  readonly attributed: boolean;
}

const PROOF_JSON_LIMITS: JsonLimits = { maxBytes: 2 * (1 << 20) + (1 << 16), maxDepth: 5, maxNumberLength: 20 };
const MAX_EXPLANATION_BYTES = 1_000;

export function equivocationProof(found: Equivocation): EquivocationProof {
  const keys = new Map<KeyId, MemberKey>();
  for (const statement of found.statements) {
    const key = statement.member.keys.find((candidate) => candidate.keyid === statement.keyid)!;
    keys.set(key.keyid, { keyid: key.keyid, publicKey: key.publicKey });
  }
  return {
    type: EQUIVOCATION_PROOF_TYPE,
    claim: found.claim,
    author: found.author,
    keys: [...keys.values()].sort((a, b) => (a.keyid < b.keyid ? -1 : 1)),
    statements: [found.statements[0].object.envelope, found.statements[1].object.envelope],
    explanation: found.explanation,
  };
}

/** The proof's exported form: RFC 8785 bytes, named by their SHA-256 like every object. */
export function exportEquivocationProof(found: Equivocation): Uint8Array {
  return canonicalize(equivocationProof(found));
}

function readClaim(value: unknown): EquivocationClaim {
  const kind = readOneOf(readRecord(value, 'claim', ['kind'], ['keyid', 'seq', 'incident', 'round', 'supersedes'])['kind'], 'claim.kind', ['same-seq', 'broken-chain', 'double-assessment'] as const);
  if (kind === 'double-assessment') {
    const record = readRecord(value, 'claim', ['kind', 'incident', 'round', 'supersedes']);
    return {
      kind,
      incident: readHash(record['incident'], 'claim.incident') as string as ObjectId,
      round: readInteger(record['round'], 'claim.round', 1, Number.MAX_SAFE_INTEGER),
      supersedes: readOptionalObjectId(record['supersedes'], 'claim.supersedes'),
    };
  }
  const record = readRecord(value, 'claim', ['kind', 'keyid', 'seq']);
  return { kind, keyid: readHash(record['keyid'], 'claim.keyid') as string as KeyId, seq: readInteger(record['seq'], 'claim.seq', 1, Number.MAX_SAFE_INTEGER) };
}

function readProof(value: unknown): EquivocationProof {
  const record = readRecord(value, '', ['type', 'claim', 'author', 'keys', 'statements', 'explanation']);
  if (record['type'] !== EQUIVOCATION_PROOF_TYPE) fail('bad-format', 'type', `must be ${EQUIVOCATION_PROOF_TYPE}`);
  const statements = readArray(record['statements'], 'statements', { min: 2, max: 2 }, (item, field) => {
    try {
      return readEnvelope(item);
    } catch (error) {
      if (error instanceof FieldError) fail(error.code, `${field}.${error.field}`, error.detail);
      throw error;
    }
  });
  return {
    type: EQUIVOCATION_PROOF_TYPE,
    claim: readClaim(record['claim']),
    author: readMemberId(record['author'], 'author'),
    keys: readArray(record['keys'], 'keys', { min: 1, max: 2 }, readMemberKey),
    statements: [statements[0]!, statements[1]!],
    explanation: readText(record['explanation'], 'explanation', MAX_EXPLANATION_BYTES),
  };
}

async function decodeStatement(envelope: DsseEnvelope, index: number, sha256: Sha256): Promise<AnySignedStatement> {
  const decoded = await decodeObject(encodeEnvelope(envelope), sha256);
  if (!decoded.ok) fail(decoded.error.code, `statements[${index}]`, decoded.error.message);
  if (decoded.value.kind === 'roster') fail('payload-kind-mismatch', `statements[${index}]`, 'is a roster, not a statement');
  return decoded.value;
}

function signerOf(statement: AnySignedStatement, index: number, keys: ReadonlyMap<KeyId, Uint8Array>): KeyId {
  const field = `statements[${index}]`;
  if (statement.envelope.signatures.length !== 1) fail('wrong-signature-count', field, 'must carry exactly one signature');
  const [check] = checkEnvelopeSignatures(statement.envelope, statement.payloadBytes, (keyid) => keys.get(keyid));
  if (check?.status === 'unknown-key') fail('unknown-key', field, 'is signed by a key the proof does not carry');
  if (check?.status !== 'valid') fail('bad-signature', field, 'signature does not verify');
  return check.keyid;
}

function checkClaim(claim: EquivocationClaim, [first, second]: readonly [AnySignedStatement, AnySignedStatement], [firstKey, secondKey]: readonly [KeyId, KeyId]): void {
  switch (claim.kind) {
    case 'same-seq':
    case 'broken-chain': {
      if (firstKey !== claim.keyid || secondKey !== claim.keyid) fail('inconsistent', 'claim.keyid', 'did not sign both statements');
      if (first.payload.seq !== claim.seq) fail('inconsistent', 'claim.seq', "is not the first statement's seq");
      if (claim.kind === 'same-seq') {
        if (second.payload.seq !== claim.seq) fail('inconsistent', 'claim.seq', "is not the second statement's seq");
        if (first.id > second.id) fail('inconsistent', 'statements', 'must be in object id order');
      } else {
        if (second.payload.seq !== claim.seq + 1) fail('inconsistent', 'claim.seq', "must be one less than the second statement's seq");
        if (second.payload.prev === first.id) fail('inconsistent', 'statements', 'the second statement does follow the first');
        if (first.kind === 'closing') fail('inconsistent', 'statements[0]', 'is a closing record, whose copies have several ids: a prev naming another copy proves no fork');
      }
      return;
    }
    case 'double-assessment': {
      for (const [index, statement] of [first, second].entries()) {
        if (statement.kind !== 'assessment') fail('inconsistent', `statements[${index}]`, 'is not an assessment');
        const { body, supersedes } = statement.payload;
        if (body.incident !== claim.incident || body.round !== claim.round) fail('inconsistent', `statements[${index}]`, 'is about another incident or round');
        if ((supersedes ?? null) !== claim.supersedes) fail('inconsistent', `statements[${index}]`, 'supersedes another object than the claim says');
      }
      if (first.id > second.id) fail('inconsistent', 'statements', 'must be in object id order');
      return;
    }
    default: {
      const unreachable: never = claim;
      return unreachable;
    }
  }
}

function attribute(chain: RosterChain, author: MemberId, keyids: readonly KeyId[]): void {
  for (const keyid of keyids) {
    if (!chain.rosters.some((roster) => roster.index.keys.get(keyid)?.member.id === author)) {
      fail('unknown-key', 'keys', `key ${keyid.slice(0, 8)}… is not listed for ${author} in any roster of the chain`);
    }
  }
}

async function checkProof(bytes: Uint8Array, id: ObjectId, sha256: Sha256, chain: RosterChain | undefined): Promise<VerifiedEquivocationProof> {
  const parsed = parseStrictJson(bytes, PROOF_JSON_LIMITS);
  if (!parsed.ok) fail(parsed.error.code, '', `JSON refused: ${parsed.error.message}`);
  const proof = readProof(parsed.value);
  if (!bytesEqual(canonicalize(parsed.value), bytes)) fail('not-canonical', '', 'bytes are not RFC 8785 canonical JSON');
  const keys = new Map<KeyId, Uint8Array>();
  for (const [index, key] of proof.keys.entries()) {
    const publicKey = fromBase64(key.publicKey)!;
    if ((await sha256Hex(sha256, publicKey)) !== (key.keyid as string)) fail('keyid-mismatch', `keys[${index}].keyid`, 'is not the SHA-256 of the public key');
    if (keys.has(key.keyid)) fail('duplicate-value', `keys[${index}]`, 'repeats a key');
    keys.set(key.keyid, publicKey);
  }
  const statements = [await decodeStatement(proof.statements[0], 0, sha256), await decodeStatement(proof.statements[1], 1, sha256)] as const;
  // Same payload bytes: two copies of one statement (perhaps differently signed), which never equivocate.
  if (statements[0].envelope.payload === statements[1].envelope.payload) fail('inconsistent', 'statements', 'carry the same payload: copies of one statement, not two statements');
  const signers = [signerOf(statements[0], 0, keys), signerOf(statements[1], 1, keys)] as const;
  if (keys.size !== new Set(signers).size) fail('inconsistent', 'keys', 'must be exactly the keys that signed the statements');
  statements.forEach((statement, index) => {
    if (statement.payload.author !== proof.author) fail('inconsistent', `statements[${index}]`, `is authored by ${statement.payload.author}, not ${proof.author}`);
  });
  checkClaim(proof.claim, statements, signers);
  if (chain !== undefined) attribute(chain, proof.author, [...keys.keys()]);
  const objects = [statements[0].id, statements[1].id] as const;
  const explanation = explainEquivocation(proof.claim, proof.author, objects);
  if (proof.explanation !== explanation) fail('inconsistent', 'explanation', 'is not the explanation of the checked claim');
  return { id, claim: proof.claim, author: proof.author, objects, explanation, attributed: chain !== undefined };
}

/** Re-checks an exported proof from its bytes alone (and attributes it when given the roster chain). A refusal is the result, never an exception. */
export async function verifyEquivocationProof(bytes: Uint8Array, options: { readonly sha256: Sha256; readonly chain?: RosterChain }): Promise<Result<VerifiedEquivocationProof, Issue>> {
  await ready();
  const id = (await sha256Hex(options.sha256, bytes)) as string as ObjectId;
  try {
    return ok(await checkProof(bytes, id, options.sha256, options.chain));
  } catch (error) {
    if (error instanceof FieldError) return err(objectIssue(error.code, 'equivocation proof', id, error.detail, error.field === '' ? undefined : error.field));
    throw error;
  }
}
