import { mkdir, open, readdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RefusedError } from '../../shared/ipc/errors';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import { writePackFile } from '../packs/pack-file';
import type { ImportProgressView, ImportResultView, ImportStatus } from '../../shared/commission/views';
import { BusyError } from '../../shared/ipc/errors';
import { ImportError, importPack } from '../store/import-pack';
import type { ImportProgress } from '../store/import-progress';
import type { Store } from '../store/store';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import type { EmitMainEvent } from './main-events';
import { looksLikePack, moveAside, NOT_PACKS_FOLDER, REJECTED_FOLDER } from './inbox-triage';

const PACK_FILE = /\.pack$/;
const MAX_REJECTIONS_SHOWN = 50;
/** Progress within a pack is pushed at most this often; a pack's end and the run's end always are. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Imports the packs someone copied into the workstation's inbox folder (from a USB stick, or a
 * folder a sync engine fills), one after another, each verified object by object into the store.
 * A pack that was read is moved to `inbox/imported/` (its rejected objects are in the quarantine);
 * one that failed entirely to `inbox/rejected/`, and a file that is not a pack at all to
 * `inbox/not-packs/`, each with `<name>.reason.txt`, so that neither is offered again; only a busy
 * store leaves a pack waiting. Progress is pushed as `importProgress` events, and `storeChanged`
 * when a run stored anything.
 */
