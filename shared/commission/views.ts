import type { Attribution, EvidenceRef, IncidentCategory, MemberId, ObjectId, Observation, Role, Timestamp } from '../objects/types';
import type { MyRoundView } from './participation';
import type { MyStanding } from './incident-list';
import type { OutcomeKind, SubstantiveFinding, TallyOutcome } from '../tally/outcome';

/** What the workstation shows about the commission it serves (never a secret key). */
export interface CommissionView {
  readonly commission: string;
  readonly roster: { readonly id: ObjectId; readonly version: number; readonly status: 'current' | 'expired'; readonly expires: Timestamp };
  readonly members: readonly { readonly id: MemberId; readonly name: string; readonly role: Role }[];
  /** The delegation this workstation signs for, if a key is installed. */
  readonly actingAs: { readonly member: MemberId; readonly name: string } | null;
  /** True when the commission is the built-in demo with demo keys. */
  readonly demo: boolean;
  readonly store: { readonly objects: number; readonly incidents: number; readonly quarantined: number };
}

export interface OutcomeSummary {
  readonly round: number;
  readonly outcome: OutcomeKind;
  readonly finding?: SubstantiveFinding;
  readonly attribution?: Attribution;
  readonly reason: string;
}

/**
 * Whether a round's verdict is final. Final only with one verified closing record that the stored
 * objects it names recompute to; without a record the verdict is provisional (a relay could still
 * bring a reveal that changes it), and a record that does not hold is refused with the reason.
 */
export type RoundFinality =
  | {
      readonly status: 'final';
      /** The chair who signed the closing record. */
      readonly closedBy: MemberId;
      readonly closedAt: Timestamp;
      /** Voting members who countersigned it, each once, roster order. */
      readonly countersignedBy: readonly MemberId[];
      /** Voting members of the roster the round was closed under. */
      readonly votingMembers: number;
    }
  | { readonly status: 'provisional' }
  | { readonly status: 'closing-refused'; readonly reason: string };

export type FinalityStatus = RoundFinality['status'];

/** One incident of the queue. Only incidents whose signature and evidence hashes were verified are listed. */
export interface IncidentSummary {
  readonly id: ObjectId;
  readonly number: string;
  readonly category: IncidentCategory;
  readonly summary: string;
  readonly windowStart: Timestamp;
  readonly windowEnd: Timestamp;
  readonly lon: number;
  readonly lat: number;
  readonly uncertaintyM: number;
  readonly chainageKm: number;
  readonly producer: MemberId;
  /** Evidence chunks the incident lists, and how many of them are in the store with matching hashes. */
  readonly evidence: { readonly listed: number; readonly present: number };
  /** The outcome of the incident's current round (shared/commission/current-round.ts). */
  readonly outcome: OutcomeSummary;
  /** Whether the outcome's round is closed: the verdict is final only then. */
  readonly finality: RoundFinality;
  /** The queue's rows only: where the acting delegation stands in the round; null when it acts for none, or for one that neither assesses nor chairs. */
  readonly myStanding?: MyStanding | null;
}

/** A round of an incident before its current one, as the detail lists it. */
export interface RoundSummary {
  readonly round: number;
  readonly outcome: OutcomeSummary;
  readonly finality: RoundFinality;
}

export interface EvidenceView extends EvidenceRef {
  readonly present: boolean;
}

export interface IncidentDetail extends IncidentSummary {
  readonly observations: readonly Observation[];
  readonly evidenceList: readonly EvidenceView[];
  readonly created: Timestamp;
  readonly tally: TallyOutcome;
  /**
   * The detail is verified again from the incident's stored bytes; null when that agrees with the
   * store's derived state (what the queue shows), else one line naming the difference.
   */
  readonly storeMismatch: string | null;
  /** Where the delegation this workstation acts for stands in the shown round; null when it acts for none. */
  readonly participation: MyRoundView | null;
  /** The rounds before the current one that hold a statement of the incident, ascending. */
  readonly rounds: readonly RoundSummary[];
}

/** An import in progress, as the screen shows it (totals from the pack's index). */
export interface ImportProgressView {
  readonly file: string;
  readonly phase: 'rosters' | 'objects' | 'commit' | 'done';
  readonly objectsDone: number;
  readonly objectsTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly bytesPerSecond: number;
  readonly secondsLeft: number | null;
}

export interface ImportResultView {
  readonly file: string;
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  /** One line per quarantined object. */
  readonly rejections: readonly { readonly id: string | null; readonly code: string; readonly reason: string }[];
  /** The pack could not be read at all (nothing was written): one line. */
  readonly error: string | null;
}

/** Packs are imported from the workstation's inbox folder (a USB stick's packs copied there, or a synced folder). */
export interface ImportStatus {
  /** Grows with every change of the import service's state: of two statuses, the higher is the newer. */
  readonly revision: number;
  readonly inbox: string;
  /** Pack files waiting in the inbox, by name. */
  readonly waiting: readonly string[];
  readonly running: boolean;
  readonly current: ImportProgressView | null;
  /** The latest run's results, in import order. */
  readonly results: readonly ImportResultView[];
}

/** One stored object whose bytes no longer verify, found by an audit of the store. */
export interface StoreAuditFinding {
  readonly id: string;
  readonly kind: string;
  /** corrupt: the bytes do not match their name or kind; missing: a chunk file is gone; unverified: the bytes are intact but no longer verify against the trusted roster chain. */
  readonly problem: 'corrupt' | 'missing' | 'unverified';
  readonly detail: string;
}

/** "Audit this store": every stored byte verified again, in the background. */
export interface StoreAuditStatus {
  /** Grows with every change: of two statuses, the higher is the newer. */
  readonly revision: number;
  readonly state: 'idle' | 'running' | 'done' | 'failed';
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly objects: { readonly checked: number; readonly total: number };
  readonly chunkBytes: { readonly checked: number; readonly total: number };
  /** Every finding up to a cap, in id order; `findingCount` counts them all. */
  readonly findings: readonly StoreAuditFinding[];
  readonly findingCount: number;
  /** Why the audit could not run (no roster, the store cannot be read): one line. */
  readonly error: string | null;
}
