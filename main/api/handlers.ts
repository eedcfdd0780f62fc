import { join } from 'node:path';
import type { AppInfo, HostKind, TrucelineApi } from '../../shared/ipc/contract';
import type { Basemap } from '../../shared/basemap/types';
import { loadBasemap } from '../services/basemap-service';

export interface HostContext {
  readonly host: HostKind;
  readonly resourcesDir: string;
  readonly version: string;
  readonly testMode: boolean;
}

/** The main-process side of every operation; both hosts (Electron, Chromium) serve exactly these. */
export function createApiHandlers(context: HostContext): TrucelineApi {
  let basemap: Promise<Basemap> | undefined;
  const info: AppInfo = { name: 'Truceline', version: context.version, host: context.host, testMode: context.testMode };
  return {
    getAppInfo: async () => info,
    getBasemap: () => (basemap ??= loadBasemap(join(context.resourcesDir, 'basemap'))),
  };
}
