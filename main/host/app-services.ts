import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppServices } from '../api/handlers';
import type { EvidenceService } from '../services/evidence-service';
import { MainEventHub, type MainEventListener } from '../services/main-events';
import { migrateLegacyLayout } from '../workspaces/workspace-layout';
import { WorkspaceService } from '../workspaces/workspace-service';
import { WorkspaceWorkers } from './workspace-workers';
import { SessionService } from '../session/session-service';
import type { Remote } from '../worker/worker-protocol';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly log: (line: string) => void;
}

export interface OpenedServices extends AppServices {
  readonly dataDir: string;
  /** The current commission's own folder (its store, inbox, settings, keys); it changes when the user switches commission. */
  workspaceDir(): string;
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

/**
 * Opens the workstation's store and services, off this thread: the store, imports and
 * verification run in the store's workers (main/worker/), and this thread, which serves the window,
 * holds only stand-ins that forward to them. The workers run on the current commission's own folder
 * (main/workspaces/); a data folder of the old layout moves into one first. On first start the demo
 * commission is written and imported like any commission's packs: verified object by object.
 */
export async function openAppServices(options: AppServicesOptions): Promise<OpenedServices> {
  await migrateLegacyLayout(options.dataDir);
  const events = new MainEventHub();
  const workers = new WorkspaceWorkers(options, events);
  const workspaces = new WorkspaceService(options.dataDir, workers);
  await workers.start(workspaces.currentId(), workspaces.currentFolder());
  const commission = workers.service('commission');
  const session = new SessionService(
    commission,
    () => workspaces.currentFolder(),
    (view) => events.emit('sessionView', view),
  );
  events.subscribe((event) => {
    if (event === 'storeChanged' || event === 'deadlinePassed' || event === 'workstationChanged') session.refresh().catch(() => undefined);
  });
  return {
    dataDir: options.dataDir,
    workspaceDir: () => workspaces.currentFolder(),
    events,
    commission,
    imports: workers.service('imports'),
    rounds: workers.service('rounds'),
    sync: workers.service('sync'),
    hub: workers.service('hub'),
    peers: workers.service('peers'),
    sharedFolder: workers.service('sharedFolder'),
    audit: workers.service('audit'),
    evidence: workers.service('evidence'),
    workspaces,
    session,
    close: () => workers.close(),
  };
}
