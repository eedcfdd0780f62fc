import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../main/loopback/loopback-server';
import { MainEventHub } from '../../../main/services/main-events';
import { handlersForTransport } from '../api/handlers-for-transport';

const handlers = handlersForTransport({ name: 'Truceline', version: '9.9.9', host: 'chromium', testMode: false });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(origin: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(origin);
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The status of a request whose target is sent byte for byte, as no well-behaved client would. */
function rawStatus(origin: string, target: string): Promise<number> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

describe('loopback server (the Chromium host)', () => {
  let server: LoopbackServer;
  let cookie: string;
  const events = new MainEventHub();
  const rendererDir = mkdtempSync(join(tmpdir(), 'truceline-renderer-'));

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(rendererDir, 'session.html'), '<!doctype html><title>room</title>');
    writeFileSync(join(rendererDir, '..', 'outside.txt'), 'outside');
    symlinkSync(join(rendererDir, '..', 'outside.txt'), join(rendererDir, 'link.txt'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'session.js'), '');
    server = await startLoopbackServer({ handlers, rendererDir, events });
  });
  afterAll(() => server.close());

  const launchPath = () => new URL(server.launchUrl).pathname + new URL(server.launchUrl).search;
  const api = (op: string, body: string, headers: Record<string, string> = {}) =>
    send(server.origin, `/api/${op}`, { method: 'POST', body, headers: { 'content-type': 'application/json', cookie, ...headers } });

  it('listens on 127.0.0.1 only; the launch link carries a one-time token, no fragment secret', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.launchUrl).toMatch(new RegExp(`^${server.origin}/session\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses API calls and events before the launch link was opened', async () => {
    expect((await send(server.origin, '/api/getAppInfo', { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } })).status).toBe(403);
    expect((await send(server.origin, '/events')).status).toBe(403);
  });

  it('exchanges the token once for an HttpOnly, SameSite=Strict session cookie; the link is refused after that', async () => {
    const first = await send(server.origin, launchPath());
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(new URL(server.launchUrl).searchParams.get('token'));
    cookie = setCookie.split(';', 1)[0]!;
    // What `ps` showed (the launch link) is worthless now.
    const second = await send(server.origin, launchPath());
    expect(second.status).toBe(403);
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('serves the renderer with a strict content security policy', async () => {
    const reply = await send(server.origin, '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>t</title>');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers a call that carries the session cookie', async () => {
    const reply = await api('getAppInfo', '[]');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { name: 'Truceline', version: '9.9.9', host: 'chromium', testMode: false } });
  });

  it('refuses a call without the cookie, with a wrong one, or with the used token as cookie', async () => {
    const [name, value] = cookie.split('=') as [string, string];
    expect((await api('getAppInfo', '[]', { cookie: '' })).status).toBe(403);
    expect((await api('getAppInfo', '[]', { cookie: `${name}=${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}` })).status).toBe(403);
    expect((await api('getAppInfo', '[]', { cookie: `${name}=${new URL(server.launchUrl).searchParams.get('token')}` })).status).toBe(403);
  });

  it('refuses another Host (DNS rebinding), another Origin, and a body that is not JSON by type', async () => {
    expect((await api('getAppInfo', '[]', { host: 'evil.example:80' })).status).toBe(421);
    expect((await api('getAppInfo', '[]', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('getAppInfo', '[]', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('carries error codes: unknown operations, bad arguments, typed service errors', async () => {
    expect(JSON.parse((await api('deleteEverything', '[]')).body)).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(JSON.parse((await api('getAppInfo', '[1]')).body)).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: 'getAppInfo: expected no arguments, got 1' } });
    expect(JSON.parse((await api('getAppInfo', '{}')).body)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(JSON.parse((await api('getIncident', JSON.stringify(['b'.repeat(64)]))).body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await api('getAppInfo', 'not json')).status).toBe(400);
  });

  it('refuses oversized requests', async () => {
    expect((await api('getAppInfo', `[${'0,'.repeat(600_000)}0]`)).status).toBe(413);
  });

  it('takes a roster pack of up to 8 MiB as base64, and no more', async () => {
    const base64Of = (bytes: number) => 'A'.repeat(4 * Math.ceil(bytes / 3));
    expect(JSON.parse((await api('inspectRosterPack', JSON.stringify([base64Of(2 * 1024 * 1024)]))).body)).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(JSON.parse((await api('inspectRosterPack', JSON.stringify([base64Of(8 * 1024 * 1024 + 3)]))).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments', message: 'inspectRosterPack: the roster file is larger than 8 MiB' },
    });
    expect((await api('inspectRosterPack', JSON.stringify([base64Of(10 * 1024 * 1024)]))).status).toBe(413);
  });

  it('pushes main-process events as Server-Sent Events to a signed-in page', async () => {
    const url = new URL(server.origin);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/events', headers: { cookie } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('\n\n') && !text.includes('storeChanged')) events.emit('storeChanged', { objectsAdded: 3, objectsQuarantined: 1 });
          if (text.includes('"objectsQuarantined":1}\n\n')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: storeChanged\ndata: {"objectsAdded":3,"objectsQuarantined":1}\n\n');
  });

  it('answers malformed request targets with 400, never 500', async () => {
    for (const target of [
      '/%E0%A4%A',
      '/%',
      '/api/get%ZZ',
      `http://${new URL(server.origin).host}/index.html`,
      '*',
      '//evil.example/x',
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../index.html',
      '/%00',
      '/a%5c..%5cb',
      '/?token=%E0',
    ]) {
      expect(await rawStatus(server.origin, target), target).toBe(400);
    }
  });

  it('serves no file outside the renderer folder, through a symlink neither', async () => {
    expect((await send(server.origin, '/link.txt')).status).toBe(404);
    expect((await send(server.origin, '/assets')).status).toBe(404);
    expect((await send(server.origin, '/index.html')).status).toBe(200);
  });

  describe('the session window, on an origin of its own', () => {
    let roomCookie: string;
    const roomApi = (op: string, headers: Record<string, string> = {}) =>
      send(server.sessionOrigin, `/api/${op}`, { method: 'POST', body: '[]', headers: { 'content-type': 'application/json', cookie: roomCookie, ...headers } });
    const mintLink = async (headers: Record<string, string> = { cookie }) => send(server.origin, '/session-screen', { method: 'POST', headers });
    const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

    it('is another port on 127.0.0.1; only the desk can mint its one-time link', async () => {
      expect(server.sessionOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.sessionOrigin).not.toBe(server.origin);
      expect((await mintLink({})).status).toBe(403);
      expect((await mintLink({ cookie, origin: server.sessionOrigin })).status).toBe(403);
      expect((await send(server.origin, '/session-screen', { headers: { cookie } })).status).toBe(405);
    });

    it('exchanges the link once for its own HttpOnly, SameSite=Strict cookie and opens the session page', async () => {
      const { url } = JSON.parse((await mintLink()).body) as { url: string };
      expect(url).toMatch(new RegExp(`^${server.sessionOrigin}/session\\?token=[A-Za-z0-9_-]{43}$`));
      expect((await send(server.sessionOrigin, '/session?token=wrong')).status).toBe(403);
      const first = await send(server.sessionOrigin, pathOf(url));
      expect(first.status).toBe(303);
      expect(first.headers['location']).toBe('/session.html');
      const setCookie = String(first.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      roomCookie = setCookie.split(';', 1)[0]!;
      expect(roomCookie.split('=')[0]).not.toBe(cookie.split('=')[0]);
      expect((await send(server.sessionOrigin, pathOf(url))).status).toBe(403);
    });

    it('answers getSessionView, getBasemap, the session page and its assets', async () => {
      for (const op of ['getSessionView', 'getBasemap']) {
        const reply = await roomApi(op);
        expect(reply.status, op).toBe(200);
        // The operation is dispatched to the services, as the desk's call is.
        expect(JSON.parse(reply.body), op).toEqual(JSON.parse((await api(op, '[]')).body));
      }
      // Evidence is served to the session window (this server has none to serve).
      expect((await send(server.sessionOrigin, `/evidence/${'a'.repeat(64)}/${'b'.repeat(64)}`, { headers: { cookie: roomCookie } })).status).toBe(404);
      expect((await send(server.sessionOrigin, `/evidence/${'a'.repeat(64)}/${'b'.repeat(64)}`)).status).toBe(403);
      expect((await send(server.sessionOrigin, '/session.html')).body).toContain('<title>room</title>');
      expect((await send(server.sessionOrigin, '/assets/session.js')).status).toBe(200);
    });

    it('refuses every desk operation, the desk page and the desk stream with 403, with the room cookie or the desk one', async () => {
      for (const op of ['getKeyStatus', 'getAppInfo', 'getDraft', 'setAgenda', 'stepAgenda', 'listIncidents', 'getIncident', 'deleteEverything']) {
        expect((await roomApi(op)).status, op).toBe(403);
        expect((await roomApi(op, { cookie: `${roomCookie}; ${cookie}` })).status, op).toBe(403);
      }
      for (const path of ['/', '/index.html', '/events', '/session-screen', '/link.txt']) {
        expect((await send(server.sessionOrigin, path, { headers: { cookie: `${roomCookie}; ${cookie}` } })).status, path).toBe(403);
      }
      // The desk's cookie opens nothing of the session origin's own routes either.
      expect((await roomApi('getSessionView', { cookie })).status).toBe(403);
      expect((await send(server.sessionOrigin, '/session/events', { headers: { cookie } })).status).toBe(403);
      // And the room's cookie, sent to the desk's origin, opens nothing there.
      expect((await api('getKeyStatus', '[]', { cookie: roomCookie })).status).toBe(403);
      expect((await api('getSessionView', '[]', { cookie: roomCookie, origin: server.sessionOrigin })).status).toBe(403);
      expect((await send(server.origin, '/events', { headers: { cookie: roomCookie } })).status).toBe(403);
    });

    it('refuses another Host or Origin on the session origin', async () => {
      expect((await roomApi('getSessionView', { host: 'evil.example:80' })).status).toBe(421);
      expect((await roomApi('getSessionView', { origin: server.origin })).status).toBe(403);
    });

    it('gives the session window a stream that carries the public session view and no other event', async () => {
      const url = new URL(server.sessionOrigin);
      const view = { commission: 'C', screen: 'blank', position: { index: 0, count: 0 }, current: null, board: [], playback: { playheadSeconds: 0, playing: false, speed: 1 } } as const;
      const received = await new Promise<string>((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: '/session/events', headers: { cookie: roomCookie } }, (res) => {
          expect(res.statusCode).toBe(200);
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('\n\n') && !text.includes('event:')) {
              events.emit('keyStatus', { state: 'unlocked' } as never);
              events.emit('storeChanged', { objectsAdded: 1, objectsQuarantined: 0 });
              events.emit('sessionView', view);
            }
            if (text.includes('"speed":1}}\n\n')) {
              req.destroy();
              resolve(text);
            }
          });
        });
        req.on('error', reject);
        req.end();
      });
      expect(received.match(/^event: .*$/gm)).toEqual(['event: sessionView']);
      expect((await send(server.sessionOrigin, '/session/events')).status).toBe(403);
    });
  });
});
