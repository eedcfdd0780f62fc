import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/api/dispatch';
import { CommissionUnavailableError } from '../../../main/services/commission-service';
import { ApiError, unwrapReply } from '../../../shared/ipc/contract';
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
    expect(await dispatch(handlers, 'getIncident', ['../../etc'])).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: 'getIncident: incident id must be 64 lowercase hex characters' },
    });
    expect(await dispatch(handlers, 'getIncident', [])).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it("carries a service's typed error as its code, with its message as written", async () => {
    expect(await dispatch(handlers, 'getIncident', ['a'.repeat(64)])).toEqual({ ok: false, error: { code: 'not-found', message: `no incident ${'a'.repeat(64)}` } });
    expect(await dispatch(handlers, 'getCommission', [])).toEqual({ ok: false, error: { code: 'unavailable', message: 'no commission roster is installed yet' } });
    expect(await dispatch(handlers, 'importInbox', [])).toEqual({ ok: false, error: { code: 'busy', message: 'an import is running already' } });
    const commissionHandlers = { ...handlers, getCommission: async () => Promise.reject(new CommissionUnavailableError('the pinned roster does not verify')) };
    expect(await dispatch(commissionHandlers, 'getCommission', [])).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('answers anything else a handler throws as internal, without an operation-name prefix', async () => {
    expect(await dispatch(handlers, 'getBasemap', [])).toEqual({ ok: false, error: { code: 'internal', message: 'resources/basemap is missing' } });
  });

  it('gives the renderer back an ApiError with the same code', async () => {
    const reply = await dispatch(handlers, 'importInbox', []);
    const thrown = (() => {
      try {
        unwrapReply('importInbox', reply);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ code: 'busy', message: 'an import is running already' });
    expect(() => unwrapReply('getAppInfo', { ok: false, error: { code: 'made-up', message: 'x' } })).toThrow(expect.objectContaining({ code: 'internal' }) as Error);
  });
});
