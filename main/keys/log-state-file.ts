import { readFile } from 'node:fs/promises';
import type { ObjectId } from '../../shared/objects/types';
import { logStatePath, type AuthorLogState } from './author-log-state';
import { writeFileDurably } from './durable-file';

/** A log state file that is missing, unreadable or does not belong to its key; the message is one line naming the file. */
export class LogStateError extends Error {
  override readonly name = 'LogStateError';
}

/** The last statement the key signed as its log state file records it; undefined when the key never signed (no file). */
export async function readLogState(keyFile: string, keyid: string): Promise<AuthorLogState | undefined> {
  const path = logStatePath(keyFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LogStateError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); restore it before signing again`);
  }
  let state: Partial<AuthorLogState>;
  try {
    state = JSON.parse(text) as Partial<AuthorLogState>;
  } catch {
    throw new LogStateError(`${path}: is damaged (not valid JSON); restore it before signing again`);
  }
  if (state === null || typeof state !== 'object' || state.keyid !== keyid || !Number.isInteger(state.seq) || (state.seq as number) < 1 || typeof state.id !== 'string') {
    throw new LogStateError(`${path}: does not belong to key ${keyid.slice(0, 8)}… or is damaged; restore it before signing again`);
  }
  return { keyid, seq: state.seq as number, id: state.id as ObjectId };
}

/** Records the key's last signed statement; durable (fsynced, atomically renamed) once this resolves. */
export async function recordLogStateDurably(keyFile: string, state: AuthorLogState): Promise<void> {
  await writeFileDurably(logStatePath(keyFile), `${JSON.stringify(state, null, 2)}\n`);
}
