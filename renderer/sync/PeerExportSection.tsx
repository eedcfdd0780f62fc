import { useState } from 'react';
import type { HostKind, TrucelineApi } from '../../shared/ipc/contract';
import type { PeerExportReceipt, PeerExportScope, PeerPacksView } from '../../shared/sync/peer-packs';
import { emitAppEvent } from '../app/app-events';
import { readableError } from '../app/remote';
import { FolderButton } from './FolderButton';
import { exportSummary, waitingFor } from './peer-format';

export interface PeerExportSectionProps {
  readonly api: TrucelineApi;
  readonly host: HostKind;
  readonly peers: PeerPacksView | undefined;
  /** A pack was written (or the dialog cancelled): the peers are read again. */
  readonly onExported: () => void;
}

/** "Export for a peer…": a sync pack of what the peer lacks (since the last exchange with it) or of everything, to the outbox, or where the user chooses (Electron). */
export function PeerExportSection({ api, host, peers, onExported }: PeerExportSectionProps) {
  const [peer, setPeer] = useState('');
  const [scope, setScope] = useState<PeerExportScope>('since-last');
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<PeerExportReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const name = peer.trim();

  const exportNow = () => {
    setBusy(true);
    setError(null);
    setWritten(null);
    api.exportForPeer(name, scope).then(
      (receipt) => {
        setBusy(false);
        setWritten(receipt);
        if (receipt !== null) emitAppEvent('peer-pack-exported', receipt.peer);
        onExported();
      },
      (e: unknown) => {
        setBusy(false);
        setError(readableError(e));
      },
    );
  };

  return (
    <section className="sync-section" aria-labelledby="peer-export-title">
      <h3 id="peer-export-title">Export for a peer</h3>
      <p className="muted">A sync pack of what this workstation holds that the peer lacks, for a USB stick. Every object in it is signed; the peer verifies each one on arrival.</p>
      <div className="sync-form">
        <label>
          Peer <input value={peer} onChange={(e) => setPeer(e.target.value)} list="known-peers" placeholder="e.g. GBR field laptop" maxLength={64} data-testid="export-peer" />
        </label>
        <datalist id="known-peers">
          {peers?.peers.map((p) => (
            <option key={p.name} value={p.name} />
          ))}
        </datalist>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'since-last'} onChange={() => setScope('since-last')} /> Since the last exchange with this peer
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === 'everything'} onChange={() => setScope('everything')} /> Everything
        </label>
      </div>
      {peers && name !== '' && (
        <p className="muted" data-testid="export-waiting">
          {waitingFor(peers, name, scope)}
        </p>
      )}
      <div className="import-actions">
        <button type="button" onClick={exportNow} disabled={busy || name === ''} data-testid="export-button">
          {busy ? 'Writing…' : host === 'electron' ? 'Export for this peer…' : 'Export to the outbox'}
        </button>
        <FolderButton api={api} folder="outbox" />
      </div>
      {host === 'chromium' && peers && (
        <p className="inbox-path">
          Outbox: <code>{peers.outbox}</code> — copy the pack from there to the stick.
        </p>
      )}
      {written && (
        <p className="sync-done" role="status" data-testid="export-written">
          {exportSummary(written)}
        </p>
      )}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
