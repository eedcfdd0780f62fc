import type { Attribution, Finding } from '../objects/types';
import type { Ballot, BallotStatus } from './ballot';
import { exhaustive } from './exhaustive';
import type { Standing } from './outcome';
import type { PreparedMember, PreparedRoster } from './prepared-roster';

/** Index of a finding among SUBSTANTIVE_FINDINGS; ABSTAIN for 'abstain'; NO_FINDING when absent or unknown. */
export const VIOLATION = 0;
export const ABSTAIN = 3;
export const NO_FINDING = -1;

export function findingPosition(finding: Finding | undefined): number {
  switch (finding) {
    case 'violation':
      return VIOLATION;
    case 'no-violation':
      return 1;
    case 'inconclusive':
      return 2;
    case 'abstain':
      return ABSTAIN;
    case undefined:
      return NO_FINDING;
    default:
      return exhaustive(finding, NO_FINDING);
  }
}

/** Candidate index of an attribution; anything but one of the roster's parties counts as 'undetermined'. */
export function attributionPosition(prepared: PreparedRoster, attribution: Attribution | undefined): number {
  const undetermined = prepared.attributionCandidates.length - 1;
  if (attribution === undefined) return undetermined;
  return prepared.attributionIndexById.get(attribution) ?? undetermined;
}

export function standingOf(member: PreparedMember, ballot: Ballot, silencePassed: boolean): Standing {
  if (member.role === 'party') return 'recused';
  if (member.role === 'observer') return 'observer';
  const status = ballot.status;
  switch (status) {
    case 'counted': {
      const position = findingPosition(ballot.finding);
      return position === NO_FINDING ? 'disputed' : position === ABSTAIN ? 'abstained' : 'counted';
    }
    case 'silent':
    case 'committed':
      return silencePassed ? 'silent-no-objection' : 'awaited';
    case 'unmatched-reveal':
    case 'early-reveal':
      return 'not-counted';
    case 'equivocated':
    case 'invalid':
      return 'disputed';
    default:
      return exhaustive(status, 'disputed');
  }
}

const SHOWN_FINDING: Readonly<Record<Finding, string>> = {
  violation: 'assessed violation',
  'no-violation': 'assessed no-violation',
  inconclusive: 'assessed inconclusive',
  abstain: 'abstained',
};

const RECUSED_REASONS = reasonsByFinding('recused: party to the dispute, not counted');
const OBSERVER_REASONS = reasonsByFinding('observer: shown, not counted');

function reasonsByFinding(prefix: string): Readonly<Record<Finding | 'none', string>> {
  return {
    violation: `${prefix} (${SHOWN_FINDING.violation})`,
    'no-violation': `${prefix} (${SHOWN_FINDING['no-violation']})`,
    inconclusive: `${prefix} (${SHOWN_FINDING.inconclusive})`,
    abstain: `${prefix} (${SHOWN_FINDING.abstain})`,
    none: prefix,
  };
}

const NOT_COUNTED_REASONS: Readonly<Partial<Record<BallotStatus, string>>> = {
  'unmatched-reveal': 'not counted: the reveal matches no commitment the phase lists',
  'early-reveal': 'not counted: revealed before the chair opened the reveal',
};

const DISPUTED_REASONS: Readonly<Partial<Record<BallotStatus, string>>> = {
  equivocated: 'disputed: conflicting statements (equivocation)',
  invalid: 'disputed: an object failed verification',
  counted: 'disputed: a counted ballot without a valid finding',
};

/** One line on how the tally used the ballot. Lines are shared constants: the hot path builds no strings. */
export function standingReason(standing: Standing, ballot: Ballot, countedReasons: ReadonlyMap<string, string>): string {
  const shown = findingPosition(ballot.finding) === NO_FINDING ? 'none' : (ballot.finding as Finding);
  switch (standing) {
    case 'counted':
      if (ballot.finding === 'violation') {
        return countedReasons.get(ballot.attribution ?? 'undetermined') ?? `counted: violation, attributed to ${String(ballot.attribution)} (not a party: tallied as undetermined)`;
      }
      return ballot.finding === 'no-violation' ? 'counted: no-violation' : 'counted: inconclusive';
    case 'abstained':
      return 'counted: abstains';
    case 'awaited':
      return ballot.status === 'committed' ? 'awaited: committed, not revealed yet' : 'awaited: nothing from this member in this round yet';
    case 'silent-no-objection':
      return 'silent at the silence deadline: counts as not objecting';
    case 'not-counted':
      return NOT_COUNTED_REASONS[ballot.status] ?? 'not counted';
    case 'disputed':
      return DISPUTED_REASONS[ballot.status] ?? `disputed: unknown ballot status ${String(ballot.status)}`;
    case 'recused':
      return RECUSED_REASONS[shown];
    case 'observer':
      return OBSERVER_REASONS[shown];
    default:
      return exhaustive(standing, `unknown standing ${String(standing)}`);
  }
}

/** The counted-violation lines for each of the roster's attribution candidates, built once per roster. */
export function countedViolationReasons(attributionCandidates: readonly Attribution[]): ReadonlyMap<string, string> {
  return new Map(
    attributionCandidates.map((attribution) => [attribution, attribution === 'undetermined' ? 'counted: violation, attribution undetermined' : `counted: violation, attributed to ${attribution}`]),
  );
}
