import { RemoteError, type FromWorker, type MessageEndpoint, type Remote, type RequestMessage, type WireError } from './worker-protocol';

export type EventListener = (name: string, payload: unknown) => void;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The main thread's side of a worker's services: forwards each call as a request with an id and
 * settles its promise with the matching response. Once the worker is gone (`fail`), every call in
 * flight and every later call is rejected with the reason, so no caller waits forever.
 */
export class ServiceClient<Services> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EventListener>();
  private failure: Error | undefined;

  constructor(
    private readonly endpoint: MessageEndpoint,
    /** What a failed call rejects with, from the worker's {code, message}. */
    private readonly errorOf: (error: WireError) => Error = (error) => new RemoteError(error.code, error.message),
  ) {
    endpoint.on('message', this.receive);
  }

  /** The named service as a typed object whose methods forward to the worker. */
  remote<S extends keyof Services & string>(service: S): Remote<Services[S]> {
    return new Proxy({} as Remote<Services[S]>, {
      // `then` stays undefined: a Remote is not a promise.
      get: (_target, method) => (typeof method === 'string' && method !== 'then' ? (...args: unknown[]) => this.call(service, method, args) : undefined),
    });
  }

  call(service: string, method: string, args: readonly unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.endpoint.postMessage({ type: 'request', id, service, method, args } satisfies RequestMessage);
      } catch (error) {
        this.pending.delete(id);
        reject(this.errorOf({ code: 'invalid-arguments', message: `${service}.${method}: ${error instanceof Error ? error.message : String(error)}` }));
      }
    });
  }

  /** Listens to the events the worker emits; returns a function that stops listening. */
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The worker is gone: calls in flight and later calls are rejected with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(this.failure);
    this.pending.clear();
  }

  /** Calls still waiting for their answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  private readonly receive = (message: unknown): void => {
    const m = message as FromWorker;
    if (m.type === 'event') {
      for (const listener of this.listeners) listener(m.name, m.payload);
      return;
    }
    if (m.type !== 'response') return;
    const pending = this.pending.get(m.id);
    if (!pending) return;
    this.pending.delete(m.id);
    if (m.ok) pending.resolve(m.value);
    else pending.reject(this.errorOf(m.error));
  };
}
