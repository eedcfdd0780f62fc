import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../shared/ipc/errors';
import { ServiceClient } from '../../../main/worker/service-client';
import { eventEmitterOf, serveServices } from '../../../main/worker/service-server';
import { RemoteError, wireErrorOf, type Remote } from '../../../main/worker/worker-protocol';

class Counter {
  private count = 0;
  readonly label = 'counter';

  async add(by: number): Promise<number> {
    this.count += by;
    return this.count;
  }

  total(): number {
    return this.count;
  }

  async find(id: string): Promise<string> {
    throw new NotFoundError(`no item ${id}`);
  }

  async broken(): Promise<never> {
    throw new TypeError('something internal');
  }
}

interface Services {
  readonly counter: Counter;
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function connect(services: Services = { counter: new Counter() }): { client: ServiceClient<Services>; counter: Remote<Counter>; worker: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveServices(port2, services as unknown as Record<string, object>);
  const client = new ServiceClient<Services>(port1);
  return { client, counter: client.remote('counter'), worker: port2 };
}

describe('the worker protocol', () => {
  it('forwards a call to the service method and answers with its result, sync methods as promises', async () => {
    const { counter } = connect();
    expect(await counter.add(2)).toBe(2);
    expect(await Promise.all([counter.add(3), counter.add(4)])).toEqual([5, 9]);
    expect(await counter.total()).toBe(9);
  });

  it('carries an error as its code and message', async () => {
    const { counter } = connect();
    const notFound = await counter.find('x').catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(RemoteError);
    expect(notFound).toMatchObject({ code: 'not-found', message: 'no item x' });
    await expect(counter.broken()).rejects.toMatchObject({ code: 'internal', message: 'something internal' });
  });

  it('refuses names that are not the service’s own methods', async () => {
    const { client } = connect();
    for (const [service, method] of [
      ['counter', 'constructor'],
      ['counter', 'toString'],
      ['counter', 'label'],
      ['counter', '__proto__'],
      ['nobody', 'add'],
      ['toString', 'call'],
    ] as const) {
      await expect(client.call(service, method, [])).rejects.toMatchObject({ code: 'unknown-operation' });
    }
  });

  it('is not mistaken for a promise', async () => {
    const { counter } = connect();
    expect(await Promise.resolve(counter)).toBe(counter);
  });

  it('delivers what the worker emits to every listener until it stops listening', async () => {
    const { client, worker } = connect();
    const seen: [string, unknown][] = [];
    const stop = client.onEvent((name, payload) => seen.push([name, payload]));
    const emit = eventEmitterOf(worker);
    emit('storeChanged', { objectsAdded: 3 });
    await client.call('counter', 'total', []);
    stop();
    emit('storeChanged', { objectsAdded: 4 });
    await client.call('counter', 'total', []);
    expect(seen).toEqual([['storeChanged', { objectsAdded: 3 }]]);
  });

  it('rejects calls in flight and later calls once the worker is gone', async () => {
    const { port1 } = new MessageChannel();
    ports.push(port1);
    const client = new ServiceClient<Services>(port1);
    const inFlight = client.call('counter', 'add', [1]);
    expect(client.inFlight).toBe(1);
    client.fail(new RemoteError('unavailable', 'the store worker stopped'));
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    await expect(client.call('counter', 'add', [1])).rejects.toMatchObject({ code: 'unavailable' });
    expect(client.inFlight).toBe(0);
  });

  it('names the code of errors without one of their own by class name, else internal', () => {
    class StoreError extends Error {
      override readonly name = 'StoreError';
    }
    expect(wireErrorOf(new StoreError('no store'), { StoreError: 'unavailable' })).toEqual({ code: 'unavailable', message: 'no store' });
    expect(wireErrorOf(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' }))).toEqual({ code: 'internal', message: 'x' });
    expect(wireErrorOf('plain')).toEqual({ code: 'internal', message: 'plain' });
  });
});
