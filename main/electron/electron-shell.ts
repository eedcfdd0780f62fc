import { app, BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import type { DesktopShell } from '../host/desktop-shell';

/** Electron's native dialogs, attached to the app's window, and the desktop's file manager; the paths stay in main. */
export const electronShell: DesktopShell = {
  choosePackFiles: async () => {
    const options: Electron.OpenDialogOptions = {
      title: 'Import packs',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Truceline packs', extensions: ['pack'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  chooseSavePath: async (suggestedName) => {
    const options: Electron.SaveDialogOptions = {
      title: 'Export for a peer',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'Truceline packs', extensions: ['pack'] }],
    };
    const window = BrowserWindow.getFocusedWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? { kind: 'cancelled' } : { kind: 'chosen', path: result.filePath };
  },
  openFolder: async (path) => {
    const error = await shell.openPath(path);
    return error === '' ? null : `the folder could not be opened (${error}): open ${path} in your file manager`;
  },
};
