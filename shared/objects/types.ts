/**
 * The signed statements of the commission (DESIGN §2) as they appear, decoded, inside DSSE
 * envelopes. Every number here is an integer: JCS cannot round-trip other values exactly.
 * Field semantics are specified in docs/SPEC.md.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** SHA-256 of an object's exact (canonical) envelope bytes, 64 lowercase hex characters. */
export type ObjectId = Brand<string, 'ObjectId'>;
/** SHA-256 of a raw 32-byte Ed25519 public key, 64 lowercase hex characters. */
export type KeyId = Brand<string, 'KeyId'>;
/** SHA-256 of some bytes, 64 lowercase hex characters. */
export type Sha256Hex = Brand<string, 'Sha256Hex'>;
/** A commission member's stable id, e.g. "FRA", "CHAIR", "MISSION": 1–32 of [A-Z0-9_-]. */
export type MemberId = Brand<string, 'MemberId'>;
/** RFC 3339 UTC timestamp with a Z suffix, e.g. "2026-11-22T19:00:00Z" (milliseconds optional). */
export type Timestamp = Brand<string, 'Timestamp'>;

export const PAYLOAD_TYPES = {
  roster: 'application/vnd.truceline.roster+json',
  incident: 'application/vnd.truceline.incident+json',
  commitment: 'application/vnd.truceline.commitment+json',
  assessment: 'application/vnd.truceline.assessment+json',
  phase: 'application/vnd.truceline.phase+json',
  closing: 'application/vnd.truceline.closing+json',
} as const;

export type ObjectKind = keyof typeof PAYLOAD_TYPES;

export interface DsseSignature {
  readonly keyid: KeyId;
  /** Base64 (RFC 4648, padded) of the 64-byte Ed25519 signature over the DSSE PAE. */
  readonly sig: string;
}

export interface DsseEnvelope {
  readonly payloadType: string;
  /** Base64 (RFC 4648, padded) of the payload's canonical JSON bytes. */
  readonly payload: string;
  readonly signatures: readonly DsseSignature[];
}

export type Role = 'voting' | 'party' | 'observer' | 'producer' | 'chair';

export interface MemberKey {
  readonly keyid: KeyId;
  /** Base64 of the raw 32-byte Ed25519 public key; keyid = SHA-256 of those bytes. */
  readonly publicKey: string;
}

export interface RosterMember {
  readonly id: MemberId;
  readonly name: string;
  readonly role: Role;
  /** Voting weight, used only by weighted rules; integer ≥ 0. */
  readonly weight: number;
  readonly keys: readonly MemberKey[];
}

/** A ratio as two integers, e.g. 2/3. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

export type DecisionMethod = 'unanimity' | 'consensus' | 'consensus-minus-one' | 'majority';

export interface DecisionRule {
  readonly method: DecisionMethod;
  /** majority only: the share of counted votes (or weight) a finding needs. */
  readonly threshold?: Fraction;
  /** majority only: whether the share must exceed the threshold ('more-than', simple majority) or reach it ('at-least', qualified). */
  readonly thresholdComparison?: 'more-than' | 'at-least';
  /** Count members' weights instead of one vote each. */
  readonly weighted: boolean;
  /** Share of the voting members (or of their weight) whose counted, non-abstaining votes are needed for a decision. */
  readonly quorum?: Fraction;
  /** Silence procedure: after the phase's silence deadline, a voting member that revealed nothing counts as not objecting. */
  readonly silenceProcedure: boolean;
}

export interface RosterPayload {
  readonly kind: 'roster';
  readonly commission: string;
  /** Starts at 1 for the genesis roster; each update is exactly the previous version + 1. */
  readonly version: number;
  /** Id of the roster this one replaces; null only for the genesis roster. */
  readonly prev: ObjectId | null;
  readonly issued: Timestamp;
  readonly expires: Timestamp;
  readonly members: readonly RosterMember[];
  readonly rule: DecisionRule;
  /** How many distinct members of THIS roster must sign the next roster. */
  readonly updateThreshold: number;
  /** SHA-256 of the ceasefire-line geometry file the commission agreed on. */
  readonly lineGeometry: Sha256Hex;
}

/** Fields of every statement a member's device key signs: its place in that key's log. */
export interface AuthoredStatement {
  readonly author: MemberId;
  /** 1 for the key's first statement, then +1 each time. */
  readonly seq: number;
  /** Id of the same key's statement with seq − 1; null when seq is 1. */
  readonly prev: ObjectId | null;
  readonly created: Timestamp;
}

export type Modality = 'sensor' | 'uav' | 'satellite' | 'acoustic' | 'radar' | 'seismic';
export type DistanceBand = 'under-1km' | '1-5km' | '5-15km' | '15-40km' | 'over-40km' | 'unknown';
export type IncidentCategory = 'artillery-fire' | 'mlrs-fire' | 'mortar-fire' | 'uav-incursion' | 'heavy-weapons-in-zone' | 'vehicle-crossing' | 'small-arms-fire' | 'other';

