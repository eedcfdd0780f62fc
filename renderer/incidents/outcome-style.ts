import { OUTCOME_CLASSES, outcomeClassOf, type OutcomeClass } from '../../shared/commission/incident-list';
import type { OutcomeSummary } from '../../shared/commission/views';
import type { Attribution, Finding, MemberId, Role } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import type { Standing, Verdict } from '../../shared/tally/outcome';

/** An outcome as the queue filters and colours it (shared: the store filters by it): a decided outcome is split by its finding. */
export { OUTCOME_CLASSES, outcomeClassOf, type OutcomeClass };

export type Rgba = readonly [number, number, number, number];

export const OUTCOME_CLASS_LABELS: Readonly<Record<OutcomeClass, string>> = {
  violation: 'Violation',
  'no-violation': 'No violation',
  inconclusive: 'Inconclusive',
  'no-consensus': 'No consensus',
  pending: 'Pending',
  disputed: 'Disputed',
};

/**
 * Distinct from the ceasefire line's red, from the settlements' colours, and from each other for
 * viewers with protanopia, deuteranopia or tritanopia (Okabe–Ito hues; checked with a simulator in
 * test/renderer/incidents/outcome-colours.test.ts).
 */
export const OUTCOME_COLORS: Readonly<Record<OutcomeClass, Rgba>> = {
  violation: [230, 159, 0, 255],
  'no-violation': [0, 158, 115, 255],
  inconclusive: [190, 195, 200, 255],
  'no-consensus': [240, 228, 66, 255],
  pending: [86, 180, 233, 255],
  disputed: [204, 121, 167, 255],
};

/**
 * The marker's shape, so that colour is never the only sign of an outcome: a decided round is a
 * filled dot, an open one a hollow ring, a contested one (no consensus, disputed) a dot with a white outline.
 */
export type MarkerShape = 'filled' | 'hollow' | 'outlined';

export const OUTCOME_MARKERS: Readonly<Record<OutcomeClass, MarkerShape>> = {
  violation: 'filled',
  'no-violation': 'filled',
  inconclusive: 'filled',
  'no-consensus': 'outlined',
  pending: 'hollow',
  disputed: 'outlined',
};

export function cssColor([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${+(a / 255).toFixed(3)})`;
}

/** The parts of an outcome that decide how it is shown: an OutcomeSummary, or a tally's verdict. */
export interface OutcomeShape {
  readonly outcome: OutcomeSummary['outcome'];
  readonly finding?: OutcomeSummary['finding'];
  readonly attribution?: Attribution;
  readonly disputedBy?: readonly MemberId[];
}

export function outcomeOfVerdict(verdict: Verdict): OutcomeShape {
  switch (verdict.outcome) {
    case 'pending':
    case 'no-consensus':
      return { outcome: verdict.outcome };
    case 'decided':
      return verdict.finding === 'violation' ? { outcome: 'decided', finding: 'violation', attribution: verdict.attribution } : { outcome: 'decided', finding: verdict.finding };
    case 'disputed':
      return { outcome: 'disputed', disputedBy: verdict.disputedBy };
    default:
      return exhaustive(verdict, { outcome: 'pending' });
  }
}

export type NameOf = (member: MemberId) => string;

export function attributionLabel(attribution: Attribution, nameOf: NameOf): string {
  return attribution === 'undetermined' ? 'undetermined' : nameOf(attribution);
}

/** The words of an outcome badge, e.g. "Decided — violation, attributed to Party A". */
export function outcomeLabel(outcome: OutcomeShape, nameOf: NameOf): string {
  const outcomeClass = outcomeClassOf(outcome);
  switch (outcomeClass) {
    case 'violation':
      return outcome.attribution === undefined || outcome.attribution === 'undetermined'
        ? 'Decided — violation, attribution undetermined'
        : `Decided — violation, attributed to ${nameOf(outcome.attribution)}`;
    case 'no-violation':
      return 'Decided — no violation';
    case 'inconclusive':
      return 'Decided — inconclusive';
    case 'no-consensus':
      return 'No consensus';
    case 'pending':
      return 'Pending';
    case 'disputed':
      return outcome.disputedBy && outcome.disputedBy.length > 0 ? `Disputed — ${outcome.disputedBy.map(nameOf).join(', ')}` : 'Disputed';
    default:
      return exhaustive(outcomeClass, outcome.outcome);
  }
}

export const FINDING_LABELS: Readonly<Record<Finding, string>> = {
  violation: 'violation',
  'no-violation': 'no violation',
  inconclusive: 'inconclusive',
  abstain: 'abstain',
};

export const STANDING_LABELS: Readonly<Record<Standing, string>> = {
  counted: 'counted',
  abstained: 'abstained',
  awaited: 'awaiting reveal',
  'silent-no-objection': 'silent — no objection',
  'not-counted': 'not counted',
  disputed: 'disputed',
  recused: 'recused — not counted',
  observer: 'observer — not counted',
};

/** Short: they fill a narrow column of the tally table. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  voting: 'voting',
  party: 'party',
  observer: 'observer',
  producer: 'mission',
  chair: 'chair',
};

/** Standings that take no part in the count by rule (not by a fault of the ballot). */
export function isOutsideCount(standing: Standing): boolean {
  return standing === 'recused' || standing === 'observer';
}
