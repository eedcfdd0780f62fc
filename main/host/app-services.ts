import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MainEventName, MainEvents } from '../../shared/ipc/contract';
import { MAIN_EVENT_NAMES } from '../../shared/ipc/contract';
import type { AppServices } from '../api/handlers';
import type { EvidenceService } from '../services/evidence-service';
import { MainEventHub, type MainEventListener } from '../services/main-events';
import { startStoreWorkers } from '../worker/store-worker-host';
import type { Remote } from '../worker/worker-protocol';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly log: (line: string) => void;
}

export interface OpenedServices extends AppServices {
  readonly dataDir: string;
  /** The services' events for the renderer; each host delivers them its own way. */
  readonly events: { subscribe(listener: MainEventListener): () => void };
  /** Verified evidence chunks as binary, for each host's evidence route (never the JSON API). */
  readonly evidence: Remote<EvidenceService>;
  /** Closes the store's connections and stops its workers. */
  close(): Promise<void>;
}

/** Where the Chromium host keeps its data (Electron uses app.getPath('userData')). */
export function defaultDataDir(): string {
  if (process.env['TRUCELINE_DATA_DIR']) return process.env['TRUCELINE_DATA_DIR'];
  const base = process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'truceline');
}

const isMainEventName = (name: string): name is MainEventName => (MAIN_EVENT_NAMES as readonly string[]).includes(name);

/**
 * Opens the workstation's store and services, off this thread: the store, imports and
 * verification run in the store's workers (main/worker/), and this thread, which serves the window,
 * holds only their typed clients. On first start with an empty store the demo commission is written
 * and imported like any commission's packs: verified object by object.
 */
export async function openAppServices(options: AppServicesOptions): Promise<OpenedServices> {
  const workers = await startStoreWorkers(options);
  const events = new MainEventHub();
  workers.onEvent((name, payload) => {
    if (isMainEventName(name)) events.emit(name, payload as MainEvents[typeof name]);
  });
  return {
    dataDir: options.dataDir,
    events,
    commission: workers.commission,
    imports: workers.imports,
    rounds: workers.rounds,
    audit: workers.audit,
    evidence: workers.evidence,
    close: () => workers.close(),
  };
}
