import { useState } from 'react';
import type { HostKind, TrucelineApi } from '../../shared/ipc/contract';
import { folderPathProblem, MAX_SHARED_FOLDER_PATH } from '../../shared/sync/shared-folder';
import type { SyncOverview } from '../../shared/sync/sync-status';
import { readableError } from '../app/remote';

export interface SharedFolderSectionProps {
  readonly api: TrucelineApi;
  readonly host: HostKind;
  /** Every target's state: the attached folder is the 'shared-folder' target. */
  readonly overview: SyncOverview | undefined;
}

/**
 * "Shared folder": attach a folder that Syncthing, rsync or a network share replicates between
 * workstations (README, "Attaching a shared folder"). On Electron the folder is chosen in the native
 * dialog; on the Chromium host the user types its full path, which main checks before using it.
 */
export function SharedFolderSection({ api, host, overview }: SharedFolderSectionProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attached = overview?.targets.find((target) => target.kind === 'shared-folder' && target.id !== 'folder:settings');

  const run = (action: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    action().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(readableError(e));
      },
    );
  };
  const attach = () => {
    if (host === 'electron') return run(() => api.attachSharedFolder(null));
    const problem = folderPathProblem(typed.trim());
    if (problem !== null) return setError(problem);
    run(() => api.attachSharedFolder(typed.trim()).then(() => setTyped('')));
  };

  return (
    <section className="sync-section" aria-labelledby="shared-folder-title" data-testid="shared-folder-section">
      <h3 id="shared-folder-title">Shared folder</h3>
      <p className="muted">
        A folder that Syncthing, rsync or a network share keeps the same on every workstation: this workstation puts its objects there and takes in what others put there, verified like any pack.
      </p>
      {attached ? (
        <p data-testid="shared-folder-attached">
          Attached: <strong>{attached.label}</strong>{' '}
          <button type="button" onClick={() => run(() => api.detachSharedFolder())} disabled={busy} data-testid="shared-folder-detach">
            Detach
          </button>
        </p>
      ) : (
        <p className="empty">No shared folder is attached.</p>
      )}
      <div className="sync-form">
        {host === 'chromium' && (
          <label>
            Folder{' '}
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder="/home/you/Sync/Commission"
              maxLength={MAX_SHARED_FOLDER_PATH}
              spellCheck={false}
              data-testid="shared-folder-path"
            />
          </label>
        )}
        <button type="button" onClick={attach} disabled={busy || (host === 'chromium' && typed.trim() === '')} data-testid="shared-folder-attach">
          {host === 'electron' ? (attached ? 'Attach another folder…' : 'Attach a folder…') : attached ? 'Attach instead' : 'Attach'}
        </button>
      </div>
      {error !== null && (
        <p className="error-line" role="alert" data-testid="shared-folder-error">
          {error}
        </p>
      )}
    </section>
  );
}
