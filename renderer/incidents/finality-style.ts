import type { FinalityStatus, RoundFinality } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { formatUtcTimestamp } from './incident-format';
import type { NameOf } from './outcome-style';

/** In the order the queue's finality filter lists them. */
export const FINALITY_STATUSES = ['final', 'provisional', 'closing-refused'] as const satisfies readonly FinalityStatus[];

/** Every verdict carries one of these words beside it: whether it is final is never told by colour alone. */
export const FINALITY_LABELS: Readonly<Record<FinalityStatus, string>> = {
  final: 'FINAL',
  provisional: 'PROVISIONAL',
  'closing-refused': 'CLOSING REFUSED',
};

export const FINALITY_FILTER_LABELS: Readonly<Record<FinalityStatus, string>> = {
  final: 'Final',
  provisional: 'Provisional',
  'closing-refused': 'Closing refused',
};

/** "countersigned by 5 of 9 voting members". */
export function countersignText(countersignedBy: readonly MemberId[], votingMembers: number): string {
  return `countersigned by ${countersignedBy.length} of ${votingMembers} voting member${votingMembers === 1 ? '' : 's'}`;
}

/** The badge's words: the label, and for a final verdict how many voting members countersigned ("FINAL · 5/9 countersigned"). */
export function finalityBadgeText(finality: RoundFinality): string {
  const label = FINALITY_LABELS[finality.status];
  return finality.status === 'final' ? `${label} · ${finality.countersignedBy.length}/${finality.votingMembers} countersigned` : label;
}

/** One line saying why the verdict is final or not, e.g. "closed by Commission Chair on 2026-11-21 14:12 UTC, countersigned by 5 of 9 voting members". */
export function finalityDetail(finality: RoundFinality, nameOf: NameOf): string {
  switch (finality.status) {
    case 'final':
      return `closed by ${nameOf(finality.closedBy)} on ${formatUtcTimestamp(finality.closedAt)}, ${countersignText(finality.countersignedBy, finality.votingMembers)}`;
    case 'provisional':
      return 'no closing record yet: the verdict can still change';
    case 'closing-refused':
      return `not final — the closing record does not hold: ${finality.reason}`;
    default:
      return exhaustive(finality, 'not final');
  }
}

/** The countersigning members by name, for the detail; empty when the verdict is not final or nobody countersigned. */
export function countersignerNames(finality: RoundFinality, nameOf: NameOf): string {
  return finality.status === 'final' ? finality.countersignedBy.map(nameOf).join(', ') : '';
}
