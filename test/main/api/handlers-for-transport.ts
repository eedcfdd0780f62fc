import { BusyError, NotFoundError, OPERATION_NAMES, RefusedError, UnavailableError, type AppInfo, type TrucelineApi } from '../../../shared/ipc/contract';

/**
 * Handlers for testing how calls travel (dispatch, the loopback server): getAppInfo answers, the
 * others fail as a service would: with a typed error (a code) or a plain one (internal).
 */
export function handlersForTransport(info: AppInfo): TrucelineApi {
  const refusing = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      async () => {
        throw new RefusedError(`${name} is refused in this test`);
      },
    ]),
  ) as unknown as TrucelineApi;
  return {
    ...refusing,
    getAppInfo: async () => info,
    getBasemap: async () => {
      throw new Error('resources/basemap is missing');
    },
    getCommission: async () => {
      throw new UnavailableError('no commission roster is installed yet');
    },
    listIncidents: async () => {
      throw new Error('the queue is not available in this test');
    },
    getIncident: async (id) => {
      throw new NotFoundError(`no incident ${id}`);
    },
    importInbox: async () => {
      throw new BusyError('an import is running already');
    },
    getImportStatus: async () => {
      throw new UnavailableError('the inbox is not available in this test');
    },
    auditStore: async () => {
      throw new BusyError('an audit of the store is running already');
    },
    getStoreAudit: async () => {
      throw new UnavailableError('the store is not available in this test');
    },
  };
}
