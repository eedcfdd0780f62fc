import { ARGUMENT_VALIDATORS, ApiError, errorReply, isOperationName, type ApiReply, type OperationName, type TrucelineApi } from '../../shared/ipc/contract';

/**
 * The single entry for calls from the untrusted renderer, whatever the transport: checks the
 * operation name and validates the arguments at run time before any handler sees them. Whatever a
 * handler throws becomes a reply here and nowhere else: an ApiError (NotFoundError, BusyError, …)
 * keeps its code and its one-line message, anything else is `internal`.
 */
export async function dispatch(handlers: TrucelineApi, operation: unknown, rawArgs: unknown): Promise<ApiReply<unknown>> {
  try {
    if (!isOperationName(operation)) {
      throw new ApiError('unknown-operation', `unknown operation ${JSON.stringify(String(operation)).slice(0, 80)}`);
    }
    if (!Array.isArray(rawArgs)) throw new ApiError('invalid-arguments', `${operation}: arguments must be an array`);
    return { ok: true, value: await invoke(handlers, operation, rawArgs) };
  } catch (error) {
    return errorReply(error);
  }
}

function invoke<K extends OperationName>(handlers: TrucelineApi, operation: K, rawArgs: readonly unknown[]): Promise<unknown> {
  let args;
  try {
    args = ARGUMENT_VALIDATORS[operation](rawArgs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ApiError('invalid-arguments', `${operation}: ${message}`);
  }
  const handler = handlers[operation] as (...a: readonly unknown[]) => Promise<unknown>;
  return handler(...args);
}
