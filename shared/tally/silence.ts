import type { Timestamp } from '../objects/types';
import type { RoundBallots } from './ballot';
import type { PreparedRoster } from './prepared-roster';
import { parseTimestamp } from '../objects/timestamp';

export interface SilenceState {
  /** The silence procedure applies and asOf is strictly after the phase's silence deadline. */
  readonly passed: boolean;
  /** Appended to a pending reason: what would end the wait. */
  readonly note: string;
}

/** Remembers the last text read: a batch tallies many incidents at one asOf, often against one deadline. */
class LastTimestamp {
  private text: string | null = null;
  private ms: number | null = null;

  read(text: string): number | null {
    if (text !== this.text) {
      this.ms = parseTimestamp(text) ?? null;
      this.text = text;
    }
    return this.ms;
  }
}

const DEADLINES = new LastTimestamp();
const TALLY_TIMES = new LastTimestamp();

export function silenceState(rule: PreparedRoster['rule'], round: RoundBallots, asOf: Timestamp, phaseOpen: boolean): SilenceState {
  if ('problem' in rule || !rule.silenceProcedure || !phaseOpen) return { passed: false, note: '' };
  const deadline = round.silenceDeadline;
  if (deadline === undefined) return { passed: false, note: '; the phase sets no silence deadline' };
  const deadlineMs = DEADLINES.read(deadline);
  if (deadlineMs === null) return { passed: false, note: `; the silence deadline ${deadline} is not a readable timestamp` };
  const asOfMs = TALLY_TIMES.read(asOf);
  if (asOfMs === null) return { passed: false, note: `; the time of the tally ${asOf} is not a readable timestamp` };
  if (asOfMs > deadlineMs) return { passed: true, note: '' };
  return { passed: false, note: `; after the silence deadline ${deadline}, silence counts as not objecting` };
}
