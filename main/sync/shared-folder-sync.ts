import { watch, type FSWatcher } from 'node:fs';
import { rm } from 'node:fs/promises';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { Timestamp } from '../../shared/objects/types';
import type { SyncTargetStatus } from '../../shared/sync/sync-status';
import type { ReadableDb } from '../store/database';
import type { Store } from '../store/store';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import { FolderImporter, type FolderImportLimits } from './shared-folder-import';
import { objectsRoot, scanFolder } from './shared-folder-layout';
import { publishStore } from './shared-folder-publish';

export type SharedFolderStatusChange = Partial<Omit<SyncTargetStatus, 'id' | 'kind' | 'label'>>;

export interface SharedFolderSyncOptions {
  readonly folder: string;
  readonly store: Store;
  /** A read-only connection of its own: what is published and what is known stored are committed objects only. */
  readonly reads: ReadableDb;
  /** Where the staging packs of imports from the folder are written (the workspace's, never the shared folder). */
  readonly stagingDir: string;
  readonly report: (change: SharedFolderStatusChange) => void;
  /** Called after objects from the folder were stored or quarantined. */
  readonly stored: (objectsAdded: number, objectsQuarantined: number) => void;
  readonly verifier?: StatementBatchVerifier;
  /** The whole folder is scanned this often whatever the watcher says (a network share's changes from other machines raise no events). */
  readonly scanIntervalMs: number;
  /** Changes are gathered this long before a pass. */
  readonly debounceMs: number;
  readonly importLimits?: FolderImportLimits;
  readonly now?: () => number;
}

/** Our own temporary files older than this are a crash's leftovers; younger ones may be another workstation's write in progress on a network share. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
/** Errors that say the folder is not reachable now (unmounted share, removed stick) rather than that something is wrong with it. */
const UNREACHABLE = new Set(['ENOENT', 'ENOTDIR', 'EIO', 'ENOTCONN', 'ESTALE', 'EHOSTDOWN', 'ENODEV', 'ENXIO']);

/**
 * Keeps one attached folder and the store in step: each pass scans the folder's names, imports what
 * the store lacks (verified, quarantined like any pack) and publishes what the folder lacks. Passes
 * run one at a time, after a watcher event (gathered for `debounceMs`), a store change, or the
 * periodic scan, and report the target's state as they go.
 */
export class SharedFolderSync {
  private readonly importer: FolderImporter;
  /** Object names the folder holds, as last scanned, with those published since. */
  private known = new Set<string>();
  /** The last object row compared with the folder; 0 compares every row again. */
  private cursor = 0;
  private received = 0;
  private quarantined = 0;
  private lastExchange: Timestamp | null = null;
  private watcher: FSWatcher | undefined;
  private interval: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wanted: 'none' | 'publish' | 'scan' = 'none';
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: SharedFolderSyncOptions) {
    this.importer = new FolderImporter(options.store, options.reads, options.stagingDir, options.verifier, options.importLimits);
    this.now = options.now ?? Date.now;
  }

  /** Watches the folder and runs a first pass at once. */
  async start(): Promise<void> {
    await this.importer.clearStaging();
    this.interval = setInterval(() => this.request('scan'), this.options.scanIntervalMs);
    this.interval.unref();
    this.request('scan', 0);
  }

  /** Stops watching and waits for a pass in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
    await this.running;
  }

  /** Asks for a pass: `publish` when only the store changed, `scan` when the folder may have. */
  request(what: 'publish' | 'scan', delayMs = this.options.debounceMs): void {
    if (this.stopped) return;
    if (what === 'scan' || this.wanted === 'none') this.wanted = what;
    if (this.debounce !== undefined || this.running !== undefined) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.runWanted();
    }, delayMs);
    this.debounce.unref();
  }

  /** Runs a whole pass now (after the one in progress) and resolves when it is done. */
  async syncNow(): Promise<void> {
    while (this.running !== undefined) await this.running;
    this.wanted = 'scan';
    clearTimeout(this.debounce);
    this.debounce = undefined;
    this.runWanted();
    while (this.running !== undefined) await this.running;
  }

  private runWanted(): void {
    if (this.stopped || this.wanted === 'none' || this.running !== undefined) return;
    const scan = this.wanted === 'scan';
    this.wanted = 'none';
    this.running = this.pass(scan).finally(() => {
      this.running = undefined;
      if (this.wanted !== 'none') this.request(this.wanted);
    });
  }

  private async pass(scan: boolean): Promise<void> {
    const { folder, store, reads, report } = this.options;
    report({ state: 'syncing' });
    const notes: string[] = [];
    try {
      if (scan) {
        this.watch();
        const found = await scanFolder(folder);
        const names = new Set(found.objects.map((o) => o.id));
        // A name that went away (deleted by hand, or by a peer) is published again from the store.
        for (const id of this.known) if (!names.has(id)) this.cursor = 0;
        this.known = names;
        await this.removeStaleTemporaries(found.temporaries);
        const imported = await this.importer.importNew(found.objects, () => this.stopped);
        if (imported.added + imported.present + imported.rejected > 0) {
          this.received += imported.added + imported.present;
          this.quarantined += imported.rejected;
          this.exchanged();
          this.options.stored(imported.added, imported.rejected);
        }
        if (imported.oversized > 0) notes.push(`${imported.oversized} file(s) larger than the evidence that names them were left unread`);
        if (found.notFiles > 0) notes.push(`${found.notFiles} entr(ies) named like objects are not regular files and were left alone`);
      }
      const published = await publishStore(reads, store.chunks, folder, this.known, this.cursor, () => this.stopped);
      this.cursor = published.cursor;
      if (published.written > 0) this.exchanged();
      if (published.firstFailure !== null) notes.push(`${published.failed} object(s) could not be published (${published.firstFailure})`);
      const newer = reads.prepare('SELECT count(*) FROM objects WHERE rowid > ?').pluck().get(this.cursor) as number;
      report({ state: 'idle', lastExchange: this.lastExchange, waitingOut: newer + published.failed, received: this.received, quarantined: this.quarantined, error: notes.join('; ') || null });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const unreachable = UNREACHABLE.has(code);
      if (unreachable) this.unwatch();
      report({
        state: unreachable ? 'offline' : 'error',
        lastExchange: this.lastExchange,
        received: this.received,
        quarantined: this.quarantined,
        error: unreachable ? `the folder cannot be reached (${code}); tried again every ${Math.round(this.options.scanIntervalMs / 1000)} s` : oneLine(error),
      });
    }
  }

  private exchanged(): void {
    this.lastExchange = formatTimestamp(this.now());
  }

  /** Watches the objects folder and its prefix folders where the platform can (recursive fs.watch); the periodic scan covers the rest. */
  private watch(): void {
    if (this.watcher !== undefined || this.stopped) return;
    try {
      this.watcher = watch(objectsRoot(this.options.folder), { recursive: true, persistent: false }, () => this.request('scan'));
      this.watcher.on('error', () => this.unwatch());
    } catch {
      this.watcher = undefined;
    }
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async removeStaleTemporaries(temporaries: readonly { path: string; mtimeMs: number }[]): Promise<void> {
    const before = this.now() - STALE_TEMPORARY_MS;
    for (const temporary of temporaries) if (temporary.mtimeMs < before) await rm(temporary.path, { force: true });
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
