import { transferListOf, wireErrorOf, type EventMessage, type MessageEndpoint, type RequestMessage, type ResponseMessage } from './worker-protocol';

export type Emit = (name: string, payload: unknown) => void;

/** An emitter of event messages over `endpoint`: what a hosted service calls to tell the main thread something unasked. */
export function eventEmitterOf(endpoint: MessageEndpoint): Emit {
  return (name, payload) => endpoint.postMessage({ type: 'event', name, payload } satisfies EventMessage);
}

/**
 * Answers request messages on `endpoint` by calling the named method of the named service; each
 * answer carries the request's id. Only a service's own methods (its class's prototype) are
 * callable, never inherited ones. An answer marked `transferred` moves its buffer instead of
 * copying it. Returns a function that stops answering.
 */
export function serveServices(endpoint: MessageEndpoint, services: Readonly<Record<string, object>>, codeOfName: Readonly<Record<string, string>> = {}): () => void {
  const listener = (message: unknown) => {
    if (!isRequest(message)) return;
    void answer(services, message, codeOfName).then((response) => endpoint.postMessage(response, response.ok ? transferListOf(response.value) : []));
  };
  endpoint.on('message', listener);
  return () => endpoint.off('message', listener);
}

async function answer(services: Readonly<Record<string, object>>, request: RequestMessage, codeOfName: Readonly<Record<string, string>>): Promise<ResponseMessage> {
  try {
    const method = methodOf(services, request.service, request.method);
    const value: unknown = await method(...request.args);
    return { type: 'response', id: request.id, ok: true, value };
  } catch (error) {
    return { type: 'response', id: request.id, ok: false, error: wireErrorOf(error, codeOfName) };
  }
}

function methodOf(services: Readonly<Record<string, object>>, serviceName: string, methodName: string): (...args: readonly unknown[]) => unknown {
  const service = Object.prototype.hasOwnProperty.call(services, serviceName) ? services[serviceName] : undefined;
  if (service === undefined) throw Object.assign(new Error(`no service ${serviceName} in this worker`), { code: 'unknown-operation' });
  const prototype = Object.getPrototypeOf(service) as object | null;
  const own = methodName !== 'constructor' && prototype !== null && Object.prototype.hasOwnProperty.call(prototype, methodName);
  const method = own ? (service as Record<string, unknown>)[methodName] : undefined;
  if (typeof method !== 'function') throw Object.assign(new Error(`${serviceName} has no method ${methodName}`), { code: 'unknown-operation' });
  return (...args) => (method as (...a: unknown[]) => unknown).apply(service, [...args]);
}

function isRequest(message: unknown): message is RequestMessage {
  const m = message as Partial<RequestMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'request' && typeof m.id === 'number' && typeof m.service === 'string' && typeof m.method === 'string' && Array.isArray(m.args);
}
