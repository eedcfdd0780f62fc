/**
 * The one message protocol between the thread that serves the window and the store's workers.
 * It is generic over the services a worker hosts: every method of a hosted service is a request,
 * typed from the service's own class, so a method added to a service is callable from the main
 * thread without touching the protocol.
 */

/** The functions of a service (fields and private members are not part of it). */
export type ServiceMethodName<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T] & string;

/** A service seen from another thread: each method takes the same arguments and answers with a promise. */
export type Remote<T> = {
  readonly [K in ServiceMethodName<T>]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The typed request map of a set of services: `{ service: { method: { args, result } } }`. */
export type RequestMap<Services> = {
  readonly [S in keyof Services & string]: {
    readonly [M in ServiceMethodName<Services[S]>]: Services[S][M] extends (...args: infer A) => infer R ? { readonly args: A; readonly result: Awaited<R> } : never;
  };
};

/** An error as it crosses threads: a code a caller can act on and one readable line. */
export interface WireError {
  readonly code: string;
  readonly message: string;
}

export interface RequestMessage {
  readonly type: 'request';
  readonly id: number;
  readonly service: string;
  readonly method: string;
  readonly args: readonly unknown[];
}

export type ResponseMessage =
  { readonly type: 'response'; readonly id: number; readonly ok: true; readonly value: unknown } | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: WireError };

/** Something a worker tells whoever listens, unasked (store changed, import progress…). */
export interface EventMessage {
  readonly type: 'event';
  readonly name: string;
  readonly payload: unknown;
}

/** The worker has opened what it owns and answers requests from now on (or could not: `error`). */
export type ReadyMessage = { readonly type: 'ready'; readonly ok: true } | { readonly type: 'ready'; readonly ok: false; readonly error: WireError };

/** Asks the worker to close what it owns; it answers with `closed` and then exits. */
export interface CloseMessage {
  readonly type: 'close';
}

export interface ClosedMessage {
  readonly type: 'closed';
}

export type ToWorker = RequestMessage | CloseMessage;
export type FromWorker = ResponseMessage | EventMessage | ReadyMessage | ClosedMessage;

/** What both ends need of a MessagePort or a Worker. */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

const transfers = new WeakMap<object, readonly ArrayBuffer[]>();

/**
 * Marks a service's answer so that its buffers move to the other thread instead of being copied:
 * they are detached here once the answer is posted, so the service must hold no other view of them.
 */
export function transferred<T extends ArrayBufferView<ArrayBuffer>>(value: T): T {
  transfers.set(value, [value.buffer]);
  return value;
}

/** The buffers a value was marked to move with (`transferred`); empty for any other value. */
export function transferListOf(value: unknown): readonly ArrayBuffer[] {
  return typeof value === 'object' && value !== null ? (transfers.get(value) ?? []) : [];
}

/** The code of an error thrown in a worker: the error's own `code` when it has a word for one, else 'internal'. */
export function wireErrorOf(error: unknown, codeOfName: Readonly<Record<string, string>> = {}): WireError {
  if (!(error instanceof Error)) return { code: 'internal', message: String(error) };
  const own = (error as { code?: unknown }).code;
  const code = typeof own === 'string' && /^[a-z][a-z-]*$/.test(own) ? own : (codeOfName[error.name] ?? 'internal');
  return { code, message: error.message };
}

/** An error that happened in a worker, or the worker itself failing; `code` says which kind. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
