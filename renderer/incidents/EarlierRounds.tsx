import type { RoundSummary } from '../../shared/commission/views';
import { FinalityBadge } from './FinalityBadge';
import { OutcomeBadge } from './OutcomeBadge';
import type { NameOf } from './outcome-style';

export interface EarlierRoundsProps {
  readonly rounds: readonly RoundSummary[];
  readonly nameOf: NameOf;
}

/** The incident's rounds before the current one, each with its outcome and finality; nothing while round 1 is current. */
export function EarlierRounds({ rounds, nameOf }: EarlierRoundsProps) {
  if (rounds.length === 0) return null;
  return (
    <section className="detail-section earlier-rounds" aria-labelledby="earlier-rounds-title" data-testid="earlier-rounds">
      <h3 id="earlier-rounds-title">Earlier rounds</h3>
      <ul className="earlier-rounds-list">
        {rounds.map(({ round, outcome, finality }) => (
          <li key={round} data-round={round}>
            <span className="earlier-round-number">Round {round}</span> <OutcomeBadge outcome={outcome} nameOf={nameOf} /> <FinalityBadge finality={finality} nameOf={nameOf} />
            <span className="muted earlier-round-reason">{outcome.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
