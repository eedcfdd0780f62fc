import type { RoundFinality } from '../../shared/commission/views';
import { countersignerNames, finalityDetail } from './finality-style';
import type { NameOf } from './outcome-style';

export interface FinalityLineProps {
  readonly finality: RoundFinality;
  readonly nameOf: NameOf;
}

/** Why the verdict is final or not, in words; a refused closing record is set off as a note. */
export function FinalityLine({ finality, nameOf }: FinalityLineProps) {
  const names = countersignerNames(finality, nameOf);
  return (
    <p className="finality-line" data-testid="finality" data-finality={finality.status} role={finality.status === 'closing-refused' ? 'note' : undefined}>
      <span className="finality-detail">{finalityDetail(finality, nameOf)}</span>
      {names.length > 0 && <span className="countersigners"> ({names})</span>}
    </p>
  );
}
