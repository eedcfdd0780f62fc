import type { MyRoundView } from '../../shared/commission/participation';
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
