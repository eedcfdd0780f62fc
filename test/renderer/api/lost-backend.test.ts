import { describe, expect, it } from 'vitest';
import { unwrapped } from '../../../renderer/api/api';
import { createLoopbackEvents, createLoopbackTransport } from '../../../renderer/api/loopback-client';
import { LostBackendGuard } from '../../../renderer/api/lost-backend';
import { ApiError, type AppInfo } from '../../../shared/ipc/contract';

const INFO: AppInfo = { name: 'Truceline', version: '1', host: 'chromium', testMode: false };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A fetch that fails like a stopped server until `up` is set, then answers getAppInfo. */
function flakyFetch() {
  const state = { up: false, calls: 0 };
  const fetchImpl = (async () => {
    state.calls += 1;
    if (!state.up) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify({ ok: true, value: INFO }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { state, fetchImpl };
}

describe('a lost backend', () => {
  it('turns a failed fetch into an unavailable ApiError, and a refused page into forbidden', async () => {
    const { fetchImpl } = flakyFetch();
    await expect(unwrapped(createLoopbackTransport(fetchImpl)).getAppInfo()).rejects.toMatchObject({ code: 'unavailable' });
    const refusing = (async () => new Response('no session: open the address', { status: 403 })) as typeof fetch;
    await expect(unwrapped(createLoopbackTransport(refusing)).getAppInfo()).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('holds the calls that found it lost, says why, and issues them again on retry', async () => {
    const { state, fetchImpl } = flakyFetch();
    const guard = new LostBackendGuard();
    const reasons: (string | undefined)[] = [];
    guard.subscribe((reason) => reasons.push(reason));
    const api = guard.guard(unwrapped(createLoopbackTransport(fetchImpl)));

    let answer: AppInfo | undefined;
    void api.getAppInfo().then((info) => (answer = info));
    await settle();
    expect(guard.lost).toMatch(/does not answer/);
    expect(answer).toBeUndefined();

    guard.retry();
    await settle();
    expect(state.calls).toBe(2);
    expect(guard.lost).toMatch(/does not answer/);

    state.up = true;
    guard.retry();
    await settle();
    expect(answer).toEqual(INFO);
    expect(guard.lost).toBeUndefined();
    expect(reasons.map((r) => r !== undefined)).toEqual([true, false, true, false]);
  });

  it('lets any other failure through as it is', async () => {
    const guard = new LostBackendGuard();
    const api = guard.guard(unwrapped({ ...createLoopbackTransport(), getIncident: async () => ({ ok: false, error: { code: 'not-found', message: 'no such incident' } }) }));
    await expect(api.getIncident('a'.repeat(64) as never)).rejects.toEqual(new ApiError('not-found', 'no such incident'));
    expect(guard.lost).toBeUndefined();
  });
});

describe('events over Server-Sent Events', () => {
  it('opens one stream, hands each listener its event, and unsubscribes', () => {
    const stream = new EventTarget();
    let opened = 0;
    const events = createLoopbackEvents(() => {
      opened += 1;
      return stream as EventSource;
    });
    const changes: unknown[] = [];
    const progress: unknown[] = [];
    const stop = events.onStoreChanged((change) => changes.push(change));
    events.onImportProgress((status) => progress.push(status.revision));
    stream.dispatchEvent(new MessageEvent('storeChanged', { data: '{"objectsAdded":2,"objectsQuarantined":0}' }));
    stream.dispatchEvent(new MessageEvent('importProgress', { data: '{"revision":7}' }));
    stop();
    stream.dispatchEvent(new MessageEvent('storeChanged', { data: '{"objectsAdded":5,"objectsQuarantined":0}' }));
    expect(opened).toBe(1);
    expect(changes).toEqual([{ objectsAdded: 2, objectsQuarantined: 0 }]);
    expect(progress).toEqual([7]);
  });
});
