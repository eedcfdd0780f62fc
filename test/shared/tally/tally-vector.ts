import type { TallyCase } from '../../../shared/tally/tally-case';
import type { Standing, Verdict } from '../../../shared/tally/outcome';

export { caseRoster as vectorRoster, caseRound as vectorRound } from '../../../shared/tally/tally-case';

/** One golden tally case as stored in test/vectors/tally/<case>.json (format: test/vectors/tally/README.md). */
export interface TallyVector extends TallyCase {
  readonly description: string;
  readonly expected: {
    readonly verdict: Verdict;
    readonly standings: Readonly<Record<string, Standing>>;
    readonly ignored?: readonly string[];
  };
}
