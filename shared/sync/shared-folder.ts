/** Longer folder paths are refused before the file system sees them. */
export const MAX_SHARED_FOLDER_PATH = 4096;

/** A full path: from the root on POSIX, from a drive or a UNC share on Windows. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\/])/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why a folder path the user typed cannot be a shared folder's, in one line; null when it can be tried. */
export function folderPathProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'the shared folder must be a path';
  if (value.length > MAX_SHARED_FOLDER_PATH) return `the shared folder's path must be at most ${MAX_SHARED_FOLDER_PATH} characters`;
  if (CONTROL_CHARACTER.test(value)) return "the shared folder's path must not hold control characters";
  if (!ABSOLUTE_PATH.test(value)) return 'the shared folder must be given as a full path (from / on Linux and macOS, from a drive such as C:\\ on Windows)';
  return null;
}
