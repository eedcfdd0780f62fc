import type { IncidentCategory, Timestamp } from '../objects/types';
import { exhaustive } from '../tally/exhaustive';
import type { FinalityStatus, IncidentSummary, OutcomeSummary } from './views';

/** An outcome as the queue filters and colours it: a decided outcome is split by its finding. In the order of the outcome sort. */
export const OUTCOME_CLASSES = ['violation', 'no-violation', 'inconclusive', 'no-consensus', 'pending', 'disputed'] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

export const FINALITY_STATUSES = ['final', 'provisional', 'closing-refused'] as const satisfies readonly FinalityStatus[];

export function outcomeClassOf(outcome: Pick<OutcomeSummary, 'outcome' | 'finding'>): OutcomeClass {
  switch (outcome.outcome) {
    case 'decided':
      // The contract gives every decided outcome a finding; one without adopts nothing, which is what inconclusive says.
      return outcome.finding ?? 'inconclusive';
    case 'pending':
    case 'no-consensus':
    case 'disputed':
      return outcome.outcome;
    default:
      return exhaustive(outcome.outcome, 'pending');
  }
}

export function outcomeRank(outcome: OutcomeClass): number {
  return OUTCOME_CLASSES.indexOf(outcome);
}

/**
 * Where the delegation this workstation acts as stands in the incident's current round. An
 * assessing member (voting, party, observer): no commitment yet and no phase; committed, the reveal
 * not open; the phase lists its commitment, not revealed (reveal); revealed; the reveal opened
 * without its commitment (excluded, it cannot vote); the round closed without its reveal. The chair:
 * no commitments yet; commitments received, the reveal to open; the reveal open and the round not
 * yet closable; the round closable (close); closed.
 */
export const MY_STEPS = ['no-commitment', 'committed', 'reveal', 'revealed', 'excluded', 'no-commitments', 'open-reveal', 'reveal-open', 'close', 'closed'] as const;
export type MyStep = (typeof MY_STEPS)[number];

/** The steps that wait for the acting delegation: its commitment, its reveal, or (the chair) a reveal to open or a round to close. */
export const NEEDS_MY_ACTION: readonly MyStep[] = ['no-commitment', 'reveal', 'open-reveal', 'close'];

export interface MyStanding {
  readonly step: MyStep;
  /** Delegations with a commitment in the round: what opening the reveal would list. */
  readonly commitments: number;
}

export const INCIDENT_SORTS = ['time-desc', 'time-asc', 'km', 'outcome', 'number'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

/** The most rows one page may ask for. */
export const MAX_PAGE_ROWS = 500;

/**
 * One page of the queue: filters (each null or empty to let everything through), a sort and a
 * window of rows. Answered from the store's derived tables alone.
 */
export interface IncidentQuery {
  /** Outcomes to show; empty shows every outcome. */
  readonly outcomes: readonly OutcomeClass[];
  readonly category: IncidentCategory | null;
  readonly finality: FinalityStatus | null;
  /** Incidents whose window overlaps [from, to] (either end open when null). */
  readonly from: Timestamp | null;
  readonly to: Timestamp | null;
  /** Chainage range in km, both ends included. */
  readonly kmMin: number | null;
  readonly kmMax: number | null;
  /** Only rounds that need the action of the delegation this workstation acts as (NEEDS_MY_ACTION). */
  readonly needsMyAction: boolean;
  /** Words found in the incident number, category or summary (case-insensitive). */
  readonly text: string | null;
  readonly sort: IncidentSort;
  readonly offset: number;
  readonly limit: number;
}

export const DEFAULT_INCIDENT_QUERY: IncidentQuery = {
  outcomes: [],
  category: null,
  finality: null,
  from: null,
  to: null,
  kmMin: null,
  kmMax: null,
  needsMyAction: false,
  text: null,
  sort: 'time-desc',
  offset: 0,
  limit: 100,
};

export interface CategoryCount {
  readonly category: IncidentCategory;
  readonly count: number;
}

/** Counts per filter value; each dimension is counted under every other filter, so a count is what choosing that value would show. */
export interface IncidentCounts {
  readonly outcomes: Readonly<Record<OutcomeClass, number>>;
  readonly finality: Readonly<Record<FinalityStatus, number>>;
  /** Categories present, by name. */
  readonly categories: readonly CategoryCount[];
  readonly needsMyAction: number;
}

export interface IncidentPage {
  readonly items: readonly IncidentSummary[];
  readonly offset: number;
  /** Incidents that pass every filter. */
  readonly total: number;
  /** Verified incidents in the store. */
  readonly all: number;
  readonly counts: IncidentCounts;
}
