import { useCallback, useSyncExternalStore } from 'react';
import type { LostBackendGuard } from '../api/lost-backend';

/** Shown while calls wait for a backend that stopped answering; Retry issues them again. */
export function LostBackendBanner({ connection }: { readonly connection: LostBackendGuard }) {
  const subscribe = useCallback((onChange: () => void) => connection.subscribe(onChange), [connection]);
  const lost = useSyncExternalStore(subscribe, () => connection.lost);
  if (lost === undefined) return null;
  return (
    <div className="backend-lost" role="alert" data-testid="backend-lost">
      <span>Lost contact: {lost}. What you asked for loads once it answers again.</span>
      <button type="button" onClick={() => connection.retry()}>
        Retry
      </button>
    </div>
  );
}
