export type ApiErrorCode = 'unknown-operation' | 'invalid-arguments' | 'forbidden' | 'internal';

export type ApiReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: ApiErrorCode; readonly message: string } };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function unwrapReply<T>(operation: string, reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new ApiError('internal', `${operation}: malformed reply from the main process`);
  }
  const typed = reply as ApiReply<T>;
  if (typed.ok) return typed.value;
  throw new ApiError(typed.error.code, typed.error.message);
}
