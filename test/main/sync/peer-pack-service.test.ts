import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPackFile } from '../../../main/packs/pack-file';
import { ImportService } from '../../../main/services/import-service';
import { importPack } from '../../../main/store/import-pack';
import { openStore, type Store } from '../../../main/store/store';
import { PEER_PACKS_TARGET, PeerPackService } from '../../../main/sync/peer-pack-service';
import { SyncRegistry } from '../../../main/sync/sync-registry';
import type { ImportStatus } from '../../../shared/commission/views';
import type { MainEventName, MainEvents } from '../../../shared/ipc/contract';
import type { SyncOverview, SyncTargetStatus } from '../../../shared/sync/sync-status';
import { bundleEntries, commission, incidentBundle, NOW, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission, type IncidentBundle } from '../store/fixtures/store-fixtures';

type Pushed = { [K in MainEventName]: { readonly event: K; readonly payload: MainEvents[K] } }[MainEventName];

let c: Commission;
let bundles: IncidentBundle[];

beforeAll(async () => {
  c = await commission();
  // One after another: each incident continues the producer's log (signed at once, they would fork it, and an export would carry the witnesses).
  bundles = [];
  for (const n of [1, 2, 3, 4]) bundles.push(await incidentBundle(c, n));
});
afterAll(() => removeTempDirs());

interface Workstation {
  readonly store: Store;
  readonly workspace: string;
  readonly inbox: string;
  readonly peers: PeerPackService;
  readonly registry: SyncRegistry;
  readonly pushed: Pushed[];
  /** Imports the inbox (from `peer`) and resolves with the run's last status. */
  importInbox(peer: string | null): Promise<ImportStatus>;
  target(): SyncTargetStatus;
}

