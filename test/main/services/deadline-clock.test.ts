import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { MainEventName } from '../../../shared/ipc/contract';
import { formatTimestamp } from '../../../shared/objects/timestamp';
import { DeadlineClock } from '../../../main/services/deadline-clock';
import { openStore, type Store } from '../../../main/store/store';
import { removeTempDirs, tempDir } from '../store/fixtures/store-fixtures';

afterAll(removeTempDirs);

let store: Store | undefined;
let clock: DeadlineClock | undefined;
afterEach(() => {
  clock?.stop();
  store?.close();
});

function tallyChangingAt(s: Store, incident: string, at: number | null): void {
  s.db
    .prepare("INSERT INTO round_tallies (incident, round, roster, outcome, reason, counts, finality, next_change_at) VALUES (?, 1, 'r', 'pending', 'waiting', '{}', 'provisional', ?)")
    .run(incident, at);
}

describe('the clock that tells the window when a tally changes with time alone', () => {
  it('pushes deadlinePassed just after the nearest deadline still ahead, once, and then waits for the next', async () => {
    store = openStore(tempDir('truceline-deadlines-'), { create: true });
    const now = Date.now();
    tallyChangingAt(store, 'a', now + 120);
    tallyChangingAt(store, 'b', now + 400);
    tallyChangingAt(store, 'c', now - 1_000);
    tallyChangingAt(store, 'd', null);
    const events: { event: MainEventName; payload: unknown; at: number }[] = [];
    clock = new DeadlineClock(store.db, (event, payload) => events.push({ event, payload, at: Date.now() }));
    clock.schedule();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.map((e) => e.payload)).toEqual([{ at: formatTimestamp(now + 120) }, { at: formatTimestamp(now + 400) }]);
    expect(events.every((e) => e.event === 'deadlinePassed')).toBe(true);
    expect(events[0]!.at).toBeGreaterThan(now + 120);
  });

  it('pushes nothing when no deadline lies ahead, and nothing after it is stopped', async () => {
    store = openStore(tempDir('truceline-deadlines-'), { create: true });
    const events: unknown[] = [];
    clock = new DeadlineClock(store.db, (_event, payload) => events.push(payload));
    clock.schedule();
    tallyChangingAt(store, 'a', Date.now() + 200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    clock.schedule();
    clock.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual([]);
  });
});
