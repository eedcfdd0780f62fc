// Entry of a store worker thread (dist/main/store-worker.js): opens its role's part of the store,
// then answers the main thread's requests until asked to close.
import { parentPort, workerData } from 'node:worker_threads';
import { eventEmitterOf, serveServices } from './service-server';
import { runThisThreadInBackground } from './thread-priority';
import { openReaderRole, openWriterRole, type OpenedRole, type StoreWorkerOptions } from './store-roles';
import { wireErrorOf, type ClosedMessage, type MessageEndpoint, type ReadyMessage } from './worker-protocol';

export type StoreWorkerRole = 'writer' | 'reader';

export interface StoreWorkerData extends StoreWorkerOptions {
  readonly role: StoreWorkerRole;
}

/** Errors without a code of their own, by class name. */
const CODE_OF_NAME = { StoreError: 'unavailable', SqliteError: 'internal' } as const;

async function main(port: MessageEndpoint, data: StoreWorkerData): Promise<void> {
  // The writer's imports, sync and signing can wait for the reader, which answers the window.
  if (data.role === 'writer') runThisThreadInBackground();
  const emit = eventEmitterOf(port);
  let opened: OpenedRole<object>;
  try {
    opened = data.role === 'writer' ? await openWriterRole(data, emit, (line) => emit('log', line)) : openReaderRole(data, emit);
  } catch (error) {
    port.postMessage({ type: 'ready', ok: false, error: wireErrorOf(error, CODE_OF_NAME) } satisfies ReadyMessage);
    return;
  }
  const stop = serveServices(port, opened.services as Readonly<Record<string, object>>, CODE_OF_NAME);
  port.on('message', (message) => {
    if ((message as { type?: unknown }).type !== 'close') return;
    stop();
    opened.close();
    port.postMessage({ type: 'closed' } satisfies ClosedMessage);
  });
  port.postMessage({ type: 'ready', ok: true } satisfies ReadyMessage);
}

if (parentPort) void main(parentPort, workerData as StoreWorkerData);
