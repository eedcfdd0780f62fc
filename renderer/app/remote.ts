import { OPERATION_NAMES } from '../../shared/ipc/contract';

/** Data asked of the main process: on its way, there, or one readable line saying why not. */
export type Remote<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: string };

export const LOADING: Remote<never> = { state: 'loading' };

const OPERATION_PREFIX = new RegExp(`^(?:(?:${OPERATION_NAMES.join('|')}): )+`);

/** One line a user can read: the main process prefixes its messages with the operation's name, which says nothing to a delegate. */
export function readableError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0]!.trim().replace(OPERATION_PREFIX, '');
  return line === '' ? 'the local service gave no reason' : line;
}
