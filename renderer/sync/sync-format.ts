import type { SyncOverview, SyncTargetStatus } from '../../shared/sync/sync-status';

export type BadgeTone = 'offline' | 'syncing' | 'connected' | 'error';

/** What the app bar's badge says of sync, from every target's state: connected only where a live link is (a hub, an attached folder), never for packs carried by hand. */
export function syncBadge(overview: SyncOverview | undefined): { readonly text: string; readonly tone: BadgeTone } {
  const targets = overview?.targets ?? [];
  if (targets.some((t) => t.state === 'error')) return { text: 'sync error', tone: 'error' };
  if (targets.some((t) => t.state === 'syncing')) return { text: 'syncing', tone: 'syncing' };
  const live = targets.filter((t) => t.state === 'idle' && t.kind !== 'peer-packs');
  if (live.some((t) => t.kind === 'hub')) return { text: 'hub connected', tone: 'connected' };
  if (live.some((t) => t.kind === 'shared-folder')) return { text: 'shared folder attached', tone: 'connected' };
  return { text: 'offline', tone: 'offline' };
}

const KIND_NAMES: Readonly<Record<SyncTargetStatus['kind'], string>> = {
  'peer-packs': 'Peer packs',
  'shared-folder': 'Shared folder',
  hub: 'Commission hub',
};

export function targetKindName(kind: SyncTargetStatus['kind']): string {
  return KIND_NAMES[kind];
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or the UTC date beyond a week. */
export function relativeTime(timestamp: string, nowMs: number): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp;
  const seconds = Math.max(0, Math.round((nowMs - ms) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 7 * 86_400) return `${Math.floor(seconds / 86_400)} day${seconds < 2 * 86_400 ? '' : 's'} ago`;
  return `${timestamp.slice(0, 10)} UTC`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** A target's state in one line: last exchange, waiting out, received, quarantined. */
export function targetLine(target: SyncTargetStatus, nowMs: number): string {
  return [
    target.lastExchange === null ? 'no exchange yet' : `last exchange ${relativeTime(target.lastExchange, nowMs)}`,
    `${count(target.waitingOut, 'object')} waiting to go out`,
    `${count(target.received, 'object')} received`,
    `${target.quarantined.toLocaleString('en-GB')} quarantined`,
  ].join(' · ');
}

const STATE_WORDS: Readonly<Record<SyncTargetStatus['state'], string>> = { idle: 'ready', syncing: 'syncing…', offline: 'offline', error: 'error' };

export function stateWords(state: SyncTargetStatus['state']): string {
  return STATE_WORDS[state];
}
