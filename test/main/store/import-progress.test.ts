import { describe, expect, it } from 'vitest';
import { progressLine, ProgressTracker, type ImportProgress } from '../../../main/store/import-progress';

describe('import progress', () => {
  it('reports at most every 100 ms and at every phase change, with the rate and the time left', () => {
    let now = 0;
    const events: ImportProgress[] = [];
    const tracker = new ProgressTracker(
      'p.pack',
      10,
      1000,
      (p) => events.push(p),
      () => now,
    );
    tracker.enter('objects');
    now = 50;
    tracker.bytes(100);
    expect(events).toHaveLength(1);
    now = 200;
    tracker.bytes(300);
    tracker.objectDone();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ phase: 'objects', bytesDone: 400, objectsDone: 0, bytesPerSecond: 2000, secondsLeft: 0.3, elapsedMs: 200 });
    tracker.enter('done');
    expect(events.at(-1)).toMatchObject({ phase: 'done', objectsDone: 1 });
  });

  it('draws a bar with the share done, objects, megabytes, rate and time left', () => {
    const progress: ImportProgress = {
      source: 'p.pack',
      phase: 'objects',
      objectsDone: 120,
      objectsTotal: 300,
      bytesDone: 450e6,
      bytesTotal: 1000e6,
      elapsedMs: 2000,
      bytesPerSecond: 225e6,
      secondsLeft: 550 / 225,
    };
    expect(progressLine(progress)).toBe('[###########-------------]  45% 120/300 objects, 450.0/1000.0 MB, 225.0 MB/s, 3 s left');
    expect(progressLine({ ...progress, phase: 'commit', secondsLeft: 4000 })).toMatch(/1 h 6 min left \(syncing and committing\)$/);
    expect(progressLine({ ...progress, bytesDone: 0, bytesPerSecond: 0, secondsLeft: undefined })).toBe('[------------------------]   0% 120/300 objects, 0.0/1000.0 MB, 0.0 MB/s');
  });
});
