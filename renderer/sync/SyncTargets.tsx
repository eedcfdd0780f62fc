import type { SyncOverview } from '../../shared/sync/sync-status';
import { stateWords, targetKindName, targetLine } from './sync-format';

/** Each sync target in a line: what it is, its state, last exchange, objects waiting to go out, received, quarantined, and what went wrong. */
export function SyncTargets({ overview, nowMs }: { readonly overview: SyncOverview | undefined; readonly nowMs: number }) {
  if (overview === undefined) return <p className="loading">Reading the sync state…</p>;
  if (overview.targets.length === 0) return <p className="empty">No sync target yet.</p>;
  return (
    <ul className="sync-targets" data-testid="sync-targets">
      {overview.targets.map((target) => (
        <li key={target.id} className="sync-target" data-testid={`sync-target-${target.kind}`} data-state={target.state}>
          <div className="sync-target-head">
            <strong>{targetKindName(target.kind)}</strong>
            <span className="muted">{target.label}</span>
            <span className={`sync-state sync-state-${target.state}`}>{stateWords(target.state)}</span>
          </div>
          <div className="sync-target-line">{targetLine(target, nowMs)}</div>
          {target.error !== null && (
            <div className="sync-target-error" role="status" data-testid="sync-target-error">
              {target.error}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
