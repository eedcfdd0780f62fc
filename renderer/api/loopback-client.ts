import {
  LOOPBACK_SECRET_HEADER,
  loopbackPath,
  unwrapReply,
  type OperationName,
  type OperationResult,
  type TrucelineApi,
} from '../../shared/ipc/contract';

const SECRET_STORAGE_KEY = 'truceline.loopback-secret';

/**
 * The launch secret arrives in the URL fragment (never sent over HTTP); it is moved to session
 * storage and removed from the address bar so that a reload keeps working.
 */
export function takeLaunchSecret(location: Location, storage: Storage, history: History): string | undefined {
  const match = /(?:^#|&)secret=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(SECRET_STORAGE_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(SECRET_STORAGE_KEY) ?? undefined;
}

export function createLoopbackClient(secret: string): TrucelineApi {
  async function call<K extends OperationName>(operation: K, ...args: readonly unknown[]) {
    const response = await fetch(loopbackPath(operation), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOOPBACK_SECRET_HEADER]: secret },
      body: JSON.stringify(args),
    });
    if (!response.ok) throw new Error(`${operation}: the local service answered ${response.status} ${await response.text()}`);
    return unwrapReply<OperationResult<K>>(operation, await response.json());
  }
  // One explicit function per operation, as in the Electron preload.
  return {
    getAppInfo: () => call('getAppInfo'),
    getBasemap: () => call('getBasemap'),
    getCommission: () => call('getCommission'),
    listIncidents: () => call('listIncidents'),
    getIncident: (id) => call('getIncident', id),
    importInbox: () => call('importInbox'),
    getImportStatus: () => call('getImportStatus'),
  };
}
