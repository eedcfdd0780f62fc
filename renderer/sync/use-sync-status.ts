import { useCallback, useEffect, useState } from 'react';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import type { SyncOverview } from '../../shared/sync/sync-status';

/**
 * Every sync target's state, read once and then as the main process pushes it. Replies and pushes
 * travel apart: of two overviews, the higher revision is kept. `epoch` changes when the workstation
 * switches commission: the new commission's workers count revisions afresh, so the state is read again.
 */
export function useSyncStatus(api: TrucelineApi, events: MainEventListeners, epoch: number): SyncOverview | undefined {
  const [overview, setOverview] = useState<SyncOverview>();
  const show = useCallback((next: SyncOverview) => setOverview((current) => (current !== undefined && current.revision > next.revision ? current : next)), []);

  useEffect(() => {
    setOverview(undefined);
    let cancelled = false;
    api.getSyncStatus().then(
      (next) => !cancelled && show(next),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, show, epoch]);

  useEffect(() => events.onSyncStatus(show), [events, show]);
  return overview;
}
