import type { PeerExchange, PeerExportReceipt, PeerExportScope, PeerPacksView } from '../../shared/sync/peer-packs';
import { relativeTime } from './sync-format';
import { formatBytes } from '../incidents/incident-format';

function objects(n: number): string {
  return `${n.toLocaleString('en-GB')} object${n === 1 ? '' : 's'}`;
}

/** What an export for `peer` would hold: what it lacks as far as this workstation knows (sent to it or received from it is not lacking). */
export function waitingFor(view: PeerPacksView, peer: string, scope: PeerExportScope): string {
  if (scope === 'everything') return 'Everything this workstation holds, with the commission roster.';
  const known = view.peers.find((p) => p.name === peer);
  if (!known?.lastExport) return `No export to ${peer} yet: the pack holds everything this workstation holds.`;
  return `${objects(known.waitingOut)} that ${peer} lacks, as far as this workstation knows; the pack holds them and the commission roster.`;
}

export function exportSummary(receipt: PeerExportReceipt): string {
  const where = receipt.savedAsChosen ? 'where you chose, and to the outbox' : 'to the outbox';
  return `Wrote ${receipt.file} for ${receipt.peer} (${objects(receipt.objects)}, ${formatBytes(receipt.bytes)}) ${where}.`;
}

/** "5 min ago · 7 objects", with the refused ones of an import; "never" when there was none. */
export function exchangeWords(exchange: PeerExchange | null, nowMs: number): string {
  if (exchange === null) return 'never';
  const refused = exchange.rejected > 0 ? `, ${exchange.rejected.toLocaleString('en-GB')} refused` : '';
  return `${relativeTime(exchange.at, nowMs)} · ${objects(exchange.objects)}${refused}`;
}
