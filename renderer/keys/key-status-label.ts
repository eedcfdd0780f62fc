import type { KeyStatusView } from '../../shared/commission/participation';
import { exhaustive } from '../../shared/tally/exhaustive';
import { utcTimeOfDay } from '../assessment/utc-datetime';

const LOCKED_BY: Readonly<Record<Extract<KeyStatusView, { state: 'locked' }>['lockedBy'], string>> = {
  'never-unlocked': 'locked',
  user: 'locked',
  idle: 'locked after idle time',
};

/** The app bar's line: "Key: FRA · locked", "Key: FRA · unlocked · locks at 14:05 UTC", "No key". */
export function keyStatusLabel(status: KeyStatusView): string {
  switch (status.state) {
    case 'no-key':
      return status.member === null ? 'No key' : `No key for ${status.member}`;
    case 'locked':
      return `Key: ${status.member} · ${LOCKED_BY[status.lockedBy] ?? 'locked'}`;
    case 'unlocked':
      return `Key: ${status.member} · unlocked · locks at ${utcTimeOfDay(status.locksAt)}`;
    default:
      return exhaustive(status, 'No key');
  }
}

/** Whether signing (sealing, revealing, the chair's records) can go ahead without unlocking first. */
export function canSign(status: KeyStatusView | undefined): boolean {
  return status?.state === 'unlocked';
}
