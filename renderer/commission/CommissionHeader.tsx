import type { CommissionView } from '../../shared/commission/views';
import { exhaustive } from '../../shared/tally/exhaustive';
import type { Remote } from '../app/remote';
import { formatUtcTimestamp } from '../incidents/incident-format';

export interface CommissionHeaderProps {
  readonly commission: Remote<CommissionView>;
}

export function CommissionHeader({ commission }: CommissionHeaderProps) {
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
      return <CommissionSummary view={commission.value} />;
    default:
      return exhaustive(commission, null);
  }
}

function CommissionSummary({ view }: { readonly view: CommissionView }) {
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
      {view.demo && (
        <span className="demo-badge" data-testid="demo-badge" title="This commission was generated on this machine with demo keys.">
          DEMO — demo keys, not for real use
        </span>
      )}
    </div>
  );
}
