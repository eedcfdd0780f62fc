import type { PackErrorCode } from './pack-error';

/** The ustar name field holds at most 100 bytes; packs never use the prefix field. */
export const MAX_ENTRY_NAME_BYTES = 100;

export interface EntryNameProblem {
  readonly code: PackErrorCode;
  readonly reason: string;
}

/**
 * Checks that a name is safe to extract as a file directly inside the current directory: one
 * segment of printable ASCII, never absolute, never a parent reference.
 */
export function problemWithEntryName(name: string): EntryNameProblem | undefined {
  if (name.length === 0) return { code: 'bad-name', reason: 'the name is empty' };
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    return { code: 'absolute-path', reason: 'absolute paths are not allowed' };
  }
  const segments = name.split(/[/\\]/);
  if (segments.some((segment) => segment === '..')) {
    return { code: 'path-traversal', reason: 'parent-directory references (..) are not allowed' };
  }
  if (segments.length > 1) return { code: 'nested-name', reason: 'names with a directory part are not allowed; packs are flat' };
  if (name === '.') return { code: 'bad-name', reason: '"." is not a file name' };
  if (!/^[\x21-\x7e]+$/.test(name)) return { code: 'bad-name', reason: 'names are printable ASCII without spaces' };
  if (name.length > MAX_ENTRY_NAME_BYTES) return { code: 'bad-name', reason: `names are at most ${MAX_ENTRY_NAME_BYTES} bytes` };
  return undefined;
}
