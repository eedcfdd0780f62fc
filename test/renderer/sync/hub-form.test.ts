import { describe, expect, it } from 'vitest';
import { EMPTY_HUB_FORM, hubRequestOf } from '../../../renderer/sync/hub-form';

const form = { ...EMPTY_HUB_FORM, servers: 'nats://127.0.0.1:4222, tls://hub.example.org:7422', user: 'fra-laptop', password: 's3cret pass' };

describe('the hub form', () => {
  it('makes the request connectHub takes: every address, the credentials, the leaf site only when asked', () => {
    expect(hubRequestOf(form)).toEqual({
      request: { servers: ['nats://127.0.0.1:4222', 'tls://hub.example.org:7422'], auth: { kind: 'user', user: 'fra-laptop', password: 's3cret pass' }, tlsCaBase64: null, leaf: null },
    });
    expect(hubRequestOf({ ...form, leaf: true, siteDomain: 'fra', hubDomain: 'hub' })).toMatchObject({ request: { leaf: { siteDomain: 'fra', hubDomain: 'hub' } } });
    expect(hubRequestOf({ ...form, authKind: 'none' })).toMatchObject({ request: { auth: { kind: 'none' } } });
  });

  it('says in one line what is missing or wrong, never quoting the password', () => {
    const problems = [
      hubRequestOf({ ...form, servers: '  ' }),
      hubRequestOf({ ...form, servers: 'nats://fra:s3cret pass@hub:4222' }),
      hubRequestOf({ ...form, servers: 'http://hub:4222' }),
      hubRequestOf({ ...form, user: '' }),
      hubRequestOf({ ...form, password: '' }),
      hubRequestOf({ ...form, authKind: 'creds' }),
      hubRequestOf({ ...form, leaf: true, siteDomain: 'has.dot' }),
    ];
    for (const checked of problems) {
      expect(checked).toHaveProperty('problem');
      const { problem } = checked as { problem: string };
      expect(problem).not.toContain('\n');
      expect(problem).not.toContain('s3cret');
    }
  });
});
