import { LIMITS } from '../../shared/objects/limits';
import { usageError } from './cli-error';
import type { CommandContext } from './command';

export const ROUND_OPTION = { round: { type: 'string' } } as const;
export const ROUND_HELP = { round: `round, 1–${LIMITS.maxRound} (default 1)` } as const;

/** --round: the rounds an object can name, 1–1000; 1 when not given. */
export function roundOption(context: CommandContext): number {
  const text = context.values['round'];
  if (text === undefined) return 1;
  const round = typeof text === 'string' && /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(round >= 1 && round <= LIMITS.maxRound)) throw usageError(`--round "${String(text)}": must be a whole number from 1 to ${LIMITS.maxRound}`);
  return round;
}
