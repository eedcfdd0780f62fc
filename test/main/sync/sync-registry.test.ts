import { describe, expect, it } from 'vitest';
import type { SyncOverview, SyncTargetStatus } from '../../../shared/sync/sync-status';
import { SyncRegistry } from '../../../main/sync/sync-registry';

const folder: SyncTargetStatus = { id: 'folder:1', kind: 'shared-folder', label: '/srv/commission', state: 'idle', lastExchange: null, waitingOut: 3, received: 0, quarantined: 0, error: null };

describe('the registry of sync targets', () => {
  it('pushes the whole overview on every change, with a growing revision, and ignores changes to a target it does not hold', () => {
    const pushed: SyncOverview[] = [];
    const registry = new SyncRegistry((event, payload) => {
      expect(event).toBe('syncStatus');
      pushed.push(payload as SyncOverview);
    });
    registry.report(folder);
    registry.report('folder:1', { state: 'error', error: 'the folder is gone' });
    registry.report('hub:unknown', { state: 'idle' });
    registry.remove('folder:1');
    registry.remove('folder:1');
    expect(pushed.map((o) => o.revision)).toEqual([1, 2, 3]);
    expect(pushed[1]!.targets).toEqual([{ ...folder, state: 'error', error: 'the folder is gone' }]);
    expect(registry.overview()).toEqual({ revision: 3, targets: [] });
  });
});
