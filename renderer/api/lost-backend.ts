import { ApiError, OPERATION_NAMES, type OperationName, type TrucelineApi } from '../../shared/ipc/contract';

/** A call that could not reach the backend (network failure, server gone, or an `unavailable` answer). */
export function isLostBackend(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'unavailable';
}

export type LostBackendListener = (reason: string | undefined) => void;

/**
 * Holds the calls that found the backend lost instead of failing them: their callers keep
 * waiting, the page shows why, and `retry()` issues every held call again. A call that fails for
 * any other reason fails as usual.
 */
export class LostBackendGuard {
  private held: Array<() => void> = [];
  private reason: string | undefined;
  private readonly listeners = new Set<LostBackendListener>();

  /** The API with every operation guarded. */
  guard(api: TrucelineApi): TrucelineApi {
    const guarded: Partial<Record<OperationName, (...args: readonly unknown[]) => Promise<unknown>>> = {};
    for (const operation of OPERATION_NAMES) {
      const call = api[operation] as (...args: readonly unknown[]) => Promise<unknown>;
      guarded[operation] = (...args) => new Promise((resolve, reject) => this.attempt(() => call(...args), resolve, reject));
    }
    return guarded as unknown as TrucelineApi;
  }

  /** Why the backend is lost, or `undefined` while no call is held. */
  get lost(): string | undefined {
    return this.reason;
  }

  subscribe(listener: LostBackendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  retry(): void {
    const held = this.held;
    this.held = [];
    this.setReason(undefined);
    for (const again of held) again();
  }

  private attempt(call: () => Promise<unknown>, resolve: (value: unknown) => void, reject: (error: unknown) => void): void {
    call().then(resolve, (error: unknown) => {
      if (!isLostBackend(error)) return reject(error);
      this.held.push(() => this.attempt(call, resolve, reject));
      this.setReason(error.message);
    });
  }

  private setReason(reason: string | undefined): void {
    if (reason === this.reason) return;
    this.reason = reason;
    for (const listener of [...this.listeners]) listener(reason);
  }
}
