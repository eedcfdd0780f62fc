import { constants } from 'node:fs';
import { copyFile, lstat, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportStatus } from '../../shared/commission/views';
import { RefusedError } from '../../shared/ipc/errors';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { Timestamp } from '../../shared/objects/types';
import type { PeerExportReceipt, PeerExportScope, PeerPacksView, PeerView, QuarantinePage, WorkspaceFolder } from '../../shared/sync/peer-packs';
import type { SyncTargetStatus } from '../../shared/sync/sync-status';
import type { ImportService } from '../services/import-service';
import type { EmitMainEvent } from '../services/main-events';
import { exportObjects } from '../store/export-pack';
import { clearQuarantine, quarantinePage } from '../store/quarantine-page';
import type { Store } from '../store/store';
import { peerPackName } from './peer-pack-names';
import { countObjectsPeerLacks, currentThroughRowid, objectsPeerLacks, recordExchange, recordReceivedFrom, type LackedObject } from './peer-cursor';
import { EMPTY_PEER_RECORDS, readPeerRecords, withPeer, writePeerRecords, type PeerRecord, type PeerRecords } from './peer-records';
import type { SyncRegistry } from './sync-registry';

export const PEER_PACKS_TARGET = 'peer-packs';
const PACK_FILE = /\.pack$/;

export interface PeerPackOptions {
  readonly store: Store;
  readonly imports: ImportService;
  readonly registry: SyncRegistry;
  /** The commission's own folder: inbox/, outbox/ and sync/peers.json are in it. */
  readonly workspaceDir: string;
  readonly emit: EmitMainEvent;
  readonly now?: () => number;
}

/**
 * Packs carried by hand to and from peers (sneakernet, DESIGN §5): a sync pack of what a peer lacks
 * — everything received since the last export to that peer, or everything — written to the
 * outbox; packs from peers imported through the inbox like any pack. It keeps, per peer, the last
 * exchange each way (`sync/peers.json`), and reports the 'peer-packs' sync target.
 */
export class PeerPackService {
  private records: PeerRecords = EMPTY_PEER_RECORDS;
  private exporting = false;
  private importing = false;
  private error: string | null = null;
  /** The peer the running import's packs come from, as the user said. */
  private importFrom: string | null = null;
  /** The store's last import when the running import started. */
  private runAfterImport = 0;
  private readonly now: () => number;

  constructor(private readonly options: PeerPackOptions) {
    this.now = options.now ?? Date.now;
  }

  get inbox(): string {
    return this.options.imports.inbox;
  }

  get outbox(): string {
    return join(this.options.workspaceDir, 'outbox');
  }

  private get recordsFile(): string {
    return join(this.options.workspaceDir, 'sync', 'peers.json');
  }

  async init(): Promise<void> {
    const { records, damaged } = await readPeerRecords(this.recordsFile);
    this.records = records;
    this.error = damaged;
    this.report();
  }

  view(): PeerPacksView {
    return { peers: this.records.peers.map((peer) => this.peerView(peer)), waitingOut: this.waitingOut(), inbox: this.inbox, outbox: this.outbox };
  }

  folder(which: WorkspaceFolder): string {
    return which === 'inbox' ? this.inbox : this.outbox;
  }

  /** The folder's path, created when it is not there yet so that the desktop can open it. */
  async openableFolder(which: WorkspaceFolder): Promise<string> {
    const path = this.folder(which);
    await mkdir(path, { recursive: true, mode: 0o700 });
    return path;
  }

  /**
   * Writes `outbox/<peer>-<time>.pack`: what the peer lacks as far as its cursor knows (everything
   * stored since the last exchange with it that did not come from it; everything when there was
   * none), or everything, with the roster chain; and, when given, a copy where the user chose to
   * save it. The exchange is recorded in the peer's cursor once the pack is written.
   */
  async exportForPeer(peer: string, scope: PeerExportScope, copyTo?: string): Promise<PeerExportReceipt> {
    if (this.exporting) throw new RefusedError('an export is being written already: wait for it to end');
    this.exporting = true;
    this.report();
    try {
      const at = this.now();
      await mkdir(this.outbox, { recursive: true, mode: 0o700 });
      const file = await freeName(this.outbox, peerPackName(peer, at));
      const { store } = this.options;
      // No import writes while the pack is read: what it holds and the row its cursor moves to agree.
      const written = await this.options.imports.serialized(async () => {
        const lack = scope === 'since-last' ? objectsPeerLacks(store, peer) : undefined;
        const throughRowid = lack?.throughRowid ?? currentThroughRowid(store.db);
        const objects = lack ? [...lack.pages()].flat() : (store.db.prepare('SELECT id, kind, size FROM objects WHERE rowid <= ? ORDER BY rowid').all(throughRowid) as LackedObject[]);
        return { ...(await exportObjects(store, objects, join(this.outbox, file))), throughRowid };
      });
      if (copyTo !== undefined) await copyFile(written.path, copyTo);
      recordExchange(store, peer, { throughRowid: written.throughRowid, at, via: 'pack' });
      await this.save(withPeer(this.records, peer, (current) => ({ ...current, lastExport: { at: formatTimestamp(at), objects: written.objects, rejected: 0 } })));
      this.error = null;
      return { peer, scope, file, outbox: this.outbox, savedAsChosen: copyTo !== undefined, objects: written.objects, bytes: written.bytes };
    } catch (error) {
      this.error = `export for ${peer} failed: ${messageOf(error)}`;
      throw error;
    } finally {
      this.exporting = false;
      this.report();
    }
  }

