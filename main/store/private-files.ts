import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The store's folders and files are the user's alone, whatever the umask (docs/STORE.md). */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and missing parents) and sets it to PRIVATE_FOLDER_MODE. */
export function makePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  setMode(path, PRIVATE_FOLDER_MODE);
}

/**
 * Sets folders and files that exist to the private modes; changes nothing that already has them,
 * so a store another user can read but not change still opens.
 */
export function makeExistingPrivate(folders: readonly string[], files: readonly string[]): void {
  for (const folder of folders) setMode(folder, PRIVATE_FOLDER_MODE);
  for (const file of files) setMode(file, PRIVATE_FILE_MODE);
}

/** The subfolders of `path` whose names match `name`, or none when it cannot be read. */
export function subfolders(path: string, name: RegExp): string[] {
  try {
    return readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && name.test(entry.name))
      .map((entry) => join(path, entry.name));
  } catch {
    return [];
  }
}

function setMode(path: string, mode: number): void {
  let current: number;
  try {
    current = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (current !== mode && process.platform !== 'win32') chmodSync(path, mode);
}
