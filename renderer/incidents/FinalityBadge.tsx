import type { RoundFinality } from '../../shared/commission/views';
import { finalityBadgeText, finalityDetail } from './finality-style';
import type { NameOf } from './outcome-style';

export interface FinalityBadgeProps {
  readonly finality: RoundFinality;
  readonly nameOf: NameOf;
}

export function FinalityBadge({ finality, nameOf }: FinalityBadgeProps) {
  return (
    <span className="finality-badge" data-finality={finality.status} title={finalityDetail(finality, nameOf)}>
      {finalityBadgeText(finality)}
    </span>
  );
}
