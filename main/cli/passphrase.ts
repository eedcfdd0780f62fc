import { readFile } from 'node:fs/promises';
import { usageError, ioError } from './cli-error';
import type { CommandContext } from './command';
import { describeFsError } from './io';

export const PASSPHRASE_ENV = 'TRUCELINE_PASSPHRASE';

/** The passphrase from --passphrase-file (first line) or the TRUCELINE_PASSPHRASE variable; never from an argument. */
export async function readPassphrase(context: CommandContext): Promise<string> {
  const file = context.values['passphrase-file'];
  if (typeof file === 'string' && file !== '') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw ioError(`passphrase file ${file}: ${describeFsError(error)}`);
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '') throw usageError(`passphrase file ${file}: its first line is empty`);
    return line;
  }
  const fromEnv = context.env[PASSPHRASE_ENV];
  if (fromEnv) return fromEnv;
  throw usageError(`a passphrase is needed: give --passphrase-file FILE or set ${PASSPHRASE_ENV}`);
}

export const PASSPHRASE_OPTIONS = { 'passphrase-file': { type: 'string' } } as const;
export const PASSPHRASE_HELP = { 'passphrase-file': `file whose first line is the key's passphrase (or set ${PASSPHRASE_ENV})` } as const;
