import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannel,
  ipcChannel,
  type ApiReply,
  type MainEventListeners,
  type MainEventName,
  type MainEvents,
  type OperationName,
  type OperationResult,
  type TrucelineTransport,
} from '../../shared/ipc/contract';

/** The reply itself crosses the context bridge (an Error would lose its code); a call that cannot reach the main process is `unavailable`. */
async function call<K extends OperationName>(operation: K, ...args: readonly unknown[]): Promise<ApiReply<OperationResult<K>>> {
  try {
    return (await ipcRenderer.invoke(ipcChannel(operation), ...args)) as ApiReply<OperationResult<K>>;
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'the main process does not answer' } };
  }
}

function on<K extends MainEventName>(event: K, listener: (payload: MainEvents[K]) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: MainEvents[K]) => listener(payload);
  ipcRenderer.on(eventChannel(event), handler);
  return () => ipcRenderer.removeListener(eventChannel(event), handler);
}

// One explicit function per operation and per event; the page never gets a generic invoke or subscribe.
const api: TrucelineTransport = {
  getAppInfo: () => call('getAppInfo'),
  getBasemap: () => call('getBasemap'),
  getCommission: () => call('getCommission'),
  listIncidents: (query) => call('listIncidents', query),
  getIncident: (id) => call('getIncident', id),
  importInbox: () => call('importInbox'),
  getImportStatus: () => call('getImportStatus'),
  auditStore: () => call('auditStore'),
  getStoreAudit: () => call('getStoreAudit'),
  getKeyStatus: () => call('getKeyStatus'),
  unlockKey: (passphrase) => call('unlockKey', passphrase),
  lockKey: () => call('lockKey'),
  getPreferences: () => call('getPreferences'),
  setPreferences: (preferences) => call('setPreferences', preferences),
  switchDelegation: (member) => call('switchDelegation', member),
  getDraft: (incident, round) => call('getDraft', incident, round),
  saveDraft: (draft) => call('saveDraft', draft),
  discardDraft: (incident, round) => call('discardDraft', incident, round),
  commitAssessment: (incident, round) => call('commitAssessment', incident, round),
  revealAssessment: (incident, round) => call('revealAssessment', incident, round),
  showOthersFindings: (incident, round) => call('showOthersFindings', incident, round),
  openReveal: (incident, round, deadlines) => call('openReveal', incident, round, deadlines),
  closeRound: (incident, round) => call('closeRound', incident, round),
  exportCertificate: (incident, round) => call('exportCertificate', incident, round),
  getSyncStatus: () => call('getSyncStatus'),
  connectHub: (settings) => call('connectHub', settings),
  disconnectHub: () => call('disconnectHub'),
  listPeers: () => call('listPeers'),
  exportForPeer: (peer, scope) => call('exportForPeer', peer, scope),
  importPacks: (peer) => call('importPacks', peer),
  openFolder: (folder) => call('openFolder', folder),
  listQuarantine: (offset, limit) => call('listQuarantine', offset, limit),
  clearQuarantine: () => call('clearQuarantine'),
  attachSharedFolder: (path) => call('attachSharedFolder', path),
  detachSharedFolder: () => call('detachSharedFolder'),
  listWorkspaces: () => call('listWorkspaces'),
  inspectRosterPack: (fileBase64) => call('inspectRosterPack', fileBase64),
  joinCommission: (fileBase64, rosterId, member) => call('joinCommission', fileBase64, rosterId, member),
  useWorkspace: (id) => call('useWorkspace', id),
  generateKey: (passphrase) => call('generateKey', passphrase),
  importKeyFile: (fileBase64, passphrase) => call('importKeyFile', fileBase64, passphrase),
  getSessionView: () => call('getSessionView'),
  setAgenda: (items) => call('setAgenda', items),
  stepAgenda: (index) => call('stepAgenda', index),
  setSessionScreen: (mode) => call('setSessionScreen', mode),
  mirrorPlayback: (playback) => call('mirrorPlayback', playback),
};

const events: MainEventListeners = {
  onStoreChanged: (listener) => on('storeChanged', listener),
  onImportProgress: (listener) => on('importProgress', listener),
  onStoreAudit: (listener) => on('storeAudit', listener),
  onKeyStatus: (listener) => on('keyStatus', listener),
  onWorkstationChanged: (listener) => on('workstationChanged', listener),
  onDeadlinePassed: (listener) => on('deadlinePassed', listener),
  onSyncStatus: (listener) => on('syncStatus', listener),
  onSessionView: (listener) => on('sessionView', listener),
};

contextBridge.exposeInMainWorld('truceline', api);
contextBridge.exposeInMainWorld('trucelineEvents', events);
