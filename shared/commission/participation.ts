import { planClosing } from '../audit/closing-record';
import type { KeyId, MemberId, ObjectId, Role, Sha256Hex, Timestamp } from '../objects/types';
import { timestampMs } from '../objects/timestamp';
import type { RosterChain } from '../roster/verified-roster';
import { SIGNING_ROLES, type AnyVerifiedStatement, type VerifiedStatement } from '../roster/verify-statement';
import { roundOf, type RoundResolution } from '../sealing/resolve-round';
import type { BallotStatus } from '../tally/ballot';
import type { TallyOutcome } from '../tally/outcome';

/** Where the delegation this workstation acts for stands in a round, as its desk shows it (never the session window). */
export type MyRoundStep =
  /** The acting member's role does not assess (the chair, a producer). */
  | 'not-an-assessor'
  /** No commitment yet and the reveal is not open: draft, then seal. */
  | 'draft'
  /** Sealed; the chair has not opened the reveal. A new commitment still supersedes it. */
  | 'committed'
  /** The chair's phase lists my commitment and this workstation holds its sealed body. */
  | 'reveal'
  /** The phase lists my commitment, but its sealed body is not on this workstation (sealed elsewhere). */
  | 'reveal-elsewhere'
  /** My reveal is signed. */
  | 'revealed'
  /** The reveal opened without my commitment: I cannot vote in this round. */
  | 'excluded';

export interface MyCommitmentView {
  readonly id: ObjectId;
  readonly created: Timestamp;
  /** The chair's phase lists it: this is the commitment my reveal must match. */
  readonly listed: boolean;
  /** This workstation holds the sealed body, so it can reveal it. */
  readonly sealedHere: boolean;
}

export interface PhaseView {
  readonly id: ObjectId;
  readonly openedBy: MemberId;
  readonly created: Timestamp;
  readonly revealDeadline: Timestamp | null;
  readonly silenceDeadline: Timestamp | null;
  readonly commitments: number;
}

/** What the chair may do next in a round. */
export interface ChairRoundView {
  /** The latest commitment of each delegation, roster order: what "open the reveal" would list. */
  readonly commitmentsReceived: readonly { readonly member: MemberId; readonly commitment: ObjectId; readonly created: Timestamp }[];
  readonly canOpenReveal: boolean;
  readonly canClose: boolean;
  /** Why the round cannot be closed yet; null when it can, or when it is closed. */
  readonly closeBlocked: string | null;
  readonly closed: boolean;
}

export interface MyRoundView {
  readonly round: number;
  readonly member: MemberId;
  readonly role: Role;
  readonly step: MyRoundStep;
  /** My ballot as the round's resolution reads it; null when I do not assess. */
  readonly ballot: BallotStatus | null;
  readonly commitments: readonly MyCommitmentView[];
  readonly reveal: { readonly id: ObjectId; readonly created: Timestamp } | null;
  readonly phase: PhaseView | null;
  /** A draft is saved on this workstation for this round. */
  readonly hasDraft: boolean;
  /**
   * Independence: others' revealed findings are hidden from a delegation that has not committed,
   * unless it chose to look (which is recorded). True when they may be shown.
   */
  readonly othersFindingsVisible: boolean;
  /** The delegation chose to look before committing (recorded on this workstation). */
  readonly lookedBeforeCommitting: boolean;
  readonly closed: boolean;
  /** Present when the acting member is the chair. */
  readonly chair: ChairRoundView | null;
}

/** What only this workstation knows about a round: its private files. */
export interface LocalRoundState {
  /** This workstation holds the sealed body of the commitment with this digest. */
  readonly sealedHere: (digest: Sha256Hex) => boolean;
  readonly hasDraft: boolean;
  readonly lookedBeforeCommitting: boolean;
}

export interface ParticipationInput {
  readonly chain: RosterChain;
  readonly incident: ObjectId;
  readonly round: number;
  readonly member: MemberId;
  /** The verified statements stored for the incident (any round). */
  readonly statements: readonly AnyVerifiedStatement[];
  readonly resolution: RoundResolution;
  readonly tally: TallyOutcome;
  /** A verified closing record of the round is stored. */
  readonly closed: boolean;
  readonly local: LocalRoundState;
}

function byCreatedThenSeq(a: AnyVerifiedStatement, b: AnyVerifiedStatement): number {
  return timestampMs(a.object.payload.created) - timestampMs(b.object.payload.created) || a.object.payload.seq - b.object.payload.seq || (a.object.id < b.object.id ? -1 : 1);
}

function ofRound<K extends 'commitment' | 'assessment' | 'phase'>(input: ParticipationInput, kind: K): VerifiedStatement<K>[] {
  return input.statements.filter((s) => {
    if (s.object.kind !== kind) return false;
    const round = roundOf(s.object);
    return round?.incident === input.incident && round.round === input.round;
  }) as unknown as VerifiedStatement<K>[];
}

