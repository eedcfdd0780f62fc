import type { IncidentSummary } from '../../shared/commission/views';
import { categoryLabel, formatKmAlongLine, formatUtcWindow } from './incident-format';
import { FinalityBadge } from './FinalityBadge';
import { OutcomeBadge } from './OutcomeBadge';
import type { NameOf } from './outcome-style';
import { VerificationBadge } from './VerificationBadge';

export interface IncidentQueueItemProps {
  readonly incident: IncidentSummary;
  readonly domId: string;
  readonly selected: boolean;
  readonly active: boolean;
  readonly nameOf: NameOf;
  readonly onClick: () => void;
}

export function IncidentQueueItem({ incident, domId, selected, active, nameOf, onClick }: IncidentQueueItemProps) {
  return (
    <li id={domId} role="option" aria-selected={selected} className={`queue-item${active ? ' active' : ''}`} data-incident={incident.number} onClick={onClick}>
      <div className="queue-item-title">
        <span className="incident-number">{incident.number}</span>
        <span className="incident-category">{categoryLabel(incident.category)}</span>
      </div>
      <div className="queue-item-meta">
        <span>{formatUtcWindow(incident.windowStart, incident.windowEnd)}</span>
        <span>{formatKmAlongLine(incident.chainageKm)}</span>
      </div>
      <div className="queue-item-badges">
        <OutcomeBadge outcome={incident.outcome} nameOf={nameOf} />
        <FinalityBadge finality={incident.finality} nameOf={nameOf} />
        <VerificationBadge evidence={incident.evidence} />
      </div>
    </li>
  );
}