/** A workstation's writer side as the store's worker wires it: a store that pins the commission's roster, its import service and the peer packs. */
async function workstation(workspace = tempDir('truceline-workspace-'), open = true): Promise<Workstation> {
  const store = openStore(join(workspace, 'store'), { create: true });
  if (open) {
    const genesis = await writePackTo(tempDir('truceline-pack-'), 'genesis.pack', 'sync', [signedEntry(c.genesis)]);
    await importPack(store, genesis, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  }
  const pushed: Pushed[] = [];
  let ended: ((status: ImportStatus) => void) | undefined;
  const emit = (event: MainEventName, payload: unknown) => {
    pushed.push({ event, payload } as Pushed);
    if (event === 'importProgress' && !(payload as ImportStatus).running) ended?.(payload as ImportStatus);
  };
  const registry = new SyncRegistry(emit);
  const inbox = join(workspace, 'inbox');
  mkdirSync(inbox, { recursive: true });
  // eslint-disable-next-line prefer-const -- the import service tells the peer packs of its runs, and they hold it
  let peers: PeerPackService;
  const imports = new ImportService(store, inbox, emit, undefined, (status) => peers.observeImportRun(status));
  peers = new PeerPackService({ store, imports, registry, workspaceDir: workspace, emit });
  await peers.init();
  return {
    store,
    workspace,
    inbox,
    peers,
    registry,
    pushed,
    importInbox: async (peer) => {
      const done = new Promise<ImportStatus>((resolve) => (ended = resolve));
      await peers.importInbox(peer);
      return done;
    },
    target: () => (registry.overview() as SyncOverview).targets.find((t) => t.id === PEER_PACKS_TARGET)!,
  };
}

async function packIds(path: string): Promise<string[]> {
  return (await loadPackFile(path)).index.objects.map((o) => o.id).sort();
}

function idsOf(...list: IncidentBundle[]): string[] {
  return list.flatMap((b) => [b.incident.id, ...b.chunks.map((chunk) => chunk.id)]);
}

describe('packs that fail entirely, and files that are not packs', () => {
  it('moves a pack that failed entirely to inbox/rejected/ with its reason, a file that is not a pack to inbox/not-packs/, once: neither is offered again', async () => {
    const w = await workstation();
    const good = await writePackTo(w.inbox, 'good.pack', 'sync', bundleEntries(bundles[0]!));
    // A pack cut short in transit: it starts as a pack, and cannot be read to its end.
    const bytes = readFileSync(good);
    writeFileSync(join(w.inbox, 'cut.pack'), bytes.subarray(0, 1536));
    writeFileSync(join(w.inbox, 'photo.pack'), 'JFIF not a pack at all');

    const first = await w.importInbox(null);
    expect(first.results.map((r) => [r.file, r.added, r.error === null])).toEqual([
      ['cut.pack', 0, false],
      ['good.pack', 3, true],
      ['photo.pack', 0, false],
    ]);
    expect(first.results[0]!.error).toMatch(/cut\.pack: .* — moved to inbox\/rejected\/cut\.pack$/);
    expect(readdirSync(join(w.inbox, 'rejected')).sort()).toEqual(['cut.pack', 'cut.pack.reason.txt']);
    expect(readFileSync(join(w.inbox, 'rejected', 'cut.pack.reason.txt'), 'utf8')).toContain('cut.pack: ');
    expect(readdirSync(join(w.inbox, 'not-packs')).sort()).toEqual(['photo.pack', 'photo.pack.reason.txt']);
    expect(readFileSync(join(w.inbox, 'not-packs', 'photo.pack.reason.txt'), 'utf8')).toMatch(/^not a pack/);
    expect(first.waiting).toEqual([]);
    expect(w.target()).toMatchObject({ state: 'error', received: 3, quarantined: 0 });
    expect(w.target().error).toMatch(/^2 of 3 pack\(s\) not imported: cut\.pack: /);

    // The same names arrive again: they are set aside beside the first ones, not over them.
    writeFileSync(join(w.inbox, 'photo.pack'), 'still not a pack');
    const second = await w.importInbox(null);
    expect(second.results.map((r) => r.file)).toEqual(['photo.pack']);
    expect(readdirSync(join(w.inbox, 'not-packs')).sort()).toEqual(['photo-2.pack', 'photo-2.pack.reason.txt', 'photo.pack', 'photo.pack.reason.txt']);
    expect(await w.importInbox(null)).toMatchObject({ waiting: [], results: [] });
    w.store.close();
  });
});

describe('export for a peer', () => {
  let w: Workstation;
  beforeEach(async () => {
    w = await workstation();
    await writePackTo(w.inbox, 'a.pack', 'sync', bundleEntries(bundles[0]!));
    await w.importInbox('GBR field laptop');
  });

  it('since the last exchange holds what arrived after the last export to that peer; another peer gets everything; everything is everything', async () => {
    const roster = c.genesis.id;
    const first = await w.peers.exportForPeer('GBR field laptop', 'since-last');
    expect(first.file).toMatch(/^GBR-field-laptop-\d{8}T\d{6}Z\.pack$/);
    expect(await packIds(join(w.peers.outbox, first.file))).toEqual([roster, ...idsOf(bundles[0]!)].sort());
    expect(w.peers.view().peers.find((p) => p.name === 'GBR field laptop')).toMatchObject({ waitingOut: 0, lastExport: { objects: 4 }, lastImport: { objects: 3, rejected: 0 } });

    await writePackTo(w.inbox, 'b.pack', 'sync', bundleEntries(bundles[1]!));
    await w.importInbox(null);
    expect(w.peers.view().peers[0]!.waitingOut).toBe(3);
    expect(w.target().waitingOut).toBe(3);

    const second = await w.peers.exportForPeer('GBR field laptop', 'since-last');
    expect(second.file).not.toBe(first.file);
    // The roster chain always travels, so that the peer can verify what it receives.
    expect(await packIds(join(w.peers.outbox, second.file))).toEqual([roster, ...idsOf(bundles[1]!)].sort());
    const other = await w.peers.exportForPeer('POL site', 'since-last');
    expect(await packIds(join(w.peers.outbox, other.file))).toEqual([roster, ...idsOf(bundles[0]!, bundles[1]!)].sort());
    const everything = await w.peers.exportForPeer('GBR field laptop', 'everything');
    expect(await packIds(join(w.peers.outbox, everything.file))).toEqual([roster, ...idsOf(bundles[0]!, bundles[1]!)].sort());
    expect(w.target()).toMatchObject({ state: 'idle', waitingOut: 0, error: null });
    expect(w.target().lastExchange).not.toBeNull();
    w.store.close();
  });

  it('keeps the record of exchanges across restarts (<workspace>/sync/peers.json, and the store\u2019s per-peer cursors); a damaged record is kept aside, and what each peer holds is still known', async () => {
    await w.peers.exportForPeer('GBR field laptop', 'since-last');
    await writePackTo(w.inbox, 'c.pack', 'sync', bundleEntries(bundles[2]!));
    await w.importInbox(null);
    w.store.close();

    const again = await workstation(w.workspace, false);
    expect(again.peers.view().peers.map((p) => [p.name, p.waitingOut])).toEqual([['GBR field laptop', 3]]);
    expect(again.target()).toMatchObject({ received: 6, waitingOut: 3 });
    const next = await again.peers.exportForPeer('GBR field laptop', 'since-last');
    expect(await packIds(join(again.peers.outbox, next.file))).toEqual([c.genesis.id, ...idsOf(bundles[2]!)].sort());
    again.store.close();

    writeFileSync(join(w.workspace, 'sync', 'peers.json'), '{"version": 1, "peers": "not a list"');
    const damaged = await workstation(w.workspace, false);
    expect(damaged.target().error).toMatch(/damaged and is kept aside; the peers' last exchanges are forgotten/);
    expect(existsSync(join(w.workspace, 'sync', 'peers.json.damaged'))).toBe(true);
    const nothingNew = await damaged.peers.exportForPeer('GBR field laptop', 'since-last');
    expect(await packIds(join(damaged.peers.outbox, nothingNew.file))).toEqual([c.genesis.id]);
    damaged.store.close();
  });

  it('does not send a peer back what came from it, once it has a cursor; another peer still lacks it', async () => {
    await w.peers.exportForPeer('GBR field laptop', 'since-last');
    await w.peers.exportForPeer('POL site', 'since-last');
    await writePackTo(w.inbox, 'from-gbr.pack', 'sync', bundleEntries(bundles[1]!));
    await w.importInbox('GBR field laptop');
    const [gbr, pol] = w.peers.view().peers;
    expect([gbr!.name, gbr!.waitingOut, gbr!.lastImport?.objects, pol!.name, pol!.waitingOut]).toEqual(['GBR field laptop', 0, 3, 'POL site', 3]);
    expect(w.target().waitingOut).toBe(0);
    const back = await w.peers.exportForPeer('GBR field laptop', 'since-last');
    expect(await packIds(join(w.peers.outbox, back.file))).toEqual([c.genesis.id]);
    const onward = await w.peers.exportForPeer('POL site', 'since-last');
    expect(await packIds(join(w.peers.outbox, onward.file))).toEqual([c.genesis.id, ...idsOf(bundles[1]!)].sort());
    w.store.close();
  });

  it('copies the pack where the user chose, and refuses a second export while one is written', async () => {
    const chosen = join(tempDir('truceline-stick-'), 'for-gbr.pack');
    const [receipt, refused] = await Promise.allSettled([w.peers.exportForPeer('GBR field laptop', 'everything', chosen), w.peers.exportForPeer('GBR field laptop', 'everything')]);
    expect(receipt).toMatchObject({ status: 'fulfilled', value: { savedAsChosen: true } });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'refused' } });
    expect(readFileSync(chosen)).toEqual(readFileSync(join(w.peers.outbox, (receipt as PromiseFulfilledResult<{ file: string }>).value.file)));
    w.store.close();
  });
});

