import { Worker } from 'node:worker_threads';
import { ApiError, isApiErrorCode } from '../../shared/ipc/errors';
import { ServiceClient, type EventListener } from './service-client';
import type { ReaderServices, StoreServices, StoreWorkerOptions, WriterServices } from './store-roles';
import type { StoreWorkerData, StoreWorkerRole } from './store-worker';
import type { FromWorker, Remote, WireError } from './worker-protocol';
import { workerScript } from './worker-script';

/** How long a worker may take to close its connections before it is stopped regardless. */
const CLOSE_GRACE_MS = 5_000;

export interface StoreWorkersOptions extends StoreWorkerOptions {
  /** Lines the workers say while they open (installing the demo). */
  readonly log: (line: string) => void;
}

/** The store's services as the thread that serves the window holds them: typed clients of the two workers. */
export type RemoteStoreServices = { readonly [S in keyof StoreServices]: Remote<StoreServices[S]> };

export interface StoreWorkers extends RemoteStoreServices {
  /** Events the workers emit (import progress, store changed), by name. */
  onEvent(listener: EventListener): () => void;
  /** Asks both workers to close their connections, then stops them. */
  close(): Promise<void>;
}

interface StartedWorker<Services> {
  readonly role: StoreWorkerRole;
  readonly worker: Worker;
  readonly client: ServiceClient<Services>;
  readonly ready: Promise<void>;
}

/**
 * Starts the store's writer worker (which creates the store, installing the demo on first start),
 * then its reader worker, and resolves once both answer requests.
 */
export async function startStoreWorkers(options: StoreWorkersOptions): Promise<StoreWorkers> {
  const { log, ...data } = options;
  const writer = startWorker<WriterServices>('writer', data);
  const stopLog = writer.client.onEvent((name, payload) => {
    if (name === 'log') log(String(payload));
  });
  try {
    await writer.ready;
  } catch (error) {
    await writer.worker.terminate();
    throw error;
  }
  const reader = startWorker<ReaderServices>('reader', data);
  try {
    await reader.ready;
  } catch (error) {
    await Promise.all([stopWorker(writer), reader.worker.terminate()]);
    throw error;
  }
  stopLog();
  return {
    imports: writer.client.remote('imports'),
    rounds: writer.client.remote('rounds'),
    sync: writer.client.remote('sync'),
    hub: writer.client.remote('hub'),
    peers: writer.client.remote('peers'),
    sharedFolder: writer.client.remote('sharedFolder'),
    commission: reader.client.remote('commission'),
    audit: reader.client.remote('audit'),
    evidence: reader.client.remote('evidence'),
    onEvent: (listener) => {
      const stops = [writer.client.onEvent(listener), reader.client.onEvent(listener)];
      return () => stops.forEach((stop) => stop());
    },
    close: async () => {
      await Promise.all([stopWorker(reader), stopWorker(writer)]);
    },
  };
}

function startWorker<Services>(role: StoreWorkerRole, options: StoreWorkerOptions): StartedWorker<Services> {
  const { script, workerOptions } = workerScript('store-worker');
  const worker = new Worker(script, { ...workerOptions, workerData: { ...options, role } satisfies StoreWorkerData });
  const client = new ServiceClient<Services>(worker, apiErrorOf);
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type !== 'ready') return;
      worker.off('message', onMessage);
      if (message.ok) resolve();
      else reject(new Error(message.error.message));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the store ${role} stopped while opening (exit code ${code})`)));
  });
  worker.on('error', (error) => client.fail(new ApiError('unavailable', `the store ${role} stopped: ${error.message}`)));
  worker.on('exit', () => client.fail(new ApiError('unavailable', `the store ${role} is closed`)));
  return { role, worker, client, ready };
}

async function stopWorker(started: StartedWorker<unknown>): Promise<void> {
  const { worker } = started;
  const closed = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CLOSE_GRACE_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'closed') done();
    });
    worker.once('exit', done);
  });
  try {
    worker.postMessage({ type: 'close' });
  } catch {
    // Already gone.
  }
  await closed;
  await worker.terminate();
}

/** An error from a worker as the API carries it: its code when the API has that code, else internal. */
function apiErrorOf(error: WireError): Error {
  return new ApiError(isApiErrorCode(error.code) ? error.code : 'internal', error.message);
}
