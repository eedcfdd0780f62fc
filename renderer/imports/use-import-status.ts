import { useCallback, useEffect, useState } from 'react';
import type { ImportStatus } from '../../shared/commission/views';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';

/** Replies and pushed events travel apart: of two statuses, the newer one is kept. */
function newer(current: ImportStatus | undefined, next: ImportStatus): ImportStatus {
  return current !== undefined && current.revision > next.revision ? current : next;
}

export interface ImportStatusState {
  readonly status: ImportStatus | undefined;
  readonly error: string | undefined;
  readonly running: boolean;
  readonly refresh: () => void;
  /** Runs an import call: its reply is shown as the status, its refusal as the error. */
  readonly run: (call: () => Promise<ImportStatus>) => void;
}

/** The inbox's import status, asked for once and then followed through the pushed progress events. */
export function useImportStatus(api: TrucelineApi, events: MainEventListeners): ImportStatusState {
  const [status, setStatus] = useState<ImportStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const show = useCallback((next: ImportStatus) => setStatus((current) => newer(current, next)), []);
  const refresh = useCallback(() => {
    api.getImportStatus().then(show, (e: unknown) => setError(readableError(e)));
  }, [api, show]);

  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      events.onImportProgress((next) => {
        show(next);
        // Only a run's last status is pushed with running false.
        if (!next.running) emitAppEvent('import-finished');
      }),
    [events, show],
  );

  const run = useCallback(
    (call: () => Promise<ImportStatus>) => {
      setError(undefined);
      call().then(show, (e: unknown) => setError(readableError(e)));
    },
    [show],
  );
  return { status, error, running: status?.running ?? false, refresh, run };
}