describe('the quarantine view', () => {
  it('lists refused objects by code with their reason and hashes, and clears them', async () => {
    const w = await workstation();
    // An incident whose chunks are absent from the pack is fine; chunks nobody lists are refused.
    await writePackTo(w.inbox, 'stray.pack', 'sync', bundles[3]!.chunks);
    await w.importInbox(null);
    const page = w.peers.quarantine(0, 10);
    expect(page.total).toBe(2);
    expect(page.codes).toEqual([{ code: 'unreferenced-chunk', count: 2 }]);
    expect(page.items.map((i) => i.objectId).sort()).toEqual(bundles[3]!.chunks.map((chunk) => chunk.id).sort());
    expect(page.items[0]).toMatchObject({ code: 'unreferenced-chunk', bytesKept: false });
    expect(page.items[0]!.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(w.target().quarantined).toBe(2);
    expect(w.peers.quarantine(1, 10).items).toHaveLength(1);

    w.pushed.length = 0;
    expect(await w.peers.clearQuarantine()).toEqual({ cleared: 2 });
    expect(w.peers.quarantine(0, 10)).toMatchObject({ total: 0, codes: [], items: [] });
    expect(w.pushed.some((p) => p.event === 'storeChanged')).toBe(true);
    expect(await w.peers.clearQuarantine()).toEqual({ cleared: 0 });
    w.store.close();
  });
});
