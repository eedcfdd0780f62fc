import { useCallback, useRef, useState } from 'react';
import { readableError } from '../app/remote';

export interface Action {
  /** The action on its way, by name; undefined when none is. */
  readonly busy: string | undefined;
  /** Why the last action failed: main's one line, shown as is. */
  readonly error: string | undefined;
  /** Runs one action at a time; true when it succeeded. */
  readonly run: (name: string, action: () => Promise<unknown>) => Promise<boolean>;
  readonly clearError: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const running = useRef(false);
  const run = useCallback(async (name: string, action: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(name);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(readableError(e));
      return false;
    } finally {
      running.current = false;
      setBusy(undefined);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
