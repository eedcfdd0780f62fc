import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { RefusedError } from '../../shared/ipc/errors';
import { folderPathProblem } from '../../shared/sync/shared-folder';
import type { SyncTargetStatus } from '../../shared/sync/sync-status';
import { writeFileDurably } from '../keys/durable-file';
import { openReadableDatabase, type ReadableDb } from '../store/database';
import { DATABASE_FILE, type Store } from '../store/store';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import type { SyncRegistry } from './sync-registry';
import { objectsRoot } from './shared-folder-layout';
import { SharedFolderSync, type SharedFolderSyncOptions } from './shared-folder-sync';

/** The workspace's own file naming the attached folder (`<workspace>/sync/shared-folder.json`); the folder re-attaches on start. */
export const SHARED_FOLDER_SETTINGS = join('sync', 'shared-folder.json');
const STAGING_FOLDER = join('sync', 'shared-folder-staging');

export interface SharedFolderServiceOptions {
  readonly store: Store;
  /** The workspace folder: the settings file and the staging packs live in it. */
  readonly dataDir: string;
  readonly registry: SyncRegistry;
  /** Objects from the folder were stored: tells the window and whatever else follows the store (reveal automatically, deadlines). */
  readonly storeChanged: (objectsAdded: number, objectsQuarantined: number) => void;
  readonly verifier?: StatementBatchVerifier;
  readonly scanIntervalMs?: number;
  readonly debounceMs?: number;
  readonly importLimits?: SharedFolderSyncOptions['importLimits'];
}

interface Attached {
  readonly path: string;
  readonly status: SyncTargetStatus;
  readonly reads: ReadableDb;
  readonly sync: SharedFolderSync;
}

/**
 * The workstation's shared folder (DESIGN §5): a folder Syncthing, rsync or a network share
 * replicates, whose layout is a content-addressed object store (docs/SYNC.md). At most one is
 * attached per workspace; its state is reported to the sync registry as a 'shared-folder' target.
 */
export class SharedFolderService {
  private attached: Attached | undefined;
  /** Attach, detach and close one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SharedFolderServiceOptions) {}

  /** Attaches the folder the workspace named last, if any; a folder that is gone is reported offline and tried again. */
  async init(): Promise<void> {
    const file = join(this.options.dataDir, SHARED_FOLDER_SETTINGS);
    try {
      const saved = await readSettings(file);
      if (saved !== undefined) await this.serially(() => this.start(saved));
    } catch (error) {
      // The workstation opens whatever this file holds; the sync panel says what is wrong with it.
      const message = `${file}: ${error instanceof Error ? error.message : String(error)}`;
      this.options.registry.report({ ...idle('folder:settings', 'shared folder'), state: 'error', error: message });
    }
  }

  /** Attaches `path` (replacing the folder attached before), remembers it for the next start, and runs a first pass in the background. */
  attach(path: string): Promise<SyncTargetStatus> {
    return this.serially(async () => {
      const folder = await this.checkFolder(path);
      await this.stop();
      await mkdir(join(this.options.dataDir, 'sync'), { recursive: true, mode: 0o700 });
      await writeFileDurably(join(this.options.dataDir, SHARED_FOLDER_SETTINGS), `${JSON.stringify({ version: 1, path: folder }, null, 2)}\n`);
      return this.start(folder);
    });
  }

  /** Stops syncing with the attached folder and forgets it; nothing in the folder is touched. */
  detach(): Promise<null> {
    return this.serially(async () => {
      await this.stop();
      await rm(join(this.options.dataDir, SHARED_FOLDER_SETTINGS), { force: true });
      return null;
    });
  }

  current(): SyncTargetStatus | null {
    return this.attached ? (this.options.registry.overview().targets.find((t) => t.id === this.attached!.status.id) ?? null) : null;
  }

  /** The store gained objects (an import, a signature): publish them. */
  storeChanged(): void {
    this.attached?.sync.request('publish');
  }

  /** One whole pass now: scan, import, publish. For tests and for a person who will not wait for the watcher. */
  async syncNow(): Promise<SyncTargetStatus | null> {
    await this.attached?.sync.syncNow();
    return this.current();
  }

  close(): Promise<void> {
    return this.serially(() => this.stop());
  }

  private serially<T>(body: () => Promise<T>): Promise<T> {
    const run = this.queue.then(body);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async start(folder: string): Promise<SyncTargetStatus> {
    const { store, registry } = this.options;
    registry.remove('folder:settings');
    const status: SyncTargetStatus = { ...idle(`folder:${createHash('sha256').update(folder).digest('hex').slice(0, 16)}`, basename(folder) || folder), state: 'syncing' };
    registry.report(status);
    const reads = openReadableDatabase(join(store.dir, DATABASE_FILE));
    const sync = new SharedFolderSync({
      folder,
      store,
      reads,
      stagingDir: join(this.options.dataDir, STAGING_FOLDER),
      report: (change) => registry.report(status.id, change),
      stored: this.options.storeChanged,
      scanIntervalMs: this.options.scanIntervalMs ?? 60_000,
      debounceMs: this.options.debounceMs ?? 500,
      ...(this.options.verifier ? { verifier: this.options.verifier } : {}),
      ...(this.options.importLimits ? { importLimits: this.options.importLimits } : {}),
    });
    this.attached = { path: folder, status, reads, sync };
    await sync.start();
    return this.current() ?? status;
  }

  private async stop(): Promise<void> {
    const attached = this.attached;
    if (attached === undefined) return;
    this.attached = undefined;
    await attached.sync.stop();
    attached.reads.close();
    this.options.registry.remove(attached.status.id);
  }

  /** The folder as the file system names it, when it is one this user can write and not inside the workspace; otherwise a refusal in one line. */
  private async checkFolder(path: string): Promise<string> {
    const problem = folderPathProblem(path) ?? (isAbsolute(path) ? null : 'the shared folder must be given as a full path');
    if (problem !== null) throw new RefusedError(problem);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new RefusedError(`no folder ${path}: create it first (or let Syncthing create it)`);
    if (!info.isDirectory()) throw new RefusedError(`${path} is a file, not a folder`);
    const folder = await realpath(path);
    const workspace = await realpath(this.options.dataDir);
    const inside = relative(workspace, folder);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) throw new RefusedError(`${path} is inside this commission's own data folder: choose a folder of its own`);
    try {
      await access(folder, constants.W_OK | constants.X_OK);
      await mkdir(objectsRoot(folder), { recursive: true });
      await access(objectsRoot(folder), constants.W_OK | constants.X_OK);
    } catch {
      throw new RefusedError(`${path}: this user cannot write in that folder`);
    }
    return folder;
  }
}

function idle(id: string, label: string): SyncTargetStatus {
  return { id, kind: 'shared-folder', label, state: 'idle', lastExchange: null, waitingOut: 0, received: 0, quarantined: 0, error: null };
}

async function readSettings(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as { path?: unknown };
  if (typeof parsed.path !== 'string' || !isAbsolute(parsed.path)) throw new Error(`${file}: "path" must be a full path`);
  return parsed.path;
}
