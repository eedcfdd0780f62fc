import type { TrucelineApi } from '../../shared/ipc/contract';
import { createLoopbackClient, takeLaunchSecret } from './loopback-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the Chromium host. */
    readonly truceline?: TrucelineApi;
  }
}

/** The typed API of the main process, through whichever host serves this page. */
export function connectApi(): TrucelineApi {
  if (window.truceline) return window.truceline;
  const secret = takeLaunchSecret(window.location, window.sessionStorage, window.history);
  if (!secret) throw new Error('This page was opened without its launch secret: start Truceline with `npm start` and use the address it prints.');
  return createLoopbackClient(secret);
}
