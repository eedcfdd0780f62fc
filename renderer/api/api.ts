import { OPERATION_NAMES, unwrapReply, type MainEventListeners, type OperationName, type TrucelineApi, type TrucelineTransport } from '../../shared/ipc/contract';
import { createLoopbackEvents, createLoopbackTransport } from './loopback-client';
import { LostBackendGuard } from './lost-backend';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the Chromium host. */
    readonly truceline?: TrucelineTransport;
    /** Set by the Electron preload; absent in the Chromium host. */
    readonly trucelineEvents?: MainEventListeners;
  }
}

/** The main process as the page sees it, through whichever host serves this page. */
export interface Backend {
  /** The typed API; a call that finds the backend lost waits for `connection.retry()`. */
  readonly api: TrucelineApi;
  readonly events: MainEventListeners;
  readonly connection: LostBackendGuard;
}

export function connectBackend(): Backend {
  const connection = new LostBackendGuard();
  const api = connection.guard(unwrapped(window.truceline ?? createLoopbackTransport()));
  return { api, events: window.trucelineEvents ?? createLoopbackEvents(), connection };
}

/** Replies turned back into values or ApiErrors with their codes. */
export function unwrapped(transport: TrucelineTransport): TrucelineApi {
  const api: Partial<Record<OperationName, (...args: readonly unknown[]) => Promise<unknown>>> = {};
  for (const operation of OPERATION_NAMES) {
    const call = transport[operation] as (...args: readonly unknown[]) => Promise<unknown>;
    api[operation] = async (...args) => unwrapReply(operation, await call(...args));
  }
  return api as unknown as TrucelineApi;
}
