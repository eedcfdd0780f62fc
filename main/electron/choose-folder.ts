import { BrowserWindow, dialog } from 'electron';

/** Electron's native folder dialog, attached to the app's window: the folder's path, or null when the user cancelled. The path stays in main. */
export async function chooseFolder(title: string): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
  const window = BrowserWindow.getFocusedWindow();
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
