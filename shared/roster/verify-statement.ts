import { checkEnvelopeSignatures } from '../crypto/dsse';
import { verifyDetached, type VerifySignature } from '../crypto/ed25519';
import { sha256Hex, type Sha256 } from '../crypto/sha256';
import { ready } from '../crypto/sodium';
import { err, ok, type Result } from '../encoding/result';
import { decodeObject } from '../objects/decode-object';
import { describeKey, objectIssue, type Issue, type IssueCode } from '../objects/issues';
import type { AnySignedObject, AnySignedStatement, SignedObject, StatementKind } from '../objects/signed-object';
import type { Attribution, KeyId, MemberId, ObjectId, Role, RosterMember } from '../objects/types';
import type { RosterChain } from './verified-roster';
import { countersignatureProblem } from './countersignatures';

// Statements are checked against the roster current at verification time, not the one current when
// they claim to have been made: `created` is the signer's own assertion and proves nothing about
// when the key signed. So a key removed or rotated out of the roster signs nothing that still
// counts, including statements made before its removal; those must be signed again with a listed
// key. This is what lets a commission revoke a stolen key.

/** A statement whose signature, key and author role the current roster accepts. */
export interface VerifiedStatement<K extends StatementKind = StatementKind> {
  readonly object: SignedObject<K>;
  /** The device key that signed it: the key whose log (seq, prev) it belongs to. */
  readonly keyid: KeyId;
  readonly member: RosterMember;
}

export type AnyVerifiedStatement = { readonly [K in StatementKind]: VerifiedStatement<K> }[StatementKind];

/** The roles whose members may sign each kind of statement. */
export const SIGNING_ROLES: { readonly [K in StatementKind]: readonly Role[] } = {
  incident: ['producer'],
  phase: ['chair'],
  commitment: ['voting', 'party', 'observer'],
  assessment: ['voting', 'party', 'observer'],
  closing: ['chair'],
};

function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function rolesText(roles: readonly Role[]): string {
  return roles.length === 1 ? `${withArticle(roles[0]!)} member` : `${withArticle(roles.slice(0, -1).join(', '))} or ${roles[roles.length - 1]!} member`;
}

/** The newest roster before the current one that listed `keyid` for `author`, if any. */
function removedIn(chain: RosterChain, keyid: KeyId, author: string): number | undefined {
  for (let i = chain.rosters.length - 1; i >= 0; i--) {
    const entry = chain.rosters[i]!.index.keys.get(keyid);
    if (entry !== undefined) return entry.member.id === author ? chain.rosters[i + 1]?.version : undefined;
  }
  return undefined;
}

/**
 * Checks a decoded statement against the chain's current roster. A failure is the result, never an
 * exception. `verify` checks each signature (libsodium by default; the store's import hands them to
 * a pool of threads, see main/worker/signature-pool.ts).
 */
export function verifyStatement(object: AnySignedStatement, chain: RosterChain, verify: VerifySignature = verifyDetached): Result<AnyVerifiedStatement, Issue> {
  const roster = chain.current;
  const rosterLabel = `roster v${roster.version}`;
  const { author } = object.payload;
  const fail = (code: IssueCode, text: string, field?: string): Result<never, Issue> => err(objectIssue(code, object.kind, object.id, text, field));

  // A closing record's first signature is its author's (its log key); countersignatures follow.
  if (object.kind !== 'closing' && object.envelope.signatures.length !== 1) {
    return fail('wrong-signature-count', `carries ${object.envelope.signatures.length} signatures; a statement is signed by exactly one device key`);
  }
  const { keyid } = object.envelope.signatures[0]!;
  const member = roster.index.members.get(author);
  if (member === undefined) return fail('unknown-author', `${rosterLabel} has no member ${author}`, 'author');
  const key = roster.index.keys.get(keyid);
  if (key === undefined) {
    const removal = removedIn(chain, keyid, author);
    if (removal !== undefined) return fail('key-removed', `signature by ${describeKey(keyid)} of ${author}, which roster v${removal} removed`);
    return fail('unknown-key', `signature by ${describeKey(keyid)} which ${rosterLabel} does not list for ${author}`);
  }
  if (key.member.id !== author) return fail('key-of-other-member', `signature by ${describeKey(keyid)} which ${rosterLabel} lists for ${key.member.id}, not ${author}`);
  const [check] = checkEnvelopeSignatures({ ...object.envelope, signatures: [object.envelope.signatures[0]!] }, object.payloadBytes, () => key.publicKey, verify);
  if (check?.status !== 'valid') return fail('bad-signature', `signature by ${describeKey(keyid)} of ${author} does not verify`);

  const roles = SIGNING_ROLES[object.kind];
  if (!roles.includes(member.role))
    return fail('wrong-role', `${author} is ${withArticle(member.role)} member in ${rosterLabel}; ${withArticle(object.kind)} must come from ${rolesText(roles)}`, 'author');
  if (object.kind === 'closing') {
    const problem = countersignatureProblem(object, roster.index, keyid, verify);
    if (problem !== undefined) return fail(problem.code, problem.text);
  }
  if (object.kind === 'assessment') {
    const problem = attributionProblem(object.payload.body.attribution, roster.index.members, rosterLabel);
    if (problem !== undefined) return fail('attribution-not-a-party', problem, 'body.attribution');
  }
  return ok({ object, keyid, member } as AnyVerifiedStatement);
}

