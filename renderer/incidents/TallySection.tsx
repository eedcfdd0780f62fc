import type { ReactNode } from 'react';
import type { RoundFinality } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import type { TallyOutcome } from '../../shared/tally/outcome';
import { FinalityBadge } from './FinalityBadge';
import { formatUtcTimestamp } from './incident-format';
import { MemberTallyTable } from './MemberTallyTable';
import { OutcomeBadge } from './OutcomeBadge';
import { outcomeOfVerdict, type NameOf } from './outcome-style';
import { TallyCountsList } from './TallyCountsList';

export interface TallySectionProps {
  readonly tally: TallyOutcome;
  readonly finality: RoundFinality;
  readonly actingAs: MemberId | undefined;
  readonly nameOf: NameOf;
  /** Independence: false until the acting delegation has sealed (or chose to look). */
  readonly othersFindingsVisible: boolean;
  /** Where the acting delegation may choose to look at others' findings: shown while they are hidden. */
  readonly showOthers?: ReactNode;
}

export function TallySection({ tally, finality, actingAs, nameOf, othersFindingsVisible, showOthers }: TallySectionProps) {
  const { verdict } = tally;
  return (
    <section className="detail-section tally" aria-labelledby="tally-title" data-testid="tally">
      <h3 id="tally-title">
        Tally — round {tally.round} <span className="muted">as of {formatUtcTimestamp(tally.asOf)}</span>
      </h3>
      <div className="verdict">
        <div className="verdict-badges">
          <OutcomeBadge outcome={outcomeOfVerdict(verdict)} nameOf={nameOf} />
          <FinalityBadge finality={finality} nameOf={nameOf} />
        </div>
        <p className="verdict-reason" data-testid="verdict-reason">
          {tally.reason}
        </p>
      </div>
      {verdict.outcome === 'disputed' && (
        <p className="dispute-alert" role="note">
          An equivocation or an invalid signature decides this count ({verdict.disputedBy.map(nameOf).join(', ')}). The conflicting statements are kept as proof.
        </p>
      )}
      <TallyCountsList counts={tally.counts} nameOf={nameOf} />
      {!othersFindingsVisible && showOthers}
      <MemberTallyTable members={tally.members} actingAs={actingAs} nameOf={nameOf} othersFindingsVisible={othersFindingsVisible} />
      {tally.ignored.length > 0 && (
        <div className="ignored-ballots">
          <h4>Ballots set aside</h4>
          <ul>
            {tally.ignored.map((b) => (
              <li key={b.member}>
                {nameOf(b.member)}: {b.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
