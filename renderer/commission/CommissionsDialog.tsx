import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_KEY_FILE_BYTES, MAX_ROSTER_PACK_BYTES, MIN_NEW_PASSPHRASE_LENGTH, type KeySetupView, type RosterPackSummary, type WorkspaceView } from '../../shared/commission/workspaces';
import type { TrucelineApi } from '../../shared/ipc/contract';
import type { MemberId } from '../../shared/objects/types';
import { ModalDialog } from '../app/ModalDialog';
import { readableError } from '../app/remote';
import { ROLE_LABELS } from '../incidents/outcome-style';
import { readChosenFile, wordRows } from './read-chosen-file';

export interface CommissionsDialogProps {
  readonly api: TrucelineApi;
  readonly onClose: () => void;
}

type Step =
  | { readonly kind: 'list' }
  | { readonly kind: 'compare'; readonly file: string; readonly summary: RosterPackSummary }
  | { readonly kind: 'key' }
  | { readonly kind: 'key-done'; readonly key: KeySetupView };

/**
 * The commissions this workstation holds, and joining a real one: a roster file or pack from the
 * secretariat → its fingerprint to compare out of band → the delegation → a device key, generated
 * here or imported. The demo is listed with its warning: its keys are public by construction.
 */
export function CommissionsDialog({ api, onClose }: CommissionsDialogProps) {
  const [workspaces, setWorkspaces] = useState<readonly WorkspaceView[]>();
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    api.listWorkspaces().then(
      (list) => !cancelled && setWorkspaces(list),
      (e: unknown) => !cancelled && setError(readableError(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, step]);

  const run = (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    action()
      .catch((e: unknown) => setError(readableError(e)))
      .finally(() => setBusy(false));
  };
  const current = workspaces?.find((w) => w.current);

  return (
    <ModalDialog title={current?.demo ? 'Leave the demo: join a commission' : 'Commissions'} onClose={onClose} testId="commissions-dialog" className="commissions-dialog">
      {step.kind === 'list' && (
        <>
          <WorkspaceList
            workspaces={workspaces}
            busy={busy}
            onUse={(id) =>
              run(async () => {
                await api.useWorkspace(id);
                onClose();
              })
            }
          />
          {current && !current.demo && !current.hasKey && (
            <p>
              This workstation has no device key for {current.actingAs ?? 'its delegation'} yet.{' '}
              <button type="button" onClick={() => setStep({ kind: 'key' })} data-testid="install-key">
                Install a key…
              </button>
            </p>
          )}
          <ChooseRosterFile busy={busy} onChosen={(file) => run(async () => setStep({ kind: 'compare', file, summary: await api.inspectRosterPack(file) }))} onError={setError} />
        </>
      )}
      {step.kind === 'compare' && (
        <CompareAndJoin
          summary={step.summary}
          busy={busy}
          onBack={() => setStep({ kind: 'list' })}
          onJoin={(member) =>
            run(async () => {
              await api.joinCommission(step.file, step.summary.rosterId, member);
              setStep({ kind: 'key' });
            })
          }
        />
      )}
      {step.kind === 'key' && (
        <InstallKey
          member={current?.actingAs ?? null}
          busy={busy}
          onGenerate={(passphrase) => run(async () => setStep({ kind: 'key-done', key: await api.generateKey(passphrase) }))}
          onImport={(file, passphrase) => run(async () => setStep({ kind: 'key-done', key: await api.importKeyFile(file, passphrase) }))}
          onError={setError}
          onLater={onClose}
        />
      )}
      {step.kind === 'key-done' && <KeyInstalled keySetup={step.key} onClose={onClose} />}
      {error && (
        <p className="field-problem" role="alert" data-testid="commissions-error">
          {error}
        </p>
      )}
    </ModalDialog>
  );
}

function WorkspaceList({ workspaces, busy, onUse }: { readonly workspaces: readonly WorkspaceView[] | undefined; readonly busy: boolean; readonly onUse: (id: WorkspaceView['id']) => void }) {
  if (!workspaces) return <p className="muted">Reading the commissions of this workstation…</p>;
  return (
    <ul className="workspace-list" data-testid="workspace-list">
      {workspaces.map((w) => (
        <li key={w.id} className={w.current ? 'current' : undefined}>
          <span className="workspace-name">{w.demo ? 'Demo commission (public demo keys — never use for real assessments)' : w.commission}</span>
          <span className="muted">
            {w.actingAs ? ` · acting as ${w.actingAs}` : ''}
            {!w.demo && (w.hasKey ? ' · key installed' : ' · no key yet')}
          </span>
          {w.fingerprint && (
            <span className="muted fingerprint-short" title={w.fingerprint.hex}>
              {' '}
              · {w.fingerprint.words.slice(0, 4).join(' ')} …
            </span>
          )}
          {w.current ? (
            <strong className="workspace-current"> · open now</strong>
          ) : (
            <button type="button" disabled={busy} onClick={() => onUse(w.id)} data-testid={w.demo ? 'use-demo' : `use-workspace-${w.id.slice(0, 16)}`}>
              {w.demo ? 'Switch to the demo' : 'Switch to it'}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function ChooseRosterFile({ busy, onChosen, onError }: { readonly busy: boolean; readonly onChosen: (file: string) => void; readonly onError: (message: string) => void }) {
  return (
    <section className="join-step">
      <h3>Join a commission</h3>
      <p>
        Choose the roster file or pack the commission&apos;s secretariat gave you (a <code>.json</code> roster or a <code>.pack</code> holding it). Nothing is installed before you compare its
        fingerprint.
      </p>
      <input
        type="file"
        accept=".pack,.json,application/json"
        disabled={busy}
        data-testid="roster-file-input"
        aria-label="The commission's roster file"
        data-autofocus

        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) readChosenFile(file, MAX_ROSTER_PACK_BYTES, 'roster file or pack').then(onChosen, (e: unknown) => onError(readableError(e)));
        }}
      />
    </section>
  );
}

function CompareAndJoin({ summary, busy, onBack, onJoin }: { readonly summary: RosterPackSummary; readonly busy: boolean; readonly onBack: () => void; readonly onJoin: (member: MemberId) => void }) {
  const [compared, setCompared] = useState(false);
  const [member, setMember] = useState<MemberId | ''>('');
  return (
    <section className="join-step" data-testid="roster-summary">
      <h3>{summary.commission}</h3>
      <p>
        Roster v{summary.version} · {summary.expired ? <strong>EXPIRED {summary.expires}</strong> : `current until ${summary.expires.slice(0, 10)}`} · {summary.members.length} members
        {summary.otherObjects > 0 && ` · ${summary.otherObjects} other objects, imported when you join`}
        {summary.joined && ' · this workstation joined it already'}
      </p>
      <p>
        <strong>Compare this fingerprint with the commission&apos;s secretariat out of band</strong> — read the words aloud on the phone, or hold them against the secretariat&apos;s letter. Anyone can
        make a roster file; only this check tells it is the commission&apos;s.
      </p>
      <ol className="fingerprint-words" data-testid="fingerprint-words">
        {wordRows(summary.fingerprint.words).map((row, i) => (
          <li key={i}>{row.join(' ')}</li>
        ))}
      </ol>
      <p className="fingerprint-hex" data-testid="fingerprint-hex">
        <code>{summary.fingerprint.hex}</code>
      </p>
      <label className="field-inline">
        <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} data-testid="fingerprint-compared" data-autofocus /> The secretariat confirmed this fingerprint
      </label>
      <label className="field">
        <span>My delegation</span>
        <select value={member} onChange={(e) => setMember(e.target.value as MemberId)} data-testid="join-member">
          <option value="">choose…</option>
          {summary.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.id}) — {ROLE_LABELS[m.role] ?? m.role}
            </option>
          ))}
        </select>
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="button" className="primary" disabled={busy || !compared || member === ''} onClick={() => member !== '' && onJoin(member)} data-testid="join-button">
          {busy ? 'Joining…' : 'Join the commission'}
        </button>
      </div>
    </section>
  );
}

