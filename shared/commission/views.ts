import type { Attribution, EvidenceRef, IncidentCategory, MemberId, ObjectId, Observation, Role, Timestamp } from '../objects/types';
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
  readonly outcome: OutcomeSummary;
}

export interface EvidenceView extends EvidenceRef {
  readonly present: boolean;
}

export interface IncidentDetail extends IncidentSummary {
  readonly observations: readonly Observation[];
  readonly evidenceList: readonly EvidenceView[];
  readonly created: Timestamp;
  readonly tally: TallyOutcome;
}
