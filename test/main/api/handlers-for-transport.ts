import type { AppInfo, TrucelineApi } from '../../../shared/ipc/contract';

/**
 * Handlers for testing how calls travel (dispatch, the loopback server): getAppInfo answers,
 * the others fail with a message that names them, as a service would when its data is missing.
 */
export function handlersForTransport(info: AppInfo): TrucelineApi {
  const unavailable = (what: string) => async () => {
    throw new Error(`${what} is not available in this test`);
  };
  return {
    getAppInfo: async () => info,
    getBasemap: async () => {
      throw new Error('resources/basemap is missing');
    },
    getCommission: unavailable('the commission'),
    listIncidents: async () => [],
    getIncident: async (id) => {
      throw new Error(`no incident ${id}`);
    },
    importInbox: unavailable('the inbox'),
    getImportStatus: unavailable('the inbox'),
  };
}
