import type { WorkspaceId } from '../../shared/commission/workspaces';
import type { MainEventName, MainEvents } from '../../shared/ipc/contract';
import { MAIN_EVENT_NAMES } from '../../shared/ipc/contract';
import { UnavailableError } from '../../shared/ipc/errors';
import type { MainEventHub } from '../services/main-events';
import type { WorkspaceHost } from '../workspaces/workspace-service';
import { startStoreWorkers, type RemoteStoreServices, type StoreWorkers } from '../worker/store-worker-host';

const isMainEventName = (name: string): name is MainEventName => (MAIN_EVENT_NAMES as readonly string[]).includes(name);

interface Pending {
  readonly workers: Promise<StoreWorkers>;
  resolve(workers: StoreWorkers): void;
  reject(error: Error): void;
}

function pending(): Pending {
  let resolve!: (workers: StoreWorkers) => void;
  let reject!: (error: Error) => void;
  const workers = new Promise<StoreWorkers>((res, rej) => ((resolve = res), (reject = rej)));
  // A switch may fail before anyone asked for the workers.
  workers.catch(() => undefined);
  return { workers, resolve, reject };
}

/**
 * The store's workers of the current workspace, as the API handlers hold them: each service is a
 * stand-in that forwards every call to the workers running now, and a call made while the
 * workspace switches waits for the new workers. Events of the current workers go to the hub; a
 * stopped workspace's never do.
 */
export class WorkspaceWorkers implements WorkspaceHost {
  private current: Pending = pending();
  private running: { readonly workers: StoreWorkers; readonly stopEvents: () => void } | undefined;

  constructor(
    private readonly options: { readonly resourcesDir: string; readonly log: (line: string) => void },
    private readonly hub: MainEventHub,
  ) {}

  readonly emit: WorkspaceHost['emit'] = (event, payload) => this.hub.emit(event, payload);

  async start(id: WorkspaceId, folder: string): Promise<void> {
    let workers: StoreWorkers;
    try {
      workers = await startStoreWorkers({ dataDir: folder, resourcesDir: this.options.resourcesDir, log: this.options.log, installDemo: id === 'demo' });
    } catch (error) {
      const failed = this.current;
      this.current = pending();
      failed.reject(new UnavailableError(`the commission's store cannot be opened: ${error instanceof Error ? error.message : String(error)}`));
      throw error;
    }
    const stopEvents = workers.onEvent((name, payload) => {
      if (isMainEventName(name)) this.hub.emit(name, payload as MainEvents[typeof name]);
    });
    this.running = { workers, stopEvents };
    this.current.resolve(workers);
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    this.current = pending();
    if (!running) return;
    running.stopEvents();
    await running.workers.close();
  }

  /** Stops for good: calls after this are refused as unavailable, never left waiting. */
  async close(): Promise<void> {
    await this.stop();
    this.current.reject(new UnavailableError('the workstation\u2019s services are closed'));
  }

  /** Forwards each call of a service to the current workers' client of that service. */
  service<S extends keyof RemoteStoreServices>(name: S): RemoteStoreServices[S] {
    return new Proxy({} as RemoteStoreServices[S], {
      get: (_target, method) => {
        // Not a thenable: awaiting the stand-in itself must not call a worker.
        if (typeof method !== 'string' || method === 'then') return undefined;
        return async (...args: unknown[]) => {
          const workers = this.running?.workers ?? (await this.current.workers);
          const remote = workers[name] as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          return remote[method]!(...args);
        };
      },
    });
  }
}
