import { useState } from 'react';
import type { CommissionView } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { readableError, type Remote } from '../app/remote';
import { formatUtcTimestamp } from '../incidents/incident-format';
import { ROLE_LABELS } from '../incidents/outcome-style';

export interface CommissionHeaderProps {
  readonly commission: Remote<CommissionView>;
  /** The demo only: act as another delegation of the demo commission. */
  readonly onActAs?: (member: MemberId) => Promise<void>;
  /** Shown in the demo, whose keys are public by construction. */
  readonly demoPassphrase?: string | undefined;
}

export function CommissionHeader({ commission, onActAs, demoPassphrase }: CommissionHeaderProps) {
  switch (commission.state) {
    case 'loading':
      return <span className="commission muted">Loading the commission…</span>;
    case 'failed':
      return (
        <span className="commission commission-missing" data-testid="commission-error">
          No commission: {commission.error}
        </span>
      );
    case 'ready':
      return <CommissionSummary view={commission.value} onActAs={onActAs} demoPassphrase={demoPassphrase} />;
    default:
      return exhaustive(commission, null);
  }
}

function CommissionSummary({ view, onActAs, demoPassphrase }: { readonly view: CommissionView } & Omit<CommissionHeaderProps, 'commission'>) {
  const expired = view.roster.status === 'expired';
  return (
    <div className="commission" data-testid="commission">
      <span className="commission-name">{view.commission}</span>
      <span className={`roster-status${expired ? ' expired' : ''}`} data-testid="roster-status" role={expired ? 'alert' : undefined}>
        {expired ? `Roster v${view.roster.version} EXPIRED ${formatUtcTimestamp(view.roster.expires)}` : `Roster v${view.roster.version} · current until ${view.roster.expires.slice(0, 10)}`}
      </span>
      <span className="acting-as" data-testid="acting-as">
        {view.actingAs ? (
          <>
            acting as <strong>{view.actingAs.name}</strong>
          </>
        ) : (
          'read only: no delegation key installed'
        )}
      </span>
      {view.demo && onActAs && <DemoActAs view={view} onActAs={onActAs} />}
      {view.demo && (
        <span className="demo-badge" data-testid="demo-badge" title="This commission was generated on this machine with demo keys.">
          DEMO — demo keys, not for real use
        </span>
      )}
      {view.demo && demoPassphrase !== undefined && (
        <span className="demo-keys-note" data-testid="demo-keys-note">
          keys public by construction · passphrase <code>{demoPassphrase}</code>
        </span>
      )}
    </div>
  );
}

/** The demo's delegations are all on this machine (their keys are public): the desk can act as any of them. */
function DemoActAs({ view, onActAs }: { readonly view: CommissionView; readonly onActAs: (member: MemberId) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const change = (member: MemberId) => {
    setBusy(true);
    setError(undefined);
    onActAs(member)
      .catch((e: unknown) => setError(readableError(e)))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <label className="act-as">
        Act as{' '}
        <select value={view.actingAs?.member ?? ''} disabled={busy} data-testid="act-as" onChange={(e) => change(e.target.value as MemberId)}>
          {view.actingAs === null && <option value="">no delegation</option>}
          {view.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} — {ROLE_LABELS[m.role] ?? m.role}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <span className="field-problem" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
