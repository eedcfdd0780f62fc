import { useCallback, useEffect, useState } from 'react';
import type { StoreAuditStatus } from '../../shared/commission/views';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { auditFraction, auditVerdict, describeAuditProgress } from './audit-format';
import { ModalDialog } from '../app/ModalDialog';

export interface AuditPanelProps {
  readonly api: TrucelineApi;
  /** Progress is pushed by the main process. */
  readonly events: MainEventListeners;
  readonly onClose: () => void;
}

/** Replies and pushed events travel apart: of two statuses, the newer one is kept. */
function newer(current: StoreAuditStatus | undefined, next: StoreAuditStatus): StoreAuditStatus {
  return current !== undefined && current.revision > next.revision ? current : next;
}

/** "Audit this store": every stored byte verified again in the background, with progress; any mismatch shown loudly. */
export function AuditPanel({ api, events, onClose }: AuditPanelProps) {
  const [status, setStatus] = useState<StoreAuditStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const show = useCallback((next: StoreAuditStatus) => setStatus((current) => newer(current, next)), []);

  useEffect(() => {
    api.getStoreAudit().then(show, (e: unknown) => setError(readableError(e)));
  }, [api, show]);

  useEffect(
    () =>
      events.onStoreAudit((next) => {
        show(next);
        if (next.state === 'done' || next.state === 'failed') emitAppEvent('audit-finished');
      }),
    [events, show],
  );

  const running = status?.state === 'running';
  const start = () => {
    setError(undefined);
    api.auditStore().then(show, (e: unknown) => setError(readableError(e)));
  };
  const altered = status?.state === 'done' && status.findingCount > 0;

  return (
    <ModalDialog title={'Audit this store'} onClose={onClose} testId="audit-panel" className="import-panel">
      <p>
        Verifies every stored object and evidence file again, as if it had just arrived: its bytes against its name, its signature against the commission roster. The workstation stays usable while it
        runs.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {status && (
        <>
          <div className="import-actions">
            <span data-testid="audit-verdict" className={altered || status.state === 'failed' ? 'error' : undefined} role={altered ? 'alert' : undefined}>
              {auditVerdict(status)}
            </span>
            <button type="button" onClick={start} disabled={running}>
              {status.state === 'idle' ? 'Start the audit' : 'Audit again'}
            </button>
          </div>
          {status.state !== 'idle' && (
            <div className="import-progress" data-testid="audit-progress">
              <progress max={1} value={auditFraction(status)} />
              <div className="muted">{describeAuditProgress(status)}</div>
            </div>
          )}
          {status.findings.length > 0 && (
            <ul className="import-results" data-testid="audit-findings">
              {status.findings.map((finding) => (
                <li key={finding.id} className="rejection">
                  {finding.problem.toUpperCase()}: {finding.detail}
                </li>
              ))}
              {status.findingCount > status.findings.length && <li>… and {status.findingCount - status.findings.length} more</li>}
            </ul>
          )}
        </>
      )}
    </ModalDialog>
  );
}
