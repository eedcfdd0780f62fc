import type { Basemap } from '../basemap/types';
import type { CommissionView, ImportStatus, IncidentDetail, IncidentSummary } from '../commission/views';
import type { ObjectId } from '../objects/types';
import { expectNoArguments, expectObjectId } from './validate';

export { ApiError, unwrapReply, type ApiErrorCode, type ApiReply } from './errors';

export type HostKind = 'electron' | 'chromium';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: HostKind;
  /** True only when the app was started for end-to-end tests; enables the test event hook. */
  readonly testMode: boolean;
}

/**
 * The one map of operations the renderer may ask of the main process. The main-side handlers,
 * the preload bridge and the loopback client are all typed from it, so a renamed or missing
 * operation fails to compile everywhere.
 */
export interface ApiOperations {
  getAppInfo: { args: readonly []; result: AppInfo };
  getBasemap: { args: readonly []; result: Basemap };
  getCommission: { args: readonly []; result: CommissionView };
  listIncidents: { args: readonly []; result: readonly IncidentSummary[] };
  getIncident: { args: readonly [id: ObjectId]; result: IncidentDetail };
  /** Starts importing every pack waiting in the inbox folder (the renderer never names a path). */
  importInbox: { args: readonly []; result: ImportStatus };
  getImportStatus: { args: readonly []; result: ImportStatus };
}

export type OperationName = keyof ApiOperations;
export type OperationArgs<K extends OperationName> = ApiOperations[K]['args'];
export type OperationResult<K extends OperationName> = ApiOperations[K]['result'];

export type TrucelineApi = {
  readonly [K in OperationName]: (...args: OperationArgs<K>) => Promise<OperationResult<K>>;
};

/** Run-time validation of the arguments the untrusted renderer sends, one validator per operation. */
export const ARGUMENT_VALIDATORS: { readonly [K in OperationName]: (raw: readonly unknown[]) => OperationArgs<K> } = {
  getAppInfo: expectNoArguments,
  getBasemap: expectNoArguments,
  getCommission: expectNoArguments,
  listIncidents: expectNoArguments,
  getIncident: (raw) => [expectObjectId(raw, 'incident id')],
  importInbox: expectNoArguments,
  getImportStatus: expectNoArguments,
};

export const OPERATION_NAMES = Object.keys(ARGUMENT_VALIDATORS) as readonly OperationName[];

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ARGUMENT_VALIDATORS, value);
}

/** Electron IPC channel of an operation. */
export function ipcChannel(operation: OperationName): string {
  return `truceline:${operation}`;
}

/** Loopback HTTP path of an operation (the Chromium host). */
export function loopbackPath(operation: OperationName): string {
  return `/api/${operation}`;
}

export const LOOPBACK_SECRET_HEADER = 'x-truceline-secret';
