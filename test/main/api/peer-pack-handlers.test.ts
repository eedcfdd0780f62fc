import { describe, expect, it } from 'vitest';
import { createApiHandlers, type AppServices } from '../../../main/api/handlers';
import type { DesktopShell, SaveChoice } from '../../../main/host/desktop-shell';
import { xdgOpenShell } from '../../../main/host/xdg-open-shell';

/** The peer pack service as the handlers see it, recording each call. */
function fakeServices() {
  const calls: unknown[][] = [];
  const record =
    (name: string, result: unknown = name) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return result;
    };
  const services = {
    peers: {
      importInbox: record('importInbox'),
      importFiles: record('importFiles'),
      exportForPeer: record('exportForPeer'),
      openableFolder: record('openableFolder', '/data/commissions/demo/outbox'),
    },
    imports: { status: record('status') },
  } as unknown as AppServices;
  return { services, calls };
}

function shell(files: readonly string[] | null, save: SaveChoice, opened: string | null = null): DesktopShell {
  return { choosePackFiles: async () => files, chooseSavePath: async () => save, openFolder: async () => opened };
}

const context = { host: 'electron' as const, resourcesDir: '/nowhere', version: 'test', testMode: true };

describe('peer packs through the host’s desktop', () => {
  it('imports the files chosen in a native dialog, the inbox where the host has none, and nothing when the dialog is cancelled', async () => {
    const { services, calls } = fakeServices();
    await createApiHandlers({ ...context, shell: shell(['/media/stick/gbr.pack'], { kind: 'no-dialog' }) }, services).importPacks('GBR field laptop');
    await createApiHandlers({ ...context, shell: shell(null, { kind: 'no-dialog' }) }, services).importPacks(null);
    await createApiHandlers({ ...context, shell: shell([], { kind: 'no-dialog' }) }, services).importPacks(null);
    expect(calls).toEqual([['importFiles', ['/media/stick/gbr.pack'], 'GBR field laptop'], ['importInbox', null], ['status']]);
  });

  it('exports to the outbox, also where the user chose to save it, and not at all when the save dialog is cancelled', async () => {
    const { services, calls } = fakeServices();
    expect(await createApiHandlers({ ...context, shell: shell(null, { kind: 'cancelled' }) }, services).exportForPeer('GBR', 'since-last')).toBeNull();
    await createApiHandlers({ ...context, shell: shell(null, { kind: 'chosen', path: '/media/stick/for-gbr.pack' }) }, services).exportForPeer('GBR', 'everything');
    await createApiHandlers(context, services).exportForPeer('GBR', 'since-last');
    expect(calls).toEqual([
      ['exportForPeer', 'GBR', 'everything', '/media/stick/for-gbr.pack'],
      ['exportForPeer', 'GBR', 'since-last', undefined],
    ]);
  });

  it('says in one line, with the path, when a folder cannot be opened', async () => {
    const { services } = fakeServices();
    expect(await createApiHandlers({ ...context, shell: shell(null, { kind: 'no-dialog' }) }, services).openFolder('outbox')).toEqual({
      opened: true,
      path: '/data/commissions/demo/outbox',
      message: null,
    });
    const missing = await createApiHandlers({ ...context, shell: xdgOpenShell('linux', '/nonexistent-bin') }, services).openFolder('outbox');
    expect(missing).toEqual({
      opened: false,
      path: '/data/commissions/demo/outbox',
      message: 'xdg-open is not installed, so the folder cannot be opened from here: open /data/commissions/demo/outbox in your file manager',
    });
    expect((await createApiHandlers(context, services).openFolder('inbox')).message).toMatch(/open \/data\/commissions\/demo\/outbox in your file manager$/);
  });
});
