import { useCallback, useEffect, useState } from 'react';
import type { ImportResultView, ImportStatus } from '../../shared/commission/views';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { describeProgress, progressFraction } from './import-format';
import { ModalDialog } from '../app/ModalDialog';

export interface ImportPanelProps {
  readonly api: TrucelineApi;
  /** Progress is pushed by the main process; the store's own change reloads the queue (App). */
  readonly events: MainEventListeners;
  readonly onClose: () => void;
}

/** Replies and pushed events travel apart: of two statuses, the newer one is kept. */
function newer(current: ImportStatus | undefined, next: ImportStatus): ImportStatus {
  return current !== undefined && current.revision > next.revision ? current : next;
}

export function ImportPanel({ api, events, onClose }: ImportPanelProps) {
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

  const running = status?.running ?? false;

  const start = () => {
    setError(undefined);
    api.importInbox().then(show, (e: unknown) => setError(readableError(e)));
  };

  return (
    <ModalDialog title={'Import packs'} onClose={onClose} testId="import-panel" className="import-panel">
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <>
          <p>
            Copy pack files (<code>.pack</code>) into the inbox — from a USB stick or a synced folder — then import them. Every object is verified against the commission roster before it is stored;
            rejected objects go to quarantine with their reason, nothing stored is touched.
          </p>
          <p className="inbox-path" data-testid="inbox-path">
            Inbox: <code>{status.inbox}</code>
          </p>
          <div className="import-actions">
            <span data-testid="waiting">{status.waiting.length === 0 ? 'No pack is waiting.' : `${status.waiting.length} pack(s) waiting: ${status.waiting.join(', ')}`}</span>
            <button type="button" onClick={refresh} disabled={running}>
              Refresh
            </button>
            <button type="button" onClick={start} disabled={running || status.waiting.length === 0}>
              Import {status.waiting.length > 0 ? status.waiting.length : ''} pack{status.waiting.length === 1 ? '' : 's'}
            </button>
          </div>
          {status.current && (
            <div className="import-progress" data-testid="import-progress">
              <div>
                {status.current.file} — {status.current.phase}
              </div>
              <progress max={1} value={progressFraction(status.current)} />
              <div className="muted">{describeProgress(status.current)}</div>
            </div>
          )}
          {status.results.length > 0 && (
            <ul className="import-results" data-testid="import-results">
              {status.results.map((result) => (
                <ImportResult key={result.file} result={result} />
              ))}
            </ul>
          )}
        </>
      )}
    </ModalDialog>
  );
}

export function ImportResult({ result }: { readonly result: ImportResultView }) {
  if (result.error !== null) {
    return (
      <li className="import-failed">
        <strong>{result.file}</strong>: not imported — {result.error}
      </li>
    );
  }
  return (
    <li>
      <strong>{result.file}</strong>: {result.added} added, {result.present} already stored, {result.rejected} rejected
      {result.rejections.length > 0 && (
        <ul>
          {result.rejections.map((r, i) => (
            <li key={`${r.id ?? 'pack'}-${i}`} className="rejection">
              {r.code}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