export class ImportService {
  private running = false;
  private revision = 0;
  private current: ImportProgressView | null = null;
  private results: ImportResultView[] = [];
  /** The run's packs not yet done, the one being imported first. */
  private pending: string[] = [];
  private lastPushed = 0;
  /** Imports and this workstation's own statements are stored one at a time: each is one write transaction on the store's one connection. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    readonly inbox: string,
    private readonly emit: EmitMainEvent = () => {},
    /** Verifies large packs' statements on other threads. */
    private readonly verifier?: StatementBatchVerifier,
    /** Told when a run starts and when it ends, with its results (the sync state of peer packs); the run's last event waits for it. */
    private readonly observeRun: (status: ImportStatus) => void | Promise<void> = () => {},
  ) {}

  async status(): Promise<ImportStatus> {
    return this.snapshot(this.running ? this.pending : await this.waiting());
  }

  /** Starts a run over the inbox and returns at once; progress arrives as `importProgress` events. */
  async start(): Promise<ImportStatus> {
    if (this.running) throw new BusyError('an import is running already: wait for it to end');
    this.running = true;
    this.results = [];
    try {
      this.pending = await this.waiting();
    } catch (error) {
      this.running = false;
      throw error;
    }
    this.changed();
    void this.run();
    return this.status();
  }

  private snapshot(waiting: readonly string[]): ImportStatus {
    return { revision: this.revision, inbox: this.inbox, waiting: [...waiting], running: this.running, current: this.current, results: [...this.results] };
  }

  private changed(): void {
    this.revision += 1;
  }

  private push(): void {
    this.lastPushed = Date.now();
    this.emit('importProgress', this.snapshot(this.pending));
  }

  private async waiting(): Promise<string[]> {
    await mkdir(this.inbox, { recursive: true });
    const entries = await readdir(this.inbox, { withFileTypes: true });
    // Not only regular files: a FIFO, socket or device named *.pack is listed, and the import refuses it with its error, without opening it.
    return entries
      .filter((e) => !e.isDirectory() && PACK_FILE.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  private async run(): Promise<void> {
    let objectsAdded = 0;
    let objectsQuarantined = 0;
    try {
      await this.observeRun(this.snapshot(this.pending));
      this.push();
      const done = join(this.inbox, 'imported');
      await mkdir(done, { recursive: true });
      for (const file of [...this.pending]) {
        const result = await this.importOne(file, done);
        objectsAdded += result.added;
        objectsQuarantined += result.rejected;
        this.results.push(result);
        this.pending = this.pending.filter((f) => f !== file);
        this.current = null;
        this.changed();
        this.push();
      }
    } catch (error) {
      this.results.push({ file: this.inbox, added: 0, present: 0, rejected: 0, rejections: [], error: messageOf(error) });
    } finally {
      this.running = false;
      this.current = null;
      this.pending = [];
      this.changed();
      if (objectsAdded + objectsQuarantined > 0) this.emit('storeChanged', { objectsAdded, objectsQuarantined });
      const ended = await this.status().catch(() => this.snapshot([]));
      await Promise.resolve(this.observeRun(ended)).catch(() => undefined);
      this.emit('importProgress', ended);
    }
  }

  /** Runs `body` when no import or storing of signed statements is writing, and keeps them waiting until it ends (an export reads a consistent store). */
  serialized<T>(body: () => Promise<T>): Promise<T> {
    const run = this.writing.then(body);
    this.writing = run.catch(() => undefined);
    return run;
  }

  /**
   * Stores statements this workstation just signed, verified like any pack. The pack is first
   * written durably to `signed/` (a crash before the import leaves it there, and `recoverSigned`
   * imports it on the next start), then imported and moved to `signed/stored/`. Throws a
   * RefusedError with the store's reason when the store refuses one of them.
   */
  async storeSigned(objects: readonly { readonly kind: PackObjectKind; readonly bytes: Uint8Array; readonly id: string }[]): Promise<void> {
    const folder = join(this.signedFolder, 'pending');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const first = objects[0]!;
    const path = join(folder, `${Date.now()}-${first.kind}-${first.id.slice(0, 16)}.pack`);
    await writePackFile(path, 'sync', objects);
    await syncFile(path);
    await this.importSigned(path);
  }

  /** Imports what a crash left signed but not stored; true when something was. */
  async recoverSigned(): Promise<number> {
    const folder = join(this.signedFolder, 'pending');
    const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => PACK_FILE.test(name)).sort();
    for (const file of files) await this.importSigned(join(folder, file));
    return files.length;
  }

  private get signedFolder(): string {
    return join(dirname(this.inbox), 'signed');
  }

  private async importSigned(path: string): Promise<void> {
    const report = await this.serialized(() => importPack(this.store, path));
    if (report.rejected > 0) throw new RefusedError(`the store refused what was signed: ${report.rejections[0]!.reason}`);
    const stored = join(this.signedFolder, 'stored');
    await mkdir(stored, { recursive: true, mode: 0o700 });
    await rename(path, join(stored, basename(path)));
    this.emit('storeChanged', { objectsAdded: report.added, objectsQuarantined: 0 });
  }

  private async importOne(file: string, done: string): Promise<ImportResultView> {
    const path = join(this.inbox, file);
    try {
      const report = await this.serialized(() =>
        importPack(this.store, path, {
          ...(this.verifier ? { verifier: this.verifier } : {}),
          onProgress: (p) => {
            this.current = progressView(file, p);
            this.changed();
            if (Date.now() - this.lastPushed >= PROGRESS_INTERVAL_MS) this.push();
          },
        }),
      );
      const result: ImportResultView = {
        file,
        added: report.added,
        present: report.present,
        rejected: report.rejected,
        rejections: report.rejections.slice(0, MAX_REJECTIONS_SHOWN).map((r) => ({ id: r.id ?? null, code: r.code, reason: r.reason })),
        error: null,
      };
      return await rename(path, join(done, file)).then(
        () => result,
        (error: unknown) => ({ ...result, error: `imported, but it could not be moved to imported/: ${messageOf(error)}` }),
      );
    } catch (error) {
      return { file, added: 0, present: 0, rejected: 0, rejections: [], error: await this.setAside(file, error) };
    }
  }

  /** A pack that failed entirely is moved aside with its reason, never offered again; a busy store leaves it waiting. */
  private async setAside(file: string, error: unknown): Promise<string> {
    const reason = messageOf(error);
    if (error instanceof ImportError && error.code === 'busy') return reason;
    const path = join(this.inbox, file);
    const pack = await looksLikePack(path);
    const folder = pack ? REJECTED_FOLDER : NOT_PACKS_FOLDER;
    // A folder or FIFO is named as such by the import already.
    const why = pack || (error instanceof ImportError && error.code === 'io') ? reason : `not a pack (it does not start with a pack's index): ${reason}`;
    return moveAside(this.inbox, file, folder, why).then(
      (name) => `${why} — moved to inbox/${folder}/${name}`,
      (moveError: unknown) => `${why} — and it could not be moved to inbox/${folder}/: ${messageOf(moveError)}`,
    );
  }
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof ImportError || error instanceof Error ? error.message : String(error);
}

function progressView(file: string, p: ImportProgress): ImportProgressView {
  return {
    file,
    phase: p.phase,
    objectsDone: p.objectsDone,
    objectsTotal: p.objectsTotal,
    bytesDone: p.bytesDone,
    bytesTotal: p.bytesTotal,
    bytesPerSecond: p.bytesPerSecond,
    secondsLeft: p.secondsLeft ?? null,
  };
}
