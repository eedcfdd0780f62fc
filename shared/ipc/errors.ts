/** What went wrong, as the renderer can act on it; the message is one line for a person. */
export type ApiErrorCode = 'not-found' | 'unavailable' | 'busy' | 'invalid-arguments' | 'forbidden' | 'unknown-operation' | 'evidence-damaged' | 'refused' | 'internal';

export type ApiReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: ApiErrorCode; readonly message: string } };

/**
 * The one base of every error that crosses the API: services throw its subclasses, dispatch turns
 * them into a reply's code once, and the renderer gets an ApiError with the same code back.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The thing asked for does not exist (an incident id this store does not hold). */
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super('not-found', message);
    this.name = 'NotFoundError';
  }
}

/** The service cannot answer now (no commission installed, the backend is gone); asking again later may work. */
export class UnavailableError extends ApiError {
  constructor(message: string) {
    super('unavailable', message);
    this.name = 'UnavailableError';
  }
}

/** The service is doing this already (an import run in progress). */
export class BusyError extends ApiError {
  constructor(message: string) {
    super('busy', message);
    this.name = 'BusyError';
  }
}

export class InvalidArgumentsError extends ApiError {
  constructor(message: string) {
    super('invalid-arguments', message);
    this.name = 'InvalidArgumentsError';
  }
}

/** Stored evidence does not match what was signed (a chunk's bytes or size, or the incident that lists it): it must not play. */
export class EvidenceDamagedError extends ApiError {
  constructor(message: string) {
    super('evidence-damaged', message);
    this.name = 'EvidenceDamagedError';
  }
}

/** The action was refused, and nothing was signed or stored: a locked key, a wrong passphrase, a draft that cannot be sealed, a round not ready. */
export class RefusedError extends ApiError {
  constructor(message: string) {
    super('refused', message);
    this.name = 'RefusedError';
  }
}

const CODES: ReadonlySet<string> = new Set<ApiErrorCode>(['not-found', 'unavailable', 'busy', 'invalid-arguments', 'forbidden', 'unknown-operation', 'evidence-damaged', 'refused', 'internal']);

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** The reply of a failed call, whatever was thrown: an ApiError keeps its code, anything else is `internal`. */
export function errorReply(error: unknown): ApiReply<never> {
  if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
  return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
}

export function unwrapReply<T>(operation: string, reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new ApiError('internal', `${operation}: malformed reply from the main process`);
  }
  const typed = reply as ApiReply<T>;
  if (typed.ok) return typed.value;
  const { code, message } = typed.error as { code: unknown; message: unknown };
  throw new ApiError(isApiErrorCode(code) ? code : 'internal', typeof message === 'string' ? message : `${operation}: the main process gave no reason`);
}
