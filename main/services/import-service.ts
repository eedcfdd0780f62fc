import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportProgressView, ImportResultView, ImportStatus } from '../../shared/commission/views';
import { ImportError, importPack } from '../store/import-pack';
import type { ImportProgress } from '../store/import-progress';
import type { Store } from '../store/store';

const PACK_FILE = /\.pack$/;
const MAX_REJECTIONS_SHOWN = 50;

/**
 * Imports the packs someone copied into the workstation's inbox folder (from a USB stick, or a
 * folder a sync engine fills), one after another, each verified object by object into the store.
 * A pack that was read is moved to `inbox/imported/` (its rejected objects are in the quarantine);
 * one that could not be read stays where it is, with its error.
 */
export class ImportService {
  private running = false;
  private current: ImportProgressView | null = null;
  private results: ImportResultView[] = [];

  constructor(
    private readonly store: Store,
    readonly inbox: string,
  ) {}

  async status(): Promise<ImportStatus> {
    return { inbox: this.inbox, waiting: await this.waiting(), running: this.running, current: this.current, results: this.results };
  }

  /** Starts a run over the inbox and returns at once; progress is read with status(). */
  async start(): Promise<ImportStatus> {
    if (!this.running) {
      this.running = true;
      this.results = [];
      void this.run().finally(() => {
        this.running = false;
        this.current = null;
      });
    }
    return this.status();
  }

  private async waiting(): Promise<string[]> {
    await mkdir(this.inbox, { recursive: true });
    const entries = await readdir(this.inbox, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && PACK_FILE.test(e.name)).map((e) => e.name).sort();
  }

  private async run(): Promise<void> {
    const done = join(this.inbox, 'imported');
    await mkdir(done, { recursive: true });
    for (const file of await this.waiting()) {
      const path = join(this.inbox, file);
      try {
        const report = await importPack(this.store, path, { onProgress: (p) => (this.current = progressView(file, p)) });
        this.results.push({
          file,
          added: report.added,
          present: report.present,
          rejected: report.rejected,
          rejections: report.rejections.slice(0, MAX_REJECTIONS_SHOWN).map((r) => ({ id: r.id ?? null, code: r.code, reason: r.reason })),
          error: null,
        });
        await rename(path, join(done, file));
      } catch (error) {
        const message = error instanceof ImportError || error instanceof Error ? error.message : String(error);
        this.results.push({ file, added: 0, present: 0, rejected: 0, rejections: [], error: message });
      }
    }
  }
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
