import { describe, expect, it } from 'vitest';
import type { SyncOverview, SyncTargetStatus } from '../../../shared/sync/sync-status';
import type { Timestamp } from '../../../shared/objects/types';
import type { PeerPacksView } from '../../../shared/sync/peer-packs';
import { relativeTime, syncBadge, targetLine } from '../../../renderer/sync/sync-format';
import { quarantineWords } from '../../../renderer/sync/quarantine-words';
import { exchangeWords, exportSummary, waitingFor } from '../../../renderer/sync/peer-format';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const target = (over: Partial<SyncTargetStatus>): SyncTargetStatus => ({
  id: 'peer-packs',
  kind: 'peer-packs',
  label: 'Peer packs (USB)',
  state: 'idle',
  lastExchange: null,
  waitingOut: 0,
  received: 0,
  quarantined: 0,
  error: null,
  ...over,
});
const overview = (...targets: SyncTargetStatus[]): SyncOverview => ({ revision: 1, targets });

describe('the sync badge', () => {
  it('says offline with nothing but packs carried by hand, however recent, and before the state is read', () => {
    expect(syncBadge(undefined)).toEqual({ text: 'offline', tone: 'offline' });
    expect(syncBadge(overview())).toEqual({ text: 'offline', tone: 'offline' });
    expect(syncBadge(overview(target({ lastExchange: '2026-11-22T11:59:00Z' as Timestamp })))).toEqual({ text: 'offline', tone: 'offline' });
    expect(syncBadge(overview(target({}), target({ id: 'hub:x', kind: 'hub', state: 'offline' })))).toEqual({ text: 'offline', tone: 'offline' });
  });

  it('says hub connected or shared folder attached only for a live link, syncing while objects move, and an error above all', () => {
    expect(syncBadge(overview(target({ id: 'hub:x', kind: 'hub' })))).toEqual({ text: 'hub connected', tone: 'connected' });
    expect(syncBadge(overview(target({ id: 'folder:1', kind: 'shared-folder' })))).toEqual({ text: 'shared folder attached', tone: 'connected' });
    expect(syncBadge(overview(target({ id: 'hub:x', kind: 'hub' }), target({ state: 'syncing' })))).toEqual({ text: 'syncing', tone: 'syncing' });
    expect(syncBadge(overview(target({ id: 'hub:x', kind: 'hub', state: 'syncing' }), target({ state: 'error', error: 'x' })))).toEqual({ text: 'sync error', tone: 'error' });
  });
});

describe('a target in one line', () => {
  it('says the last exchange, objects waiting to go out, received and quarantined', () => {
    expect(targetLine(target({}), NOW)).toBe('no exchange yet · 0 objects waiting to go out · 0 objects received · 0 quarantined');
    expect(targetLine(target({ lastExchange: '2026-11-22T11:55:00Z' as Timestamp, waitingOut: 1, received: 12345, quarantined: 2 }), NOW)).toBe(
      'last exchange 5 min ago · 1 object waiting to go out · 12,345 objects received · 2 quarantined',
    );
  });

  it('says how long ago in words, and the date beyond a week', () => {
    expect(relativeTime('2026-11-22T11:59:30Z', NOW)).toBe('just now');
    expect(relativeTime('2026-11-22T09:00:00Z', NOW)).toBe('3 h ago');
    expect(relativeTime('2026-11-21T10:00:00Z', NOW)).toBe('1 day ago');
    expect(relativeTime('2026-11-19T10:00:00Z', NOW)).toBe('3 days ago');
    expect(relativeTime('2026-10-01T10:00:00Z', NOW)).toBe('2026-10-01 UTC');
  });
});

describe('peer packs and the quarantine in words', () => {
  const view: PeerPacksView = {
    peers: [{ name: 'GBR field laptop', lastExport: { at: '2026-11-22T11:00:00Z' as Timestamp, objects: 40, rejected: 0 }, lastImport: null, waitingOut: 3 }],
    waitingOut: 3,
    inbox: '/data/inbox',
    outbox: '/data/outbox',
  };

  it('says what an export for a peer would hold', () => {
    expect(waitingFor(view, 'GBR field laptop', 'since-last')).toBe('3 objects that GBR field laptop lacks, as far as this workstation knows; the pack holds them and the commission roster.');
    expect(waitingFor(view, 'POL site', 'since-last')).toBe('No export to POL site yet: the pack holds everything this workstation holds.');
    expect(waitingFor(view, 'GBR field laptop', 'everything')).toMatch(/^Everything/);
    expect(exportSummary({ peer: 'GBR', scope: 'since-last', file: 'GBR-20261122T120000Z.pack', outbox: '/o', savedAsChosen: false, objects: 1, bytes: 2048 })).toBe(
      'Wrote GBR-20261122T120000Z.pack for GBR (1 object, 2.0 KiB) to the outbox.',
    );
  });

  it('says each exchange with a peer: when, how many objects, how many refused', () => {
    expect(exchangeWords(null, NOW)).toBe('never');
    expect(exchangeWords({ at: '2026-11-22T11:58:00Z' as Timestamp, objects: 7, rejected: 0 }, NOW)).toBe('2 min ago · 7 objects');
    expect(exchangeWords({ at: '2026-11-22T09:00:00Z' as Timestamp, objects: 1, rejected: 2 }, NOW)).toBe('3 h ago · 1 object, 2 refused');
  });

  it('gives every refusal a reason in plain words, without the code', () => {
    expect(quarantineWords('bad-signature')).toBe('The signature does not verify: the object was altered or forged.');
    expect(quarantineWords('unreferenced-chunk')).toMatch(/no verified incident lists/);
    expect(quarantineWords('something-new')).toBe('It did not pass verification.');
    expect(quarantineWords('toString')).toBe('It did not pass verification.');
    for (const code of ['digest-mismatch', 'roster-expired', 'equivocation', 'missing-object']) expect(quarantineWords(code)).not.toContain(code);
  });
});
