import type { CSSProperties } from 'react';
import { OUTCOME_COLORS, cssColor, outcomeClassOf, outcomeLabel, type NameOf, type OutcomeShape } from './outcome-style';

export interface OutcomeBadgeProps {
  readonly outcome: OutcomeShape;
  readonly nameOf: NameOf;
}

export function OutcomeBadge({ outcome, nameOf }: OutcomeBadgeProps) {
  const outcomeClass = outcomeClassOf(outcome);
  const style = { '--outcome-color': cssColor(OUTCOME_COLORS[outcomeClass]) } as CSSProperties;
  return (
    <span className="outcome-badge" data-outcome={outcomeClass} style={style}>
      {outcomeLabel(outcome, nameOf)}
    </span>
  );
}
