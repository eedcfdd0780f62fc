import type { TallyCounts, VoteCount } from '../../shared/tally/outcome';
import { attributionLabel, type NameOf } from './outcome-style';

function votes({ votes, weight }: VoteCount): string {
  return weight === votes ? `${votes}` : `${votes} (weight ${weight})`;
}

/** The findings are always shown; the other counts only when something stands there. */
export function TallyCountsList({ counts, nameOf }: { readonly counts: TallyCounts; readonly nameOf: NameOf }) {
  const optional: [string, VoteCount][] = [
    ['Abstained', counts.abstained],
    ['Awaiting reveal', counts.awaited],
    ['Silent — no objection', counts.silentNoObjection],
    ['Not counted', counts.notCounted],
    ['Disputed', counts.disputed],
  ];
  const entries: [string, string][] = [
    ['Voting members', votes(counts.voting)],
    ['Violation', votes(counts.findings.violation)],
    ['No violation', votes(counts.findings['no-violation'])],
    ['Inconclusive', votes(counts.findings.inconclusive)],
    ...optional.filter(([, count]) => count.votes > 0).map(([label, count]): [string, string] => [label, votes(count)]),
    ...counts.attributions.map((a): [string, string] => [a.attribution === 'undetermined' ? 'Attribution undetermined' : `Attributed to ${attributionLabel(a.attribution, nameOf)}`, votes(a)]),
  ];
  return (
    <dl className="tally-counts" data-testid="tally-counts">
      {entries.map(([label, value]) => (
        <div key={label} className={label === 'Disputed' ? 'flagged' : undefined}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
