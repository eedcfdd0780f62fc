import { useState } from 'react';
import { readableError } from '../app/remote';
import { keyStatusLabel } from './key-status-label';
import type { KeyControls } from './use-key-status';
import { UnlockDialog } from './UnlockDialog';

export interface KeyControlProps {
  readonly keys: KeyControls;
  readonly demoPassphrase: string | undefined;
}

/** The app bar's key: its status, "Unlock…" and "Lock". */
export function KeyControl({ keys, demoPassphrase }: KeyControlProps) {
  const { status } = keys;
  const [lockError, setLockError] = useState<string>();
  const lock = () => {
    setLockError(undefined);
    keys.lock().catch((e: unknown) => setLockError(readableError(e)));
  };
  return (
    <div className="key-control">
      <span className={`key-status ${status?.state ?? 'unknown'}`} data-testid="key-status" data-state={status?.state ?? 'unknown'} role="status">
        {keys.error ? `Key: ${keys.error}` : status ? keyStatusLabel(status) : 'Key: …'}
      </span>
      {status?.state === 'locked' && (
        <button type="button" onClick={keys.requestUnlock} data-testid="unlock-button">
          Unlock…
        </button>
      )}
      {status?.state === 'unlocked' && (
        <button type="button" onClick={lock} data-testid="lock-button">
          Lock
        </button>
      )}
      {lockError && (
        <span className="field-problem" role="alert">
          {lockError}
        </span>
      )}
      {keys.unlockOpen && status?.state === 'locked' && <UnlockDialog member={status.member} demoPassphrase={demoPassphrase} unlock={keys.unlock} onClose={keys.closeUnlock} />}
    </div>
  );
}