/** The latest commitment of each member (by created, then seq): what a phase lists, one per delegation, so no ballot is invalid for several listed commitments. */
export function latestCommitments(commitments: readonly VerifiedStatement<'commitment'>[], members: readonly { readonly id: MemberId }[]): VerifiedStatement<'commitment'>[] {
  const latest = new Map<MemberId, VerifiedStatement<'commitment'>>();
  for (const c of [...commitments].sort(byCreatedThenSeq)) latest.set(c.object.payload.delegation, c);
  return members.flatMap((m) => (latest.has(m.id) ? [latest.get(m.id)!] : []));
}

/** The acting delegation's place in a round: what it has signed, what it may do next, and (for the chair) what the round needs. */
export function participationOf(input: ParticipationInput): MyRoundView {
  const roster = input.chain.current;
  const member = roster.index.members.get(input.member);
  const role: Role = member?.role ?? 'observer';
  const assesses = member !== undefined && SIGNING_ROLES.assessment.includes(role);
  const phases = ofRound(input, 'phase').sort(byCreatedThenSeq);
  const binding = input.resolution.ballots.phase === undefined ? undefined : phases.find((p) => p.object.id === input.resolution.ballots.phase);
  const listed = new Set(input.resolution.listedCommitments);
  const listedByPhase = new Set(binding?.object.payload.commitments ?? []);
  const mine = ofRound(input, 'commitment')
    .filter((c) => c.object.payload.delegation === input.member)
    .sort(byCreatedThenSeq);
  const commitments = mine.map((c) => ({
    id: c.object.id,
    created: c.object.payload.created,
    listed: listed.has(c.object.id) || listedByPhase.has(c.object.id),
    sealedHere: input.local.sealedHere(c.object.payload.digest),
  }));
  const reveals = ofRound(input, 'assessment')
    .filter((a) => a.object.payload.body.delegation === input.member)
    .sort(byCreatedThenSeq);
  const reveal = reveals.at(-1);
  const ballot = assesses ? (input.resolution.ballots.ballots.find((b) => b.member === input.member)?.status ?? 'silent') : null;
  const step = stepOf(assesses, binding !== undefined, commitments, reveal !== undefined);
  const committed = commitments.length > 0;
  return {
    round: input.round,
    member: input.member,
    role,
    step,
    ballot,
    commitments,
    reveal: reveal ? { id: reveal.object.id, created: reveal.object.payload.created } : null,
    phase: binding
      ? {
          id: binding.object.id,
          openedBy: binding.object.payload.author,
          created: binding.object.payload.created,
          revealDeadline: binding.object.payload.revealDeadline ?? null,
          silenceDeadline: binding.object.payload.silenceDeadline ?? null,
          commitments: binding.object.payload.commitments.length,
        }
      : null,
    hasDraft: input.local.hasDraft,
    othersFindingsVisible: !assesses || committed || step === 'excluded' || input.closed || input.local.lookedBeforeCommitting,
    lookedBeforeCommitting: input.local.lookedBeforeCommitting,
    closed: input.closed,
    chair: role === 'chair' ? chairView(input, binding !== undefined) : null,
  };
}

function stepOf(assesses: boolean, phaseOpen: boolean, commitments: readonly MyCommitmentView[], revealed: boolean): MyRoundStep {
  if (!assesses) return 'not-an-assessor';
  if (revealed) return 'revealed';
  if (!phaseOpen) return commitments.length > 0 ? 'committed' : 'draft';
  const listed = commitments.find((c) => c.listed);
  if (listed === undefined) return 'excluded';
  return listed.sealedHere ? 'reveal' : 'reveal-elsewhere';
}

function chairView(input: ParticipationInput, phaseOpen: boolean): ChairRoundView {
  const roster = input.chain.current;
  const received = latestCommitments(ofRound(input, 'commitment'), roster.payload.members).map((c) => ({
    member: c.object.payload.delegation,
    commitment: c.object.id,
    created: c.object.payload.created,
  }));
  const kinds = new Map(input.statements.map((s) => [s.object.id, s.object.kind]));
  const listed = ofRound(input, 'phase').find((p) => p.object.id === input.resolution.ballots.phase)?.object.payload.commitments ?? [];
  const plan = phaseOpen && !input.closed ? planClosing(roster, input.resolution, input.tally, (id) => kinds.get(id) === 'assessment', listed) : undefined;
  return {
    commitmentsReceived: received,
    canOpenReveal: !phaseOpen && !input.closed && received.length > 0,
    canClose: plan?.ok === true,
    closeBlocked: input.closed ? null : !phaseOpen ? 'the reveal is not open yet' : plan !== undefined && !plan.ok ? plan.reason : null,
    closed: input.closed,
  };
}

/** What the desk shows of the signing key; never key material, never its file's path. */
export type KeyStatusView =
  | { readonly state: 'no-key'; readonly member: MemberId | null }
  | { readonly state: 'locked'; readonly member: MemberId; readonly keyid: KeyId; readonly lockedBy: 'never-unlocked' | 'user' | 'idle' }
  | { readonly state: 'unlocked'; readonly member: MemberId; readonly keyid: KeyId; readonly locksAt: Timestamp };

/** This workstation's own choices about signing. */
export interface WorkstationPreferences {
  /** Reveal a sealed assessment as soon as the chair's phase listing it arrives (when the key is unlocked). */
  readonly revealAutomatically: boolean;
  /** The key locks itself after this many idle minutes. */
  readonly idleLockMinutes: number;
}