  /** Imports the packs waiting in the inbox, from `peer` when the user says so. */
  async importInbox(peer: string | null): Promise<ImportStatus> {
    this.importFrom = peer;
    try {
      return await this.options.imports.start();
    } catch (error) {
      this.importFrom = null;
      throw error;
    }
  }

  /** Copies files the user chose (a native dialog, main-side) into the inbox, then imports the inbox. */
  async importFiles(paths: readonly string[], peer: string | null): Promise<ImportStatus> {
    await mkdir(this.inbox, { recursive: true });
    for (const path of paths) {
      const name = basename(path);
      await copyFile(path, join(this.inbox, await freeName(this.inbox, PACK_FILE.test(name) ? name : `${name}.pack`)), constants.COPYFILE_EXCL);
    }
    return this.importInbox(peer);
  }

  /** Told by the import service when a run starts and ends. */
  async observeImportRun(status: ImportStatus): Promise<void> {
    if (status.running) {
      this.importing = true;
      this.runAfterImport = this.lastImportId();
      this.report();
      return;
    }
    this.importing = false;
    const peer = this.importFrom;
    this.importFrom = null;
    // The peer holds what its packs brought: they do not count as waiting to go out to it.
    if (peer !== null) for (const importId of this.importsOf(status)) recordReceivedFrom(this.options.store, peer, importId);
    const objects = status.results.reduce((sum, r) => sum + r.added + r.present, 0);
    const rejected = status.results.reduce((sum, r) => sum + r.rejected, 0);
    const failed = status.results.filter((r) => r.error !== null);
    this.error = failed.length === 0 ? null : `${failed.length} of ${status.results.length} pack(s) not imported: ${failed[0]!.file}: ${failed[0]!.error}`;
    let records: PeerRecords = { ...this.records, received: this.records.received + objects, quarantined: this.records.quarantined + rejected };
    if (peer !== null && status.results.length > 0) records = withPeer(records, peer, (current) => ({ ...current, lastImport: { at: formatTimestamp(this.now()), objects, rejected } }));
    await this.save(records).catch((error: unknown) => {
      this.error = `the record of exchanges with peers could not be written: ${messageOf(error)}`;
      this.report();
    });
  }

  quarantine(offset: number, limit: number): QuarantinePage {
    return quarantinePage(this.options.store.db, offset, limit);
  }

  /** Empties the quarantine, waiting for any import to end first; whatever shows the store reads it again. */
  async clearQuarantine(): Promise<{ readonly cleared: number }> {
    const cleared = await this.options.imports.serialized(async () => clearQuarantine(this.options.store.db));
    if (cleared > 0) this.options.emit('storeChanged', { objectsAdded: 0, objectsQuarantined: 0 });
    this.report();
    return { cleared };
  }

  /** Whatever was stored: objects waiting to go out changed. */
  storeChanged(): void {
    this.report();
  }

  private async save(records: PeerRecords): Promise<void> {
    this.records = records;
    this.report();
    await writePeerRecords(this.recordsFile, records);
  }

  /** The store's imports of a run's packs that were read (an import row is named by the pack's path in the inbox). */
  private importsOf(status: ImportStatus): number[] {
    const select = this.options.store.db.prepare('SELECT max(id) FROM imports WHERE id > ? AND source = ?').pluck();
    return status.results.filter((r) => r.error === null).flatMap((r) => (select.get(this.runAfterImport, join(this.inbox, r.file)) as number | null) ?? []);
  }

  private peerView(peer: PeerRecord): PeerView {
    return { name: peer.name, lastExport: peer.lastExport, lastImport: peer.lastImport, waitingOut: countObjectsPeerLacks(this.options.store, peer.name) };
  }

  /** Objects stored since the last exchange with any peer (every object when there was none). */
  private waitingOut(): number {
    const counts = this.records.peers.map((peer) => countObjectsPeerLacks(this.options.store, peer.name));
    return counts.length === 0 ? (this.options.store.db.prepare('SELECT count(*) FROM objects').pluck().get() as number) : Math.min(...counts);
  }

  private lastImportId(): number {
    return (this.options.store.db.prepare('SELECT max(id) FROM imports').pluck().get() as number | null) ?? 0;
  }

  private lastExchange(): Timestamp | null {
    const times = this.records.peers.flatMap((peer) => [peer.lastExport?.at, peer.lastImport?.at]).filter((at): at is Timestamp => at !== undefined);
    return times.length === 0 ? null : times.sort().at(-1)!;
  }

  private report(): void {
    const status: SyncTargetStatus = {
      id: PEER_PACKS_TARGET,
      kind: 'peer-packs',
      label: 'packs carried by hand (USB stick)',
      state: this.exporting || this.importing ? 'syncing' : this.error !== null ? 'error' : 'idle',
      lastExchange: this.lastExchange(),
      waitingOut: this.waitingOut(),
      received: this.records.received,
      quarantined: this.records.quarantined,
      error: this.error,
    };
    this.options.registry.report(status);
  }
}

async function freeName(folder: string, file: string): Promise<string> {
  const stem = file.replace(PACK_FILE, '');
  const extension = file.slice(stem.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? file : `${stem}-${n}${extension}`;
    const taken = await lstat(join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
