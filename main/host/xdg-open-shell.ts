import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { DesktopShell } from './desktop-shell';

/** The desktop's "open this with the default application" command, by platform. */
function openerCommand(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'open';
  if (platform === 'win32') return 'explorer';
  return 'xdg-open';
}

/** The executable's full path on PATH, or undefined. */
export function findOnPath(command: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const folder of path.split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/**
 * The Chromium host's desktop: no native file dialogs (the inbox and outbox folders are the way
 * in and out), and folders opened with xdg-open, spawned detached so that it outlives nothing.
 */
export function xdgOpenShell(platform: NodeJS.Platform = process.platform, path = process.env['PATH'] ?? ''): DesktopShell {
  return {
    choosePackFiles: async () => null,
    chooseSavePath: async () => ({ kind: 'no-dialog' }),
    openFolder: async (folder) => {
      const command = openerCommand(platform);
      const executable = platform === 'win32' ? command : findOnPath(command, path);
      if (!executable) return `${command} is not installed, so the folder cannot be opened from here: open ${folder} in your file manager`;
      return new Promise<string | null>((resolve) => {
        const child = spawn(executable, [folder], { detached: true, stdio: 'ignore' });
        child.once('error', (error) => resolve(`${command} could not be started (${error.message}): open ${folder} in your file manager`));
        child.once('spawn', () => {
          child.unref();
          resolve(null);
        });
      });
    },
  };
}
