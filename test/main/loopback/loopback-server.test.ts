import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_SECRET_HEADER } from '../../../shared/ipc/contract';
import { startLoopbackServer, type LoopbackServer } from '../../../main/loopback/loopback-server';
import { handlersForTransport } from '../api/handlers-for-transport';

const handlers = handlersForTransport({ name: 'Truceline', version: '9.9.9', host: 'chromium', testMode: false });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(origin: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('loopback server (the Chromium host)', () => {
  let server: LoopbackServer;
  let secret: string;

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'truceline-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startLoopbackServer({ handlers, rendererDir });
    secret = /#secret=(.+)$/.exec(server.launchUrl)![1]!;
  });
  afterAll(() => server.close());

  const api = (op: string, body: string, headers: Record<string, string> = {}) =>
    send(server.origin, `/api/${op}`, { method: 'POST', body, headers: { 'content-type': 'application/json', [LOOPBACK_SECRET_HEADER]: secret, ...headers } });

  it('listens on 127.0.0.1 only and keeps the secret out of the path', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.launchUrl.startsWith(`${server.origin}/#secret=`)).toBe(true);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const reply = await send(server.origin, '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>t</title>');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers a call that carries the launch secret', async () => {
    const reply = await api('getAppInfo', '[]');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { name: 'Truceline', version: '9.9.9', host: 'chromium', testMode: false } });
  });

  it('refuses a call without the secret or with a wrong one', async () => {
    expect((await api('getAppInfo', '[]', { [LOOPBACK_SECRET_HEADER]: '' })).status).toBe(403);
    expect((await api('getAppInfo', '[]', { [LOOPBACK_SECRET_HEADER]: secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A') })).status).toBe(403);
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    expect((await api('getAppInfo', '[]', { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('getAppInfo', '[]', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('names the problem for unknown operations and bad arguments', async () => {
    expect(JSON.parse((await api('deleteEverything', '[]')).body)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(JSON.parse((await api('getAppInfo', '[1]')).body)).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: 'getAppInfo: expected no arguments, got 1' } });
    expect(JSON.parse((await api('getAppInfo', '{}')).body)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect((await api('getAppInfo', 'not json')).status).toBe(400);
  });

  it('refuses oversized requests', async () => {
    expect((await api('getAppInfo', `[${'0,'.repeat(600_000)}0]`)).status).toBe(413);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await send(server.origin, '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await send(server.origin, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
