import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { handlersForTransport } from './handlers-for-transport';

const handlers = handlersForTransport({ name: 'Truceline', version: '1.0.0', host: 'electron', testMode: true });

describe('dispatch', () => {
  it('calls the handler of a known operation with validated arguments', async () => {
    expect(await dispatch(handlers, 'getAppInfo', [])).toEqual({ ok: true, value: { name: 'Truceline', version: '1.0.0', host: 'electron', testMode: true } });
  });

  it('rejects unknown operations, including inherited property names', async () => {
    for (const name of ['nope', 'toString', '__proto__', 42, null]) {
      expect(await dispatch(handlers, name, [])).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    }
  });

  it('rejects arguments that are not an array or not what the operation takes', async () => {
    expect(await dispatch(handlers, 'getAppInfo', 'x')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await dispatch(handlers, 'getBasemap', [{}])).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('validates an incident id before the handler sees it', async () => {
    expect(await dispatch(handlers, 'getIncident', ['../../etc'])).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: 'getIncident: incident id must be 64 lowercase hex characters' } });
    expect(await dispatch(handlers, 'getIncident', [])).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(await dispatch(handlers, 'getIncident', ['a'.repeat(64)])).toEqual({ ok: false, error: { code: 'internal', message: `getIncident: no incident ${'a'.repeat(64)}` } });
  });

  it('turns a handler failure into a reply that names the operation', async () => {
    expect(await dispatch(handlers, 'getBasemap', [])).toEqual({ ok: false, error: { code: 'internal', message: 'getBasemap: resources/basemap is missing' } });
  });
});
