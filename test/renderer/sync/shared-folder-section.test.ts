import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TrucelineApi } from '../../../shared/ipc/contract';
import type { SyncOverview } from '../../../shared/sync/sync-status';
import { SharedFolderSection } from '../../../renderer/sync/SharedFolderSection';

const api = {} as TrucelineApi;
const attached: SyncOverview = {
  revision: 3,
  targets: [{ id: 'folder:1', kind: 'shared-folder', label: 'Commission', state: 'idle', lastExchange: null, waitingOut: 0, received: 4, quarantined: 0, error: null }],
};

const render = (host: 'electron' | 'chromium', overview: SyncOverview | undefined) => renderToStaticMarkup(createElement(SharedFolderSection, { api, host, overview }));

describe('the shared folder section', () => {
  it('asks for a typed full path on the Chromium host, and for the native dialog on Electron', () => {
    const chromium = render('chromium', { revision: 1, targets: [] });
    expect(chromium).toContain('No shared folder is attached.');
    expect(chromium).toContain('data-testid="shared-folder-path"');
    const electron = render('electron', { revision: 1, targets: [] });
    expect(electron).not.toContain('data-testid="shared-folder-path"');
    expect(electron).toContain('Attach a folder…');
  });

  it('names the attached folder by its name only, with Detach', () => {
    const markup = render('chromium', attached);
    expect(markup).toContain('Attached: <strong>Commission</strong>');
    expect(markup).toContain('data-testid="shared-folder-detach"');
    expect(render('electron', attached)).toContain('Attach another folder…');
  });
});
