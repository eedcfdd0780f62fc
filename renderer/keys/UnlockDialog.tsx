import { useRef, useState, type FormEvent } from 'react';
import { ModalDialog } from '../app/ModalDialog';
import { readableError } from '../app/remote';

export interface UnlockDialogProps {
  readonly member: string;
  /** The demo's passphrase, shown because the demo's keys are public by construction; undefined for a real key. */
  readonly demoPassphrase: string | undefined;
  readonly unlock: (passphrase: string) => Promise<void>;
  readonly onClose: () => void;
}

/** The passphrase goes to main once and is not kept here: the field is emptied as it is sent. */
export function UnlockDialog({ member, demoPassphrase, unlock, onClose }: UnlockDialogProps) {
  const field = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = field.current!;
    const passphrase = input.value;
    input.value = '';
    if (busy || passphrase === '') return;
    setBusy(true);
    setError(undefined);
    unlock(passphrase).then(onClose, (e: unknown) => {
      setBusy(false);
      setError(readableError(e));
      input.focus();
    });
  };

  return (
    <ModalDialog title={`Unlock the key of ${member}`} onClose={onClose} testId="unlock-dialog" className="unlock-dialog">
      <form onSubmit={submit}>
        <p>The passphrase is sent once to this workstation's signing service; the key never leaves it. It locks itself again after the idle time set in the preferences.</p>
        <label className="field">
          <span>Passphrase</span>
          <input
            ref={field}
            type="password"
            name="passphrase"
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            aria-invalid={error !== undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
          />
        </label>
        {demoPassphrase !== undefined && (
          <p className="muted" data-testid="demo-passphrase">
            DEMO: the demo's keys are public by construction; their passphrase is <code>{demoPassphrase}</code>.
          </p>
        )}
        {error && (
          <p id="unlock-error" className="field-problem" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
