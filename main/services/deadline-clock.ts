import { formatTimestamp } from '../../shared/objects/timestamp';
import type { ReadableDb } from '../store/database';
import type { EmitMainEvent } from './main-events';

/** setTimeout's longest delay; a later deadline is waited for in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Fired this long after the deadline, so that a read then is strictly after it. */
const AFTER_MS = 50;

/**
 * Tells the window when a round's tally changes with time alone (a silence deadline passes): the
 * store's derived state names the next such instant (`round_tallies.next_change_at`), and at that
 * instant `deadlinePassed` is pushed, so the queue and the detail read again and no "as of" goes
 * stale. Rescheduled whenever the store changes.
 */
export class DeadlineClock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly next;

  constructor(
    db: ReadableDb,
    private readonly emit: EmitMainEvent,
    private readonly now: () => number = Date.now,
  ) {
    this.next = db.prepare('SELECT min(next_change_at) FROM round_tallies WHERE next_change_at > ?').pluck();
  }

  schedule(): void {
    this.stop();
    const now = this.now();
    const at = this.next.get(now) as number | null;
    if (at === null) return;
    const wait = at - now + AFTER_MS;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (wait <= MAX_DELAY_MS) this.emit('deadlinePassed', { at: formatTimestamp(at) });
        this.schedule();
      },
      Math.min(wait, MAX_DELAY_MS),
    );
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
