import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, unwrapReply, type OperationName, type OperationResult, type TrucelineApi } from '../../shared/ipc/contract';

async function call<K extends OperationName>(operation: K, ...args: readonly unknown[]) {
  return unwrapReply<OperationResult<K>>(operation, await ipcRenderer.invoke(ipcChannel(operation), ...args));
}

// One explicit function per operation; the page never gets a generic invoke.
const api: TrucelineApi = {
  getAppInfo: () => call('getAppInfo'),
  getBasemap: () => call('getBasemap'),
  getCommission: () => call('getCommission'),
  listIncidents: () => call('listIncidents'),
  getIncident: (id) => call('getIncident', id),
  importInbox: () => call('importInbox'),
  getImportStatus: () => call('getImportStatus'),
};

contextBridge.exposeInMainWorld('truceline', api);
