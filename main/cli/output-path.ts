import { lstat, readdir } from 'node:fs/promises';
import { ioError, usageError } from './cli-error';
import type { CommandContext } from './command';
import { describeFsError, requireString } from './io';

export const FORCE_OPTION = { force: { type: 'boolean' } } as const;
export const FORCE_HELP = { force: 'overwrite output files that already exist' } as const;

async function existing(path: string): Promise<'file' | 'folder' | undefined> {
  try {
    return (await lstat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(`${path}: ${describeFsError(error)}`);
  }
}

// Each check runs before anything is signed or written, so a refused output never advances a key's log.

/** The file an output option names; a file already there is refused unless --force. */
export async function outputFile(context: CommandContext, option = 'out', path = requireString(context, option)): Promise<string> {
  const found = await existing(path);
  if (found === 'folder') throw usageError(`--${option} ${path}: is a folder, not a file`);
  if (found === 'file' && context.values['force'] !== true) throw usageError(`--${option} ${path}: already exists; give --force to overwrite it`);
  return path;
}

/** A file holding a secret (a sealed key, a sealed assessment): never overwritten, not even with --force. */
export async function newSecretFile(context: CommandContext, option: string): Promise<string> {
  const path = requireString(context, option);
  if ((await existing(path)) !== undefined) throw usageError(`--${option} ${path}: already exists; a secret is never overwritten, choose another name`);
  return path;
}

/** The folder an output option names; one that already holds anything is refused unless --force. */
export async function outputFolder(context: CommandContext, option = 'out'): Promise<string> {
  const path = requireString(context, option);
  const found = await existing(path);
  if (found === 'file') throw usageError(`--${option} ${path}: is a file, not a folder`);
  if (found === 'folder' && context.values['force'] !== true && (await readdir(path)).length > 0) {
    throw usageError(`--${option} ${path}: the folder is not empty; give --force to write into it`);
  }
  return path;
}
