import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { ModalDialog } from '../app/ModalDialog';
import { ImportProgress, ImportResults } from './ImportStatusParts';
import { useImportStatus } from './use-import-status';

export interface ImportPanelProps {
  readonly api: TrucelineApi;
  /** Progress is pushed by the main process; the store's own change reloads the queue (App). */
  readonly events: MainEventListeners;
  readonly onClose: () => void;
}

export function ImportPanel({ api, events, onClose }: ImportPanelProps) {
  const { status, error, running, refresh, run } = useImportStatus(api, events);
  const start = () => run(() => api.importInbox());

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
          {status.current && <ImportProgress current={status.current} testId="import-progress" />}
          {status.results.length > 0 && <ImportResults results={status.results} testId="import-results" />}
        </>
      )}
    </ModalDialog>
  );
}
