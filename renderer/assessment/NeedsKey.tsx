import type { KeyControls } from '../keys/use-key-status';

/** Next to an action that signs: why it waits for the key, and the way to unlock it. */
export function NeedsKey({ keys, action }: { readonly keys: KeyControls; readonly action: string }) {
  const { status } = keys;
  if (status?.state === 'unlocked') return null;
  if (status?.state === 'no-key') return <p className="muted needs-key">No signing key is installed on this workstation: it cannot {action}.</p>;
  return (
    <p className="muted needs-key">
      Unlock your key to {action}.{' '}
      {status?.state === 'locked' && (
        <button type="button" className="link" onClick={keys.requestUnlock}>
          Unlock your key…
        </button>
      )}
    </p>
  );
}
