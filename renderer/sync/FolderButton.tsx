import { useState } from 'react';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { WorkspaceFolder } from '../../shared/sync/peer-packs';
import { readableError } from '../app/remote';

/** Opens the inbox or outbox in the desktop's file manager; where it cannot, says so in one line with the path. */
export function FolderButton({ api, folder }: { readonly api: TrucelineApi; readonly folder: WorkspaceFolder }) {
  const [message, setMessage] = useState<string | null>(null);
  const open = () => {
    setMessage(null);
    api.openFolder(folder).then(
      (result) => setMessage(result.message),
      (e: unknown) => setMessage(readableError(e)),
    );
  };
  return (
    <>
      <button type="button" onClick={open} data-testid={`open-${folder}`}>
        Open {folder}
      </button>
      {message !== null && (
        <span className="folder-message" role="status">
          {message}
        </span>
      )}
    </>
  );
}
