import type { AssessmentPayload, CommitmentPayload, DsseEnvelope, IncidentPayload, ObjectId, ObjectKind, PhasePayload, ClosingPayload, RosterPayload } from './types';

export interface PayloadByKind {
  readonly roster: RosterPayload;
  readonly incident: IncidentPayload;
  readonly commitment: CommitmentPayload;
  readonly assessment: AssessmentPayload;
  readonly phase: PhasePayload;
  readonly closing: ClosingPayload;
}

export type StatementKind = Exclude<ObjectKind, 'roster'>;

/** An envelope whose bytes are canonical and whose payload passed validation; signatures are not checked yet. */
export interface SignedObject<K extends ObjectKind = ObjectKind> {
  /** SHA-256 of `bytes`. */
  readonly id: ObjectId;
  readonly kind: K;
  readonly envelope: DsseEnvelope;
  readonly payload: PayloadByKind[K];
  /** The exact canonical envelope bytes the id was computed from. */
  readonly bytes: Uint8Array;
  /** The canonical payload bytes the signatures cover (through the PAE). */
  readonly payloadBytes: Uint8Array;
}

/** Narrows on `kind`: `switch (object.kind)` gives each case its payload type. */
export type AnySignedObject = { readonly [K in ObjectKind]: SignedObject<K> }[ObjectKind];
export type AnySignedStatement = { readonly [K in StatementKind]: SignedObject<K> }[StatementKind];

export function isStatement(object: AnySignedObject): object is AnySignedStatement {
  return object.kind !== 'roster';
}
