import { describe, expect, it } from 'vitest';
import { ARGUMENT_VALIDATORS } from '../../../shared/ipc/contract';
import { InvalidArgumentsError } from '../../../shared/ipc/errors';

const valid = { servers: ['nats://hub.example.org:4222', 'tls://[::1]:4443'], auth: { kind: 'user', user: 'ws-fra-1', password: 'correct horse' }, tlsCaBase64: null, leaf: null };

function refusal(settings: unknown): string {
  try {
    ARGUMENT_VALIDATORS.connectHub([settings]);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentsError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('connectHub arguments', () => {
  it('accepts addresses, a user and password, credentials or none, a CA and a leaf site', () => {
    expect(ARGUMENT_VALIDATORS.connectHub([valid])).toEqual([valid]);
    const creds = { ...valid, auth: { kind: 'creds', credsBase64: 'LS0tLS1CRUdJTg==' }, tlsCaBase64: 'LS0tLS1CRUdJTg==', leaf: { siteDomain: 'site-fra', hubDomain: 'hub' } };
    expect(ARGUMENT_VALIDATORS.connectHub([creds])).toEqual([creds]);
    expect(ARGUMENT_VALIDATORS.connectHub([{ ...valid, auth: { kind: 'none' } }])[0].auth).toEqual({ kind: 'none' });
    expect(ARGUMENT_VALIDATORS.disconnectHub([])).toEqual([]);
  });

  it('refuses anything else, in one line that never repeats the password', () => {
    const refusals = [
      refusal({ ...valid, servers: [] }),
      refusal({ ...valid, servers: ['nats://ws:secret@hub:4222'] }),
      refusal({ ...valid, servers: ['http://hub:4222'] }),
      refusal({ ...valid, servers: ['nats://hub:70000'] }),
      refusal({ ...valid, servers: Array.from({ length: 9 }, () => 'nats://hub:4222') }),
      refusal({ ...valid, auth: { kind: 'user', user: 'ws', password: '' } }),
      refusal({ ...valid, auth: { kind: 'user', user: 'ws', password: 'x'.repeat(1025) } }),
      refusal({ ...valid, auth: { kind: 'user', user: 'w s', password: 'correct horse' } }),
      refusal({ ...valid, auth: { kind: 'user', user: 'ws', password: 'correct horse', token: 'x' } }),
      refusal({ ...valid, auth: { kind: 'token' } }),
      refusal({ ...valid, auth: { kind: 'creds', credsBase64: 'not base64!' } }),
      refusal({ ...valid, tlsCaBase64: 'A'.repeat(200_000) }),
      refusal({ ...valid, leaf: { siteDomain: 'a.b', hubDomain: 'hub' } }),
      refusal({ ...valid, leaf: { siteDomain: 'hub', hubDomain: 'hub' } }),
      refusal({ ...valid, extra: 1 }),
      refusal({ servers: valid.servers, auth: valid.auth, leaf: null }),
    ];
    for (const message of refusals) {
      expect(message).not.toContain('correct horse');
      expect(message).not.toContain('\n');
    }
    expect(() => ARGUMENT_VALIDATORS.connectHub([])).toThrow(InvalidArgumentsError);
    expect(() => ARGUMENT_VALIDATORS.disconnectHub([1])).toThrow(InvalidArgumentsError);
  });
});
