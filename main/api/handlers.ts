import { join } from 'node:path';
import type { AppInfo, HostKind, TrucelineApi } from '../../shared/ipc/contract';
import type { Basemap } from '../../shared/basemap/types';
import { loadBasemap } from '../services/basemap-service';
import type { CommissionService } from '../services/commission-service';
import type { ImportService } from '../services/import-service';
import type { AuditService } from '../services/audit-service';
import type { Remote } from '../worker/worker-protocol';

export interface HostContext {
  readonly host: HostKind;
  readonly resourcesDir: string;
  readonly version: string;
  readonly testMode: boolean;
}

/** The services as this thread holds them: typed clients of the store's workers (or the services themselves, in tests). */
export interface AppServices {
  readonly commission: Remote<CommissionService>;
  readonly imports: Remote<ImportService>;
  readonly audit: Remote<AuditService>;
}

/** The main-process side of every operation; both hosts (Electron, Chromium) serve exactly these. */
export function createApiHandlers(context: HostContext, services: AppServices): TrucelineApi {
  let basemap: Promise<Basemap> | undefined;
  const info: AppInfo = { name: 'Truceline', version: context.version, host: context.host, testMode: context.testMode };
  return {
    getAppInfo: async () => info,
    getBasemap: () => (basemap ??= loadBasemap(join(context.resourcesDir, 'basemap'))),
    getCommission: () => services.commission.commission(),
    listIncidents: (query) => services.commission.listIncidents(query),
    getIncident: (id) => services.commission.incident(id),
    importInbox: () => services.imports.start(),
    getImportStatus: () => services.imports.status(),
    auditStore: () => services.audit.start(),
    getStoreAudit: () => services.audit.status(),
  };
}
