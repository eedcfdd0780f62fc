import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KeyStatusView } from '../../shared/commission/participation';
import type { MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';

export interface KeyControls {
  /** Undefined until main has answered. */
  readonly status: KeyStatusView | undefined;
  /** Why the status could not be read: one line. */
  readonly error: string | undefined;
  readonly unlockOpen: boolean;
  /** Opens the unlock dialog (from the app bar, or from an action that needs the key). */
  readonly requestUnlock: () => void;
  readonly closeUnlock: () => void;
  /** Sends the passphrase to main once; throws main's refusal (a wrong passphrase) as one line. */
  readonly unlock: (passphrase: string) => Promise<void>;
  readonly lock: () => Promise<void>;
}

/** The signing key's status as main pushes it (unlocked, locked by the user or when idle): read once per `generation`, never polled. */
export function useKeyStatus(api: TrucelineApi, events: MainEventListeners, generation: number): KeyControls {
  const [status, setStatus] = useState<KeyStatusView>();
  const [error, setError] = useState<string>();
  const [unlockOpen, setUnlockOpen] = useState(false);

  const show = useCallback((next: KeyStatusView) => {
    setStatus(next);
    setError(undefined);
    if (next.state !== 'locked') setUnlockOpen(false);
    emitAppEvent('key-status', next.state);
  }, []);

  useEffect(() => {
    let current = true;
    api.getKeyStatus().then(
      (next) => current && show(next),
      (e: unknown) => current && setError(readableError(e)),
    );
    return () => {
      current = false;
    };
  }, [api, show, generation]);

  useEffect(() => events.onKeyStatus(show), [events, show]);

  const unlock = useCallback(async (passphrase: string) => show(await api.unlockKey(passphrase)), [api, show]);
  const lock = useCallback(async () => show(await api.lockKey()), [api, show]);
  const requestUnlock = useCallback(() => setUnlockOpen(true), []);
  const closeUnlock = useCallback(() => setUnlockOpen(false), []);
  return useMemo(() => ({ status, error, unlockOpen, requestUnlock, closeUnlock, unlock, lock }), [status, error, unlockOpen, requestUnlock, closeUnlock, unlock, lock]);
}
