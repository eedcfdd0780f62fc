import { NEEDS_MY_ACTION, type MyStanding } from '../../shared/commission/incident-list';
import { exhaustive } from '../../shared/tally/exhaustive';

/** Where the acting delegation stands in a queue row's round, in words. */
export function myStandingText(standing: MyStanding): string {
  const step = standing.step;
  switch (step) {
    case 'no-commitment':
      return 'no commitment yet';
    case 'committed':
      return 'committed — awaiting the reveal';
    case 'reveal':
      return 'reveal now';
    case 'revealed':
      return 'revealed';
    case 'excluded':
      return 'cannot vote (reveal opened without my commitment)';
    case 'closed':
      return 'round closed';
    case 'no-commitments':
      return 'no commitments yet';
    case 'open-reveal':
      return `open the reveal (${standing.commitments} ${standing.commitments === 1 ? 'commitment' : 'commitments'})`;
    case 'reveal-open':
      return 'reveal open — not closable yet';
    case 'close':
      return 'close the round';
    default:
      return exhaustive(step, String(step));
  }
}

/** How a row shows the standing: what waits for the delegation stands out, a round it cannot vote in warns. */
export type StandingTone = 'action' | 'warning' | 'quiet';

export function myStandingTone(standing: MyStanding): StandingTone {
  if (NEEDS_MY_ACTION.includes(standing.step)) return 'action';
  return standing.step === 'excluded' ? 'warning' : 'quiet';
}
