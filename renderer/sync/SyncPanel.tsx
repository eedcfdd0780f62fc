import { useCallback, useEffect, useState } from 'react';
import type { HostKind, MainEventListeners, TrucelineApi } from '../../shared/ipc/contract';
import type { PeerPacksView } from '../../shared/sync/peer-packs';
import type { SyncOverview } from '../../shared/sync/sync-status';
import { readableError } from '../app/remote';
import { PeerExportSection } from './PeerExportSection';
import { PeerImportSection } from './PeerImportSection';
import { PeerList } from './PeerList';
import { QuarantineView } from './QuarantineView';
import { SharedFolderSection } from './SharedFolderSection';
import { HubSection } from './HubSection';
import { SyncTargets } from './SyncTargets';
import { ModalDialog } from '../app/ModalDialog';

export interface SyncPanelProps {
  readonly api: TrucelineApi;
  readonly events: MainEventListeners;
  readonly host: HostKind;
  /** Every target's state, as the app bar's badge shows it. */
  readonly overview: SyncOverview | undefined;
  readonly onClose: () => void;
}

/** "Sync": every target's state, packs to and from peers (sneakernet), and the quarantine. */
export function SyncPanel({ api, events, host, overview, onClose }: SyncPanelProps) {
  const [peers, setPeers] = useState<PeerPacksView>();
  const [error, setError] = useState<string | null>(null);
  const [nowMs, setNowMs] = useState(() => Date.now());
  const readPeers = useCallback(() => {
    api.listPeers().then(setPeers, (e: unknown) => setError(readableError(e)));
  }, [api]);

  // What waits for each peer changes with every exchange and every stored object, which the overview's revision follows.
  useEffect(() => {
    readPeers();
    setNowMs(Date.now());
  }, [readPeers, overview?.revision]);
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  return (
    <ModalDialog title={'Sync'} onClose={onClose} testId="sync-panel" className="sync-panel">
      <p className="muted">Objects travel between workstations as signed objects; nothing that arrives is trusted until it verifies against the commission roster.</p>
      <SyncTargets overview={overview} nowMs={nowMs} />
      {peers && <PeerList peers={peers} nowMs={nowMs} />}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      <div className="sync-columns">
        <PeerImportSection api={api} events={events} host={host} />
        <PeerExportSection api={api} host={host} peers={peers} onExported={readPeers} />
      </div>
      <SharedFolderSection api={api} host={host} overview={overview} />
      <HubSection api={api} overview={overview} />
      <QuarantineView api={api} events={events} />
    </ModalDialog>
  );
}
