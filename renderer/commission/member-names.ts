import type { CommissionView } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import type { NameOf } from '../incidents/outcome-style';

/** A member's name from the roster; its id when the roster does not list it. */
export function memberNames(commission: CommissionView | undefined): NameOf {
  const names = new Map<MemberId, string>(commission?.members.map((m) => [m.id, m.name]));
  return (member) => names.get(member) ?? member;
}
