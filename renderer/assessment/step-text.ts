import type { MyRoundView } from '../../shared/commission/participation';
import type { OutcomeSummary, RoundSummary } from '../../shared/commission/views';
import type { Role } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { formatUtcTimestamp } from '../incidents/incident-format';

export const SEAL_MEANING = 'Your assessment stays sealed until the chair opens the reveal; you cannot change it after that except by a new round.';

export const RESEAL_MEANING = 'Sealing again supersedes your earlier sealed assessment: only your latest commitment counts when the chair opens the reveal.';

const NON_ASSESSING: Readonly<Partial<Record<Role, string>>> = {
  chair: 'As the chair you do not assess: you open the reveal and close the round.',
  producer: 'The monitoring mission reports incidents; it does not assess them.',
};

/** One line: where the acting delegation stands in the round, and what it can do next. */
export function stepLine(view: MyRoundView): string {
  const latest = view.commitments.at(-1);
  switch (view.step) {
    case 'not-an-assessor':
      return NON_ASSESSING[view.role] ?? `A ${view.role} member does not assess.`;
    case 'draft':
      return view.hasDraft ? 'Your draft is saved on this workstation only. Seal it before the chair opens the reveal.' : 'Draft your assessment here, then seal it before the chair opens the reveal.';
    case 'committed':
      return `Sealed at ${latest ? formatUtcTimestamp(latest.created) : 'an unknown time'}, awaiting the chair's reveal.${view.commitments.length > 1 ? ` You sealed ${view.commitments.length} times: the latest counts.` : ''}`;
    case 'reveal':
      return `The chair opened the reveal and it lists your sealed assessment: reveal it so that it counts.${deadline(view)}`;
    case 'reveal-elsewhere':
      return `The chair opened the reveal and it lists your commitment, but the sealed assessment is on another workstation: reveal it there.${deadline(view)}`;
    case 'revealed':
      return `Revealed at ${view.reveal ? formatUtcTimestamp(view.reveal.created) : 'an unknown time'}.`;
    case 'excluded':
      return 'The reveal opened without your commitment: you cannot vote in this round.';
    default:
      return exhaustive(view.step, '');
  }
}

function deadline(view: MyRoundView): string {
  const { phase } = view;
  if (phase?.revealDeadline) return ` Reveal by ${formatUtcTimestamp(phase.revealDeadline)}.`;
  if (phase?.silenceDeadline) return ` Silence procedure: a voting member that has not revealed by ${formatUtcTimestamp(phase.silenceDeadline)} counts as not objecting.`;
  return '';
}

/** "Round 2 is open for assessments: round 1 closed with no consensus." while the shown round holds no phase and the round before it was closed without a decision; null otherwise. */
export function newRoundLine(view: Pick<MyRoundView, 'round' | 'phase' | 'closed'>, rounds: readonly RoundSummary[]): string | null {
  if (view.phase !== null || view.closed) return null;
  const before = rounds.find((r) => r.round === view.round - 1);
  if (before === undefined || before.finality.status !== 'final') return null;
  return `Round ${view.round} is open for assessments: round ${before.round} closed with ${closedWith(before.outcome)}.`;
}

function closedWith(outcome: OutcomeSummary): string {
  switch (outcome.outcome) {
    case 'no-consensus':
      return 'no consensus';
    case 'disputed':
      return 'its count disputed';
    case 'decided':
      return 'a decision';
    case 'pending':
      return 'no verdict';
    default:
      return exhaustive(outcome.outcome, 'no decision');
  }
}
