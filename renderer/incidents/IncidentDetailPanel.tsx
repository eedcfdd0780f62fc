import { useEffect } from 'react';
import type { IncidentDetail as IncidentDetailView, IncidentSummary } from '../../shared/commission/views';
import type { MemberId } from '../../shared/objects/types';
import { exhaustive } from '../../shared/tally/exhaustive';
import { emitAppEvent } from '../app/app-events';
import type { Remote } from '../app/remote';
import { IncidentDetail } from './IncidentDetail';
import type { NameOf } from './outcome-style';

export interface IncidentDetailPanelProps {
  /** Undefined when no incident is selected. */
  readonly detail: Remote<IncidentDetailView> | undefined;
  readonly selected: IncidentSummary | undefined;
  readonly actingAs: MemberId | undefined;
  readonly nameOf: NameOf;
  readonly onClose: () => void;
}

export function IncidentDetailPanel({ detail, selected, actingAs, nameOf, onClose }: IncidentDetailPanelProps) {
  const shownNumber = detail?.state === 'ready' ? detail.value.number : undefined;
  useEffect(() => {
    if (shownNumber !== undefined) emitAppEvent('incident-detail-shown', shownNumber);
  }, [shownNumber]);

  return (
    <aside className="detail-panel" aria-label="Incident detail">
      {detail && (
        <button type="button" className="close-detail" onClick={onClose} aria-label="Close incident">
          ×
        </button>
      )}
      <DetailBody detail={detail} selected={selected} actingAs={actingAs} nameOf={nameOf} />
    </aside>
  );
}

function DetailBody({ detail, selected, actingAs, nameOf }: Omit<IncidentDetailPanelProps, 'onClose'>) {
  if (detail === undefined) {
    return (
      <p className="empty" data-testid="detail-empty">
        Select an incident in the queue or on the map.
      </p>
    );
  }
  switch (detail.state) {
    case 'loading':
      return <p className="loading">Loading {selected?.number ?? 'the incident'}…</p>;
    case 'failed':
      return (
        <p className="error-line" role="alert" data-testid="detail-error">
          Could not load {selected?.number ?? 'the incident'}: {detail.error}
        </p>
      );
    case 'ready':
      return <IncidentDetail incident={detail.value} actingAs={actingAs} nameOf={nameOf} />;
    default:
      return exhaustive(detail, null);
  }
}