/** Why an assessment may not name this attribution (only a party of the roster, or undetermined); undefined when it may. */
export function attributionProblem(attribution: Attribution, members: ReadonlyMap<MemberId, RosterMember>, rosterLabel: string): string | undefined {
  if (attribution === 'undetermined' || members.get(attribution)?.role === 'party') return undefined;
  return `names ${attribution}, which is not a party in ${rosterLabel}`;
}

/** What became of one object given as bytes. */
export type CheckedObject =
  | { readonly ok: true; readonly id: ObjectId; readonly statement: AnyVerifiedStatement }
  /** `object` is present when the bytes decoded, so the claimed author and round are known. */
  | { readonly ok: false; readonly id: ObjectId; readonly issue: Issue; readonly object?: AnySignedObject };

/**
 * Decodes and verifies one object's bytes against a chain. Bytes from outside go through
 * checkStatementBytes; the store's derived state goes through a checker that trusts the signatures
 * its import already verified (main/store/stored-statements.ts).
 */
export type StatementChecker = (bytes: Uint8Array, chain: RosterChain) => Promise<CheckedObject>;

/** The checker of bytes from outside: every signature verified (checkStatementBytes). */
export function checkingSignatures(sha256: Sha256): StatementChecker {
  return (bytes, chain) => checkStatementBytes(bytes, chain, sha256);
}

/** Decodes and verifies one statement's bytes against the chain. Rosters are verified with verifyRosterChain instead. */
export async function checkStatementBytes(bytes: Uint8Array, chain: RosterChain, sha256: Sha256): Promise<CheckedObject> {
  await ready();
  // The same bytes against the same chain always check the same way; the key is the bytes' own
  // hash, so altered bytes are never answered from the memo.
  const id = await sha256Hex(sha256, bytes);
  let memo = memos.get(chain);
  if (memo === undefined) memos.set(chain, (memo = new Map()));
  const known = memo.get(id);
  if (known !== undefined) return known;
  const checked = await checkUncached(bytes, chain, sha256);
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(id, checked);
  return checked;
}

/**
 * A round's objects are checked by the resolver and again by the finality check, and a key's
 * neighbouring statements by every round they border: a bounded memo per chain keeps each
 * statement to one signature check. Bounded so that a long-lived chain never holds a whole store.
 */
const MEMO_ENTRIES = 20_000;
const memos = new WeakMap<RosterChain, Map<string, CheckedObject>>();

async function checkUncached(bytes: Uint8Array, chain: RosterChain, sha256: Sha256): Promise<CheckedObject> {
  const decoded = await decodeObject(bytes, sha256);
  if (!decoded.ok) return { ok: false, id: decoded.error.object!, issue: decoded.error };
  return checkDecoded(decoded.value, chain);
}

/** What a decoded object is against the chain: a verified statement, or why not. Rosters are never statements. */
export function checkDecoded(object: AnySignedObject, chain: RosterChain, verify: VerifySignature = verifyDetached): CheckedObject {
  if (object.kind === 'roster') {
    const inChain = chain.rosters.some((roster) => roster.id === object.id);
    const text = inChain ? 'is a roster of the verified chain, not a statement' : 'is a roster outside the verified chain';
    return { ok: false, id: object.id, issue: objectIssue('payload-kind-mismatch', 'roster', object.id, text), object };
  }
  const verdict = verifyStatement(object, chain, verify);
  return verdict.ok ? { ok: true, id: object.id, statement: verdict.value } : { ok: false, id: object.id, issue: verdict.error, object };
}
