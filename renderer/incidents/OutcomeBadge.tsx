import type { CSSProperties } from 'react';
import { OUTCOME_COLORS, OUTCOME_MARKERS, cssColor, outcomeClassOf, outcomeLabel, type NameOf, type OutcomeShape } from './outcome-style';

export interface OutcomeBadgeProps {
  readonly outcome: OutcomeShape;
  readonly nameOf: NameOf;
}

/** The outcome in words, its colour, and the shape of its marker on the map (the words carry it for a screen reader). */
export function OutcomeBadge({ outcome, nameOf }: OutcomeBadgeProps) {
  const outcomeClass = outcomeClassOf(outcome);
  const style = { '--outcome-color': cssColor(OUTCOME_COLORS[outcomeClass]) } as CSSProperties;
  return (
    <span className="outcome-badge" data-outcome={outcomeClass} style={style}>
      <span className="outcome-shape" data-marker={OUTCOME_MARKERS[outcomeClass]} aria-hidden="true" />
      {outcomeLabel(outcome, nameOf)}
    </span>
  );
}
