import { join } from 'node:path';
import type { AppInfo, HostKind, TrucelineApi } from '../../shared/ipc/contract';
import type { Basemap } from '../../shared/basemap/types';
import { loadBasemap } from '../services/basemap-service';
import type { CommissionService } from '../services/commission-service';
import type { ImportService } from '../services/import-service';

export interface HostContext {
  readonly host: HostKind;
  readonly resourcesDir: string;
  readonly version: string;
  readonly testMode: boolean;
}

export interface AppServices {
  readonly commission: CommissionService;
  readonly imports: ImportService;
}

/** The main-process side of every operation; both hosts (Electron, Chromium) serve exactly these. */
export function createApiHandlers(context: HostContext, services: AppServices): TrucelineApi {
  let basemap: Promise<Basemap> | undefined;
  const info: AppInfo = { name: 'Truceline', version: context.version, host: context.host, testMode: context.testMode };
  return {
    getAppInfo: async () => info,
    getBasemap: () => (basemap ??= loadBasemap(join(context.resourcesDir, 'basemap'))),
    getCommission: () => services.commission.commission(),
    listIncidents: () => services.commission.incidents(),
    getIncident: (id) => services.commission.incident(id),
    importInbox: () => services.imports.start(),
    getImportStatus: () => services.imports.status(),
  };
}
