import {
  LOOPBACK_EVENTS_PATH,
  loopbackPath,
  type ApiReply,
  type MainEventListeners,
  type MainEventName,
  type MainEvents,
  type OperationName,
  type OperationResult,
  type TrucelineTransport,
  type Unsubscribe,
} from '../../shared/ipc/contract';

/**
 * The Chromium host's transport: calls are POSTs to the loopback server, authenticated by the
 * HttpOnly session cookie the launch link's first load set (the page never sees a secret).
 * Whatever keeps a reply from arriving is answered as an `unavailable` reply, so the page can offer Retry.
 */
export function createLoopbackTransport(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): TrucelineTransport {
  async function call<K extends OperationName>(operation: K, ...args: readonly unknown[]): Promise<ApiReply<OperationResult<K>>> {
    try {
      const response = await fetchImpl(loopbackPath(operation), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      if (response.status === 403) {
        return { ok: false, error: { code: 'forbidden', message: `the workstation service refused this page: ${(await response.text()).split('\n', 1)[0]}` } };
      }
      if (!response.ok) return { ok: false, error: { code: 'unavailable', message: `the workstation service answered ${response.status}` } };
      return (await response.json()) as ApiReply<OperationResult<K>>;
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'the workstation service does not answer; it may have stopped' } };
    }
  }
  // One explicit function per operation, as in the Electron preload.
  return {
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
}

/** The main process's events over one Server-Sent Events stream (the browser reconnects it by itself). */
export function createLoopbackEvents(openStream: () => EventSource = () => new EventSource(LOOPBACK_EVENTS_PATH)): MainEventListeners {
  let stream: EventSource | undefined;
  function on<K extends MainEventName>(event: K, listener: (payload: MainEvents[K]) => void): Unsubscribe {
    stream ??= openStream();
    const source = stream;
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as MainEvents[K]);
    source.addEventListener(event, handler);
    return () => source.removeEventListener(event, handler);
  }
  // One explicit function per event, as in the Electron preload.
  return {
    onStoreChanged: (listener) => on('storeChanged', listener),
    onImportProgress: (listener) => on('importProgress', listener),
    onStoreAudit: (listener) => on('storeAudit', listener),
    onKeyStatus: (listener) => on('keyStatus', listener),
    onWorkstationChanged: (listener) => on('workstationChanged', listener),
    onDeadlinePassed: (listener) => on('deadlinePassed', listener),
    onSyncStatus: (listener) => on('syncStatus', listener),
    onSessionView: (listener) => on('sessionView', listener),
  };
}
