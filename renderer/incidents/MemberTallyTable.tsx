import { Fragment } from 'react';
import type { MemberId } from '../../shared/objects/types';
import type { MemberTally } from '../../shared/tally/outcome';
import { formatConfidence } from './incident-format';
import { FINDING_LABELS, ROLE_LABELS, STANDING_LABELS, attributionLabel, isOutsideCount, type NameOf } from './outcome-style';

export interface MemberTallyTableProps {
  readonly members: readonly MemberTally[];
  readonly actingAs: MemberId | undefined;
  readonly nameOf: NameOf;
  /** Independence: false until the acting delegation has sealed (or chose to look); then only its own row shows a finding. */
  readonly othersFindingsVisible: boolean;
}

const BALLOT_FLAGS: Partial<Record<MemberTally['ballot'], string>> = {
  equivocated: 'equivocation',
  invalid: 'invalid signature',
};

function rowClass(member: MemberTally): string {
  if (member.standing === 'disputed' || BALLOT_FLAGS[member.ballot]) return 'flagged';
  return isOutsideCount(member.standing) ? 'outside-count' : '';
}

/** Every assessing delegation, in roster order, with how the tally used its ballot and why. */
export function MemberTallyTable({ members, actingAs, nameOf, othersFindingsVisible }: MemberTallyTableProps) {
  return (
    <table className="data-table member-tally" aria-label="Delegations">
      <thead>
        <tr>
          <th>Delegation</th>
          <th>Role</th>
          <th>Standing</th>
          <th>Finding</th>
          <th>Attribution</th>
          <th className="numeric">Conf.</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const flag = BALLOT_FLAGS[m.ballot];
          // Not rendered at all (not hidden by style): nothing of another delegation's finding is on the page.
          const hidden = !othersFindingsVisible && m.member !== actingAs;
          return (
            <Fragment key={m.member}>
              <tr className={`member-row ${rowClass(m)}`} data-member={m.member} data-standing={m.standing}>
                <td>
                  {nameOf(m.member)}
                  {m.member === actingAs && <span className="you-tag">you</span>}
                </td>
                <td>{ROLE_LABELS[m.role] ?? m.role}</td>
                <td>
                  <span className="standing" data-testid="standing">
                    {STANDING_LABELS[m.standing] ?? m.standing}
                  </span>
                  {flag && <span className="flag-tag">{flag}</span>}
                </td>
                {hidden ? (
                  <td colSpan={3} className="muted" data-testid="finding-hidden">
                    not shown before you seal
                  </td>
                ) : (
                  <>
                    <td>{m.finding ? FINDING_LABELS[m.finding] : '—'}</td>
                    <td>{m.attribution ? attributionLabel(m.attribution, nameOf) : '—'}</td>
                    <td className="numeric">{formatConfidence(m.confidence)}</td>
                  </>
                )}
              </tr>
              {!hidden && (
                <tr className={`reason-row ${rowClass(m)}`}>
                  <td colSpan={6}>{m.reason}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
