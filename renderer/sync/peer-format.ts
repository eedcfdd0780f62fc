import type { PeerExportReceipt, PeerExportScope, PeerPacksView } from '../../shared/sync/peer-packs';
import { formatBytes } from '../incidents/incident-format';

function objects(n: number): string {
  return `${n.toLocaleString('en-GB')} object${n === 1 ? '' : 's'}`;
}

/** What an export for `peer` would hold, as far as this workstation knows. */
export function waitingFor(view: PeerPacksView, peer: string, scope: PeerExportScope): string {
  if (scope === 'everything') return 'Everything this workstation holds, with the commission roster.';
  const known = view.peers.find((p) => p.name === peer);
  if (!known?.lastExport) return `No export to ${peer} yet: the pack holds everything this workstation holds.`;
  return `${objects(known.waitingOut)} arrived since the last export to ${peer}; the pack holds them and the commission roster.`;
}

export function exportSummary(receipt: PeerExportReceipt): string {
  const where = receipt.savedAsChosen ? 'where you chose, and to the outbox' : 'to the outbox';
  return `Wrote ${receipt.file} for ${receipt.peer} (${objects(receipt.objects)}, ${formatBytes(receipt.bytes)}) ${where}.`;
}