export interface Observation {
  readonly modality: Modality;
  readonly count: number;
  /** Degrees clockwise from true north, integer 0–359; absent when unknown. */
  readonly bearingDeg?: number;
  readonly distanceBand: DistanceBand;
}

export type EvidenceRole = 'detections' | 'tracks' | 'image' | 'report' | 'other';

export interface EvidenceRef {
  /** File name inside the incident, [A-Za-z0-9._-], no path. */
  readonly name: string;
  readonly role: EvidenceRole;
  readonly mediaType: string;
  readonly sha256: Sha256Hex;
  readonly size: number;
}

export interface IncidentPayload extends AuthoredStatement {
  readonly kind: 'incident';
  /** Human-readable incident number, e.g. "INC-2026-000123"; stable across superseding versions. */
  readonly incident: string;
  readonly window: { readonly start: Timestamp; readonly end: Timestamp };
  /** Microdegrees (integers) so the position round-trips exactly. */
  readonly location: { readonly lonE6: number; readonly latE6: number; readonly uncertaintyM: number };
  /** Distance along the ceasefire line, metres. */
  readonly chainageM: number;
  readonly category: IncidentCategory;
  readonly summary: string;
  readonly observations: readonly Observation[];
  readonly evidence: readonly EvidenceRef[];
  readonly supersedes?: ObjectId;
}

export interface CommitmentPayload extends AuthoredStatement {
  readonly kind: 'commitment';
  /** Object id of the incident statement assessed. */
  readonly incident: ObjectId;
  readonly round: number;
  readonly delegation: MemberId;
  /** SHA-256 of the canonical JSON of the sealed AssessmentBody. */
  readonly digest: Sha256Hex;
}

export type Finding = 'violation' | 'no-violation' | 'inconclusive' | 'abstain';
/** A party's member id, or 'undetermined'. */
export type Attribution = MemberId | 'undetermined';

export interface Citation {
  readonly chunk: Sha256Hex;
  readonly tracks?: readonly string[];
  readonly detections?: readonly string[];
}

/** What a delegation seals at commit time and discloses at reveal: fixed before anyone reveals. */
export interface AssessmentBody {
  readonly incident: ObjectId;
  readonly round: number;
  readonly delegation: MemberId;
  readonly finding: Finding;
  readonly attribution: Attribution;
  /** Percent, integer 0–100. */
  readonly confidence: number;
  readonly categories: readonly IncidentCategory[];
  readonly rationale: string;
  readonly citations: readonly Citation[];
  /** 32 random bytes, lowercase hex: keeps the digest from being guessed before the reveal. */
  readonly salt: string;
}

export interface AssessmentPayload extends AuthoredStatement {
  readonly kind: 'assessment';
  readonly body: AssessmentBody;
  /** An earlier assessment by the same delegation for the same incident and round that this one replaces. */
  readonly supersedes?: ObjectId;
}

export interface PhasePayload extends AuthoredStatement {
  readonly kind: 'phase';
  readonly incident: ObjectId;
  readonly round: number;
  readonly action: 'open-reveal';
  /** The commitments that count in this round, by object id. */
  readonly commitments: readonly ObjectId[];
  /** Reveals signed after this time are reported late. */
  readonly revealDeadline?: Timestamp;
  /** With the silence procedure: after this time, silence counts as no objection. */
  readonly silenceDeadline?: Timestamp;
}

/** A verdict as a closing record states it; `pending` cannot be closed. */
export type ClosedVerdict =
  | { readonly outcome: 'decided'; readonly finding: 'violation'; readonly attribution: Attribution }
  | { readonly outcome: 'decided'; readonly finding: 'no-violation' | 'inconclusive' }
  | { readonly outcome: 'no-consensus' }
  | { readonly outcome: 'disputed'; readonly disputedBy: readonly MemberId[] };

/** Two statements of one member that contradict each other, as a closing record names them. */
export interface ClosedEquivocation {
  readonly member: MemberId;
  /** The pair's object ids, ascending. */
  readonly statements: readonly [ObjectId, ObjectId];
}

/**
 * The chair closes a round: it names every object the verdict rests on and the verdict they give.
 * Voting members may countersign it (further signatures over the same payload).
 */
export interface ClosingPayload extends AuthoredStatement {
  readonly kind: 'closing';
  readonly incident: ObjectId;
  readonly round: number;
  /** An id of the roster whose members and rule the round was tallied under. */
  readonly roster: ObjectId;
  /** That roster's decision rule, restated so the record reads on its own. */
  readonly rule: DecisionRule;
  /** The phase that opened the reveal (the binding one). */
  readonly phase: ObjectId;
  /** Exactly the commitments the phase lists, ascending. */
  readonly commitments: readonly ObjectId[];
  /** Every reveal behind a member's ballot, ascending. */
  readonly reveals: readonly ObjectId[];
  /** Sorted by member, then by the pair's first id. */
  readonly equivocations: readonly ClosedEquivocation[];
  readonly verdict: ClosedVerdict;
}

export type StatementPayload = IncidentPayload | CommitmentPayload | AssessmentPayload | PhasePayload | ClosingPayload;
export type AnyPayload = RosterPayload | StatementPayload;
