import type { PeerPacksView } from '../../shared/sync/peer-packs';
import { exchangeWords } from './peer-format';

/** The peers this workstation exchanged packs with: the last pack each way, and what waits to go out to each. */
export function PeerList({ peers, nowMs }: { readonly peers: PeerPacksView; readonly nowMs: number }) {
  if (peers.peers.length === 0) return null;
  return (
    <table className="data-table peer-list" aria-label="Peers" data-testid="peer-list">
      <thead>
        <tr>
          <th>Peer</th>
          <th>Last export to it</th>
          <th>Last import from it</th>
          <th>Waiting to go out</th>
        </tr>
      </thead>
      <tbody>
        {peers.peers.map((peer) => (
          <tr key={peer.name}>
            <td>{peer.name}</td>
            <td>{exchangeWords(peer.lastExport, nowMs)}</td>
            <td>{exchangeWords(peer.lastImport, nowMs)}</td>
            <td>{peer.waitingOut.toLocaleString('en-GB')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
