import type { MyStanding } from '../../shared/commission/incident-list';
import type { IncidentSummary } from '../../shared/commission/views';
import { categoryLabel, formatKmAlongLine, formatUtcWindow } from './incident-format';
import { FinalityBadge } from './FinalityBadge';
import { myStandingText, myStandingTone } from './my-standing';
import { OutcomeBadge } from './OutcomeBadge';
import type { NameOf } from './outcome-style';
import { VerificationBadge } from './VerificationBadge';

const MY_STANDING_CLASS = { action: 'needs-my-action', warning: 'warning', quiet: 'muted' } as const;

function MyStandingLine({ standing, round }: { readonly standing: MyStanding; readonly round: number }) {
  const tone = myStandingTone(standing);
  const text = myStandingText(standing);
  return (
    <div className="queue-item-standing">
      {round > 1 && <span className="queue-item-round">Round {round} · </span>}
      <span className={`my-standing ${MY_STANDING_CLASS[tone]}`} data-step={standing.step} title={`Where your delegation stands in round ${round}`}>
        {tone === 'action' ? <strong>{text}</strong> : text}
      </span>
    </div>
  );
}

export interface IncidentQueueItemProps {
  readonly incident: IncidentSummary;
  readonly domId: string;
  /** Where the row stands in the whole queue, of which only the visible rows are in the page. */
  readonly position: { readonly index: number; readonly total: number };
  readonly selected: boolean;
  readonly active: boolean;
  readonly nameOf: NameOf;
  readonly onClick: () => void;
}

export function IncidentQueueItem({ incident, domId, position, selected, active, nameOf, onClick }: IncidentQueueItemProps) {
  return (
    <li
      id={domId}
      role="option"
      aria-selected={selected}
      aria-setsize={position.total}
      aria-posinset={position.index + 1}
      className={`queue-item${active ? ' active' : ''}`}
      data-incident={incident.number}
      onClick={onClick}
    >
      <div className="queue-item-title">
        <span className="incident-number">{incident.number}</span>
        <span className="incident-category" title={categoryLabel(incident.category)}>
          {categoryLabel(incident.category)}
        </span>
      </div>
      <div className="queue-item-meta">
        <span>{formatUtcWindow(incident.windowStart, incident.windowEnd)}</span>
        <span>{formatKmAlongLine(incident.chainageKm)}</span>
      </div>
      {incident.myStanding && <MyStandingLine standing={incident.myStanding} round={incident.outcome.round} />}
      <div className="queue-item-badges">
        <OutcomeBadge outcome={incident.outcome} nameOf={nameOf} />
        <FinalityBadge finality={incident.finality} nameOf={nameOf} />
        <VerificationBadge evidence={incident.evidence} />
      </div>
    </li>
  );
}
