import { useState } from 'react';
import type { TrucelineApi } from '../../shared/ipc/contract';
import { MAX_HUB_FILE_BYTES } from '../../shared/sync/hub';
import type { SyncOverview } from '../../shared/sync/sync-status';
import { readableError } from '../app/remote';
import { readChosenFile } from '../commission/read-chosen-file';
import { EMPTY_HUB_FORM, hubRequestOf, type HubForm } from './hub-form';

export interface HubSectionProps {
  readonly api: TrucelineApi;
  /** Every target's state: the connected hub is the 'hub' target. */
  readonly overview: SyncOverview | undefined;
}

/**
 * "Commission hub": connect this workstation to the commission's NATS JetStream hub (README,
 * "Connecting a commission hub"). The password or credentials file is sent to main once and never
 * shown again; the status shows the hub's address only.
 */
export function HubSection({ api, overview }: HubSectionProps) {
  const [form, setForm] = useState<HubForm>(EMPTY_HUB_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hub = overview?.targets.find((target) => target.kind === 'hub');
  const edit = (change: Partial<HubForm>) => setForm((current) => ({ ...current, ...change }));

  const run = (action: () => Promise<unknown>, after?: () => void) => {
    setError(null);
    setBusy(true);
    action().then(
      () => {
        setBusy(false);
        after?.();
      },
      (e: unknown) => {
        setBusy(false);
        setError(readableError(e));
      },
    );
  };
  const chooseFile = (field: 'credsBase64' | 'tlsCaBase64', what: string) => (file: File | undefined) => {
    if (file === undefined) return edit({ [field]: null });
    readChosenFile(file, MAX_HUB_FILE_BYTES, what).then(
      (bytes) => edit({ [field]: bytes }),
      (e: unknown) => setError(readableError(e)),
    );
  };
  const connect = () => {
    const checked = hubRequestOf(form);
    if ('problem' in checked) return setError(checked.problem);
    // The secret leaves the page's state as soon as it is sent.
    run(
      () => api.connectHub(checked.request),
      () => setForm((current) => ({ ...current, password: '', credsBase64: null })),
    );
  };

  return (
    <section className="sync-section" aria-labelledby="hub-title" data-testid="hub-section">
      <h3 id="hub-title">Commission hub</h3>
      <p className="muted">
        A NATS JetStream server that many sites share: this workstation publishes its objects there and catches up from it after days offline. Nothing from it is trusted until it verifies.
      </p>
      {hub ? (
        <p data-testid="hub-connected">
          Hub: <strong>{hub.label}</strong> · {hub.state}{' '}
          <button type="button" onClick={() => run(() => api.disconnectHub())} disabled={busy} data-testid="hub-disconnect">
            Disconnect
          </button>
        </p>
      ) : (
        <p className="empty">No hub is connected.</p>
      )}
      <form
        className="sync-form hub-form"
        onSubmit={(e) => {
          e.preventDefault();
          connect();
        }}
      >
        <label>
          Address <input value={form.servers} onChange={(e) => edit({ servers: e.target.value })} placeholder="nats://hub.example.org:4222" spellCheck={false} data-testid="hub-servers" />
        </label>
        <label>
          Sign in with{' '}
          <select value={form.authKind} onChange={(e) => edit({ authKind: e.target.value as HubForm['authKind'] })}>
            <option value="user">user and password</option>
            <option value="creds">a credentials file</option>
            <option value="none">nothing (a test hub)</option>
          </select>
        </label>
        {form.authKind === 'user' && (
          <>
            <label>
              User <input value={form.user} onChange={(e) => edit({ user: e.target.value })} autoComplete="off" spellCheck={false} data-testid="hub-user" />
            </label>
            <label>
              Password <input type="password" value={form.password} onChange={(e) => edit({ password: e.target.value })} autoComplete="off" data-testid="hub-password" />
            </label>
          </>
        )}
        {form.authKind === 'creds' && (
          <label>
            Credentials file <input type="file" accept=".creds" onChange={(e) => chooseFile('credsBase64', 'credentials file')(e.target.files?.[0])} />
          </label>
        )}
        <label>
          CA certificate (TLS, optional) <input type="file" accept=".pem,.crt" onChange={(e) => chooseFile('tlsCaBase64', 'CA certificate')(e.target.files?.[0])} />
        </label>
        <label>
          <input type="checkbox" checked={form.leaf} onChange={(e) => edit({ leaf: e.target.checked })} /> This site runs a leaf node
        </label>
        {form.leaf && (
          <>
            <label>
              Site domain <input value={form.siteDomain} onChange={(e) => edit({ siteDomain: e.target.value })} spellCheck={false} />
            </label>
            <label>
              Hub domain <input value={form.hubDomain} onChange={(e) => edit({ hubDomain: e.target.value })} spellCheck={false} />
            </label>
          </>
        )}
        <button type="submit" disabled={busy || form.servers.trim() === ''} data-testid="hub-connect">
          {hub ? 'Connect instead' : 'Connect'}
        </button>
      </form>
      {error !== null && (
        <p className="error-line" role="alert" data-testid="hub-error">
          {error}
        </p>
      )}
    </section>
  );
}
