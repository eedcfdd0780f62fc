import { useState } from 'react';
import type { HostKind, MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { ImportProgress, ImportResults } from '../imports/ImportStatusParts';
import { useImportStatus } from '../imports/use-import-status';
import { FolderButton } from './FolderButton';

export interface PeerImportSectionProps {
  readonly api: TrucelineApi;
  readonly events: MainEventListeners;
  readonly host: HostKind;
}

/**
 * "Import packs" from a peer: on Electron the files chosen in the native dialog, on the Chromium
 * host those copied into the inbox. Each pack is verified object by object; one that failed
 * entirely goes to inbox/rejected/ with its reason, a file that is not a pack to inbox/not-packs/.
 */
export function PeerImportSection({ api, events, host }: PeerImportSectionProps) {
  const [from, setFrom] = useState('');
  const { status, error, running, refresh, run } = useImportStatus(api, events);
  const waiting = status?.waiting.length ?? 0;
  const start = () => run(() => api.importPacks(from.trim() === '' ? null : from.trim()));
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
      {status?.current && <ImportProgress current={status.current} />}
      {status && status.results.length > 0 && <ImportResults results={status.results} testId="sync-import-results" />}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
