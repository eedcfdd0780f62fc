import type { KeyId, ObjectId, ObjectKind } from './types';

/**
 * Stable codes for everything verification can refuse or report. Codes never change meaning;
 * new ones may be added. docs/SPEC.md lists each with its meaning.
 */
export type IssueCode =
  // The bytes of an object.
  | 'too-large'
  | 'not-utf8'
  | 'malformed-json'
  | 'duplicate-key'
  | 'too-deep'
  | 'number-out-of-range'
  | 'lone-surrogate'
  | 'not-canonical'
  // The envelope and its payload.
  | 'unknown-payload-type'
  | 'payload-kind-mismatch'
  // A field of a payload or envelope.
  | 'missing-field'
  | 'unknown-field'
  | 'wrong-type'
  | 'out-of-range'
  | 'bad-format'
  | 'too-long'
  | 'too-many'
  | 'duplicate-value'
  | 'inconsistent'
  | 'keyid-mismatch'
  // Signatures and the roster.
  | 'bad-signature'
  | 'unknown-key'
  | 'key-of-other-member'
  | 'key-removed'
  | 'duplicate-signature'
  | 'wrong-signature-count'
  | 'unknown-author'
  | 'wrong-role'
  | 'author-not-delegation'
  | 'attribution-not-a-party'
  // The roster chain.
  | 'roster-below-threshold'
  | 'roster-rollback'
  | 'roster-version-gap'
  | 'roster-prev-mismatch'
  | 'roster-fork'
  | 'roster-expired'
  | 'roster-commission-mismatch'
  // Per-author logs.
  | 'equivocation'
  // Sealing: commit, phase, reveal.
  | 'early-reveal'
  | 'unmatched-reveal'
  | 'late-reveal'
  | 'listed-commitment-missing'
  | 'several-listed-commitments'
  | 'phase-ignored'
  // Closing records and verdict certificates.
  | 'closing-conflict'
  | 'closing-inconsistent'
  | 'certificate-incomplete'
  | 'certificate-extra-object'
  | 'certificate-mixed-rounds'
  // An incident's evidence.
  /** An incident bundle lacks a chunk its incident lists. */
  | 'evidence-missing'
  /** A chunk's size differs from the one the incident's evidence list gives. */
  | 'evidence-mismatch'
  /** A detections or tracks chunk that does not follow the schema of docs/EVIDENCE.md. */
  | 'evidence-schema';

/** A reason a delegate can read, naming the object and, where it applies, the field. */
export interface Issue {
  readonly code: IssueCode;
  /** One line, starting with the object, e.g. "assessment 3f2a91c0…: signature by key 91c0d2e1… which roster v4 does not list for FRA". */
  readonly message: string;
  readonly object?: ObjectId;
  readonly field?: string;
}

const SHORT_HEX_CHARS = 8;

/** The first hex digits of an id or keyid with an ellipsis, as shown to people. */
export function shortHex(hex: string): string {
  return `${hex.slice(0, SHORT_HEX_CHARS)}…`;
}

/** What an issue can be about: an object kind, or another signed document such as an equivocation proof. */
export type Subject = ObjectKind | 'equivocation proof';

/** "assessment 3f2a91c0…", or "object 3f2a91c0…" when the kind is not known yet. */
export function describeObject(kind: Subject | undefined, id: ObjectId): string {
  return `${kind ?? 'object'} ${shortHex(id)}`;
}

export function describeKey(keyid: KeyId): string {
  return `key ${shortHex(keyid)}`;
}

/** An issue about object `id`, introduced to people as `subject` (e.g. "roster v4 3f2a91c0…"). */
export function issueAbout(code: IssueCode, subject: string, id: ObjectId, text: string, field?: string): Issue {
  const message = `${subject}: ${field === undefined ? '' : `${field} `}${text}`;
  return field === undefined ? { code, message, object: id } : { code, message, object: id, field };
}

export function objectIssue(code: IssueCode, kind: Subject | undefined, id: ObjectId, text: string, field?: string): Issue {
  return issueAbout(code, describeObject(kind, id), id, text, field);
}
