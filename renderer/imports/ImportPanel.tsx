import { useCallback, useEffect, useState } from 'react';
import type { ImportResultView, ImportStatus } from '../../shared/commission/views';
import type { TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { describeProgress, progressFraction } from './import-format';

const POLL_MS = 250;

export interface ImportPanelProps {
  readonly api: TrucelineApi;
  /** Called when a run has finished: the commission and its incidents may have changed. */
  readonly onImported: () => void;
  readonly onClose: () => void;
}

export function ImportPanel({ api, onImported, onClose }: ImportPanelProps) {
  const [status, setStatus] = useState<ImportStatus | undefined>();
  const [error, setError] = useState<string | undefined>();

  const refresh = useCallback(() => {
    api.getImportStatus().then(setStatus, (e: unknown) => setError(readableError(e)));
  }, [api]);

  useEffect(refresh, [refresh]);

  const running = status?.running ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      api.getImportStatus().then(
        (next) => {
          setStatus(next);
          if (!next.running) {
            onImported();
            emitAppEvent('import-finished');
          }
        },
        (e: unknown) => setError(readableError(e)),
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, running, onImported]);

  const start = () => {
    setError(undefined);
    api.importInbox().then(setStatus, (e: unknown) => setError(readableError(e)));
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="import-title">
      <section className="panel import-panel">
        <header>
          <h2 id="import-title">Import packs</h2>
          <button type="button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {status && (
          <>
            <p>
              Copy pack files (<code>.pack</code>) into the inbox — from a USB stick or a synced folder — then import them. Every object is
              verified against the commission roster before it is stored; rejected objects go to quarantine with their reason, nothing
              stored is touched.
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
      </section>
    </div>
  );
}

function ImportResult({ result }: { readonly result: ImportResultView }) {
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
