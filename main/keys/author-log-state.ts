import { readFile } from 'node:fs/promises';
import type { LogPosition } from '../../shared/log/log-position';
import { nextLogPosition } from '../../shared/log/log-position';
import type { ObjectId } from '../../shared/objects/types';
import { writeFileDurably } from './durable-file';

/**
 * Where a device key's log stands (DESIGN §2, per-author logs): the seq and id of the last
 * statement it signed, kept beside its key file so the next statement continues the log. Losing
 * it would make the key sign a second statement with an old seq, which is equivocation.
 */
export interface AuthorLogState {
  readonly keyid: string;
  readonly seq: number;
  readonly id: ObjectId;
}

export function logStatePath(keyFile: string): string {
  return `${keyFile}.log.json`;
}

export async function readLogPosition(keyFile: string, keyid: string): Promise<LogPosition> {
  let text: string;
  try {
    text = await readFile(logStatePath(keyFile), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return nextLogPosition(undefined);
    throw error;
  }
  const state = JSON.parse(text) as Partial<AuthorLogState>;
  if (state.keyid !== keyid || !Number.isInteger(state.seq) || typeof state.id !== 'string') {
    throw new Error(`${logStatePath(keyFile)}: does not belong to key ${keyid.slice(0, 8)}… or is damaged; restore it before signing again`);
  }
  return nextLogPosition({ id: state.id, payload: { seq: state.seq! } } as Parameters<typeof nextLogPosition>[0]);
}

/** Durable once this resolves: a signature must not leave before its log position is on disk. */
export async function recordLogPosition(keyFile: string, state: AuthorLogState): Promise<void> {
  await writeFileDurably(logStatePath(keyFile), `${JSON.stringify(state, null, 2)}\n`);
}