interface InstallKeyProps {
  readonly member: MemberId | null;
  readonly busy: boolean;
  readonly onGenerate: (passphrase: string) => void;
  readonly onImport: (file: string, passphrase: string) => void;
  readonly onError: (message: string) => void;
  readonly onLater: () => void;
}

/** The passphrases go to main once and are not kept here: the fields are emptied as they are sent. */
function InstallKey({ member, busy, onGenerate, onImport, onError, onLater }: InstallKeyProps) {
  const [mode, setMode] = useState<'import' | 'generate'>('import');
  const keyFile = useRef<HTMLInputElement>(null);
  const passphrase = useRef<HTMLInputElement>(null);
  const repeated = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const first = passphrase.current!.value;
    const second = repeated.current?.value;
    passphrase.current!.value = '';
    if (repeated.current) repeated.current.value = '';
    if (mode === 'generate') {
      if (first.length < MIN_NEW_PASSPHRASE_LENGTH) return onError(`the passphrase must be at least ${MIN_NEW_PASSPHRASE_LENGTH} characters`);
      if (first !== second) return onError('the two passphrases differ');
      return onGenerate(first);
    }
    const file = keyFile.current?.files?.[0];
    if (!file) return onError('choose the key file first');
    if (first === '') return onError('type the key file\u2019s passphrase');
    readChosenFile(file, MAX_KEY_FILE_BYTES, 'key file').then(
      (bytes) => onImport(bytes, first),
      (e: unknown) => onError(readableError(e)),
    );
  };

  return (
    <form className="join-step" onSubmit={submit} data-testid="install-key-form">
      <h3>A device key for {member ?? 'your delegation'}</h3>
      <fieldset className="key-mode">
        <label>
          <input type="radio" name="key-mode" checked={mode === 'import'} onChange={() => setMode('import')} data-testid="key-mode-import" /> Import the key file the secretariat listed in the roster
        </label>
        <label>
          <input type="radio" name="key-mode" checked={mode === 'generate'} onChange={() => setMode('generate')} data-testid="key-mode-generate" /> Generate a new key here (its public half goes to the
          secretariat for the next roster)
        </label>
      </fieldset>
      {mode === 'import' && (
        <label className="field">
          <span>Sealed key file</span>
          <input ref={keyFile} type="file" data-testid="key-file-input" />
        </label>
      )}
      <label className="field">
        <span>{mode === 'import' ? 'Its passphrase' : `Passphrase (at least ${MIN_NEW_PASSPHRASE_LENGTH} characters)`}</span>
        <input ref={passphrase} type="password" autoComplete="off" spellCheck={false} data-testid="key-passphrase" />
      </label>
      {mode === 'generate' && (
        <label className="field">
          <span>The passphrase again</span>
          <input ref={repeated} type="password" autoComplete="off" spellCheck={false} data-testid="key-passphrase-again" />
        </label>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onLater} disabled={busy}>
          Later
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="install-key-button">
          {busy ? (mode === 'generate' ? 'Generating…' : 'Checking the key…') : mode === 'generate' ? 'Generate the key' : 'Import the key'}
        </button>
      </div>
    </form>
  );
}

function KeyInstalled({ keySetup, onClose }: { readonly keySetup: KeySetupView; readonly onClose: () => void }) {
  return (
    <section className="join-step" data-testid="key-installed">
      <h3>Key installed for {keySetup.member}</h3>
      <p>
        keyid <code data-testid="key-id">{keySetup.keyid}</code>
      </p>
      {keySetup.inRoster ? (
        <p data-testid="key-in-roster">The commission&apos;s current roster lists this key: this workstation can sign for {keySetup.member}.</p>
      ) : (
        <p role="alert" data-testid="key-not-in-roster">
          The current roster does not list this key yet: send its public key file to the secretariat for the next roster. Until then this workstation cannot sign.
          <br />
          Public key file: <code>{keySetup.publicKeyFile}</code>
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Done
        </button>
      </div>
    </section>
  );
}
