import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/ipc/errors';
import { createApiHandlers, type AppServices, type HostContext } from '../../../main/api/handlers';

const context: HostContext = { host: 'chromium', resourcesDir: '/nonexistent', version: 'test', testMode: true };

function handlers(chooseFolder?: HostContext['chooseFolder']) {
  const attached: string[] = [];
  const services = {
    sharedFolder: {
      attach: async (path: string) => {
        attached.push(path);
        return { id: 'folder:1', kind: 'shared-folder', label: 'Commission', state: 'syncing', lastExchange: null, waitingOut: 0, received: 0, quarantined: 0, error: null };
      },
      detach: async () => null,
    },
  } as unknown as AppServices;
  return { api: createApiHandlers({ ...context, ...(chooseFolder ? { chooseFolder } : {}) }, services), attached };
}

describe('attaching a shared folder through the API', () => {
  it('takes the typed path where the host has no folder dialog, and asks for one otherwise', async () => {
    const { api, attached } = handlers();
    expect(await api.attachSharedFolder('/srv/Commission')).toMatchObject({ kind: 'shared-folder', label: 'Commission' });
    const refused = await api.attachSharedFolder(null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('refused');
    expect(attached).toEqual(['/srv/Commission']);
  });

  it('attaches the folder chosen in the native dialog, and nothing when the user cancels it', async () => {
    const choices = ['/home/fra/Sync/Commission', null];
    const { api, attached } = handlers(async () => choices.shift() ?? null);
    expect(await api.attachSharedFolder(null)).toMatchObject({ label: 'Commission' });
    expect(await api.attachSharedFolder(null)).toBeNull();
    expect(attached).toEqual(['/home/fra/Sync/Commission']);
  });
});
