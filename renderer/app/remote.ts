/** Data asked of the main process: on its way, there, or one readable line saying why not. */
export type Remote<T> = { readonly state: 'loading' } | { readonly state: 'ready'; readonly value: T } | { readonly state: 'failed'; readonly error: string };

export const LOADING: Remote<never> = { state: 'loading' };

/** One line a user can read: services' errors cross the API as a code and a message written for a person. */
export function readableError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0]!.trim();
  return line === '' ? 'the local service gave no reason' : line;
}
