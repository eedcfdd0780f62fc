import { useCallback, useEffect, useState } from 'react';
import type { ImportStatus } from '../../shared/commission/views';
import type { HostKind, MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { ImportResult } from '../imports/ImportPanel';
import { describeProgress, progressFraction } from '../imports/import-format';
import { FolderButton } from './FolderButton';

export interface PeerImportSectionProps {
  readonly api: TrucelineApi;
  readonly events: MainEventListeners;
  readonly host: HostKind;
}

function newer(current: ImportStatus | undefined, next: ImportStatus): ImportStatus {
  return current !== undefined && current.revision > next.revision ? current : next;
}

/**
 * "Import packs" from a peer: on Electron the files chosen in the native dialog, on the Chromium
 * host those copied into the inbox. Each pack is verified object by object; one that failed
 * entirely goes to inbox/rejected/ with its reason, a file that is not a pack to inbox/not-packs/.
 */
export function PeerImportSection({ api, events, host }: PeerImportSectionProps) {
  const [from, setFrom] = useState('');
  const [status, setStatus] = useState<ImportStatus | undefined>();
  const [error, setError] = useState<string | null>(null);
  const show = useCallback((next: ImportStatus) => setStatus((current) => newer(current, next)), []);
  const refresh = useCallback(() => {
    api.getImportStatus().then(show, (e: unknown) => setError(readableError(e)));
  }, [api, show]);

  useEffect(refresh, [refresh]);
  useEffect(
    () =>
      events.onImportProgress((next) => {
        show(next);
        if (!next.running) emitAppEvent('import-finished');
      }),
    [events, show],
  );

  const running = status?.running ?? false;
  const waiting = status?.waiting.length ?? 0;
  const start = () => {
    setError(null);
    api.importPacks(from.trim() === '' ? null : from.trim()).then(show, (e: unknown) => setError(readableError(e)));
  };
  const label = host === 'electron' ? 'Import packs…' : waiting === 0 ? 'Import packs' : `Import ${waiting} pack${waiting === 1 ? '' : 's'}`;

  return (
    <section className="sync-section" aria-labelledby="peer-import-title">
      <h3 id="peer-import-title">Import packs</h3>
      {host === 'chromium' && status && (
        <p>
          Copy the <code>.pack</code> files from the stick into the inbox <code data-testid="sync-inbox-path">{status.inbox}</code>, then import them.{' '}
          <span data-testid="sync-waiting">{waiting === 0 ? 'No pack is waiting.' : `${waiting} pack(s) waiting: ${status.waiting.join(', ')}`}</span>
        </p>
      )}
      <div className="sync-form">
        <label>
          From <input value={from} onChange={(e) => setFrom(e.target.value)} list="known-peers" placeholder="the peer (optional)" maxLength={64} data-testid="import-peer" />
        </label>
      </div>
      <div className="import-actions">
        <button type="button" onClick={start} disabled={running || (host === 'chromium' && waiting === 0)} data-testid="import-packs-button">
          {label}
        </button>
        {host === 'chromium' && (
          <button type="button" onClick={refresh} disabled={running}>
            Refresh
          </button>
        )}
        <FolderButton api={api} folder="inbox" />
      </div>
      <p className="muted">A pack that failed entirely is kept in inbox/rejected/ with its reason, a file that is not a pack in inbox/not-packs/: neither is offered again.</p>
      {status?.current && (
        <div className="import-progress">
          <div>
            {status.current.file} — {status.current.phase}
          </div>
          <progress max={1} value={progressFraction(status.current)} />
          <div className="muted">{describeProgress(status.current)}</div>
        </div>
      )}
      {status && status.results.length > 0 && (
        <ul className="import-results" data-testid="sync-import-results">
          {status.results.map((result) => (
            <ImportResult key={result.file} result={result} />
          ))}
        </ul>
      )}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
