import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidencePath } from '../../../shared/ipc/evidence-route';
import { NO_PLAYBACK, type SessionView } from '../../../shared/session/session-view';
import { startLoopbackServer, type LoopbackServer } from '../../../main/loopback/loopback-server';
import { handlersForTransport } from '../api/handlers-for-transport';
import { evidenceStore, type EvidenceStore } from '../services/fixtures/evidence-store';
import { removeTempDirs, type IncidentBundle } from '../store/fixtures/store-fixtures';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function get(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (reply: Reply) => JSON.parse(reply.body.toString('utf8')) as unknown;

/** The room's view with the bundle's incident as the current agenda item (only what the evidence route reads is real). */
function viewShowing(bundle: IncidentBundle | null, screen: SessionView['screen'] = 'live'): SessionView {
  const evidence = bundle?.chunks.map((chunk) => ({ name: `${chunk.role}.arrow`, role: chunk.role, sha256: chunk.id, size: chunk.bytes.length, present: true })) ?? [];
  const current = bundle === null ? null : { incident: bundle.incident.id, facts: {} as never, evidence, tally: {} as never };
  return { commission: 'C', screen, position: { index: 0, count: 2 }, current, board: [], playback: NO_PLAYBACK };
}

describe('the loopback evidence route', () => {
  let fixture: EvidenceStore;
  let server: LoopbackServer;
  let cookie: string;
  let roomCookie: string;
  /** What getSessionView answers: the agenda item on the room screen. */
  let roomView: SessionView = viewShowing(null);
  const rendererDir = mkdtempSync(join(tmpdir(), 'truceline-renderer-'));
  const handlers = { ...handlersForTransport({ name: 'Truceline', version: '9.9.9', host: 'chromium', testMode: false }), getSessionView: async () => roomView };

  beforeAll(async () => {
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    fixture = await evidenceStore(2);
    server = await startLoopbackServer({ handlers, rendererDir, evidence: fixture.evidence });
    const launch = new URL(server.launchUrl);
    cookie = String((await get(server.origin, launch.pathname + launch.search)).headers['set-cookie']).split(';', 1)[0]!;
    const { url } = json(await get(server.origin, '/session-screen', { cookie, origin: server.origin }, 'POST')) as { url: string };
    roomCookie = String((await get(server.sessionOrigin, new URL(url).pathname + new URL(url).search)).headers['set-cookie']).split(';', 1)[0]!;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    fixture?.store.close();
    rmSync(rendererDir, { recursive: true, force: true });
    removeTempDirs();
  });

  const first = () => fixture.bundles[0]!;
  const detections = () => first().chunks.find((c) => c.role === 'detections')!;
  const goodPath = () => evidencePath(first().incident.id, detections().id);

  it('answers a signed-in page with the verified chunk as binary Arrow, never cached', async () => {
    const reply = await get(server.origin, goodPath(), { cookie, origin: server.origin });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/vnd.apache.arrow.file');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.body.equals(Buffer.from(detections().bytes))).toBe(true);
  });

  it('refuses a request without the session cookie, or from another Origin', async () => {
    expect((await get(server.origin, goodPath())).status).toBe(403);
    expect((await get(server.origin, goodPath(), { cookie: `${cookie.split('=')[0]!}=wrong` })).status).toBe(403);
    expect((await get(server.origin, goodPath(), { cookie, origin: 'http://evil.example' })).status).toBe(403);
  });

  describe("on the session window's origin", () => {
    const room = (bundle: IncidentBundle, role: 'detections' | 'tracks' = 'detections') =>
      get(server.sessionOrigin, evidencePath(bundle.incident.id, bundle.chunks.find((c) => c.role === role)!.id), { cookie: roomCookie });

    it("serves the current agenda item's chunks and refuses another incident's verified chunk", async () => {
      roomView = viewShowing(first());
      const current = await room(first());
      expect(current.status).toBe(200);
      expect(current.body.equals(Buffer.from(detections().bytes))).toBe(true);
      const other = await room(fixture.bundles[1]!);
      expect(other.status).toBe(403);
      expect(other.body.toString('utf8')).toBe("the room plays only the current agenda item's evidence");
      // The desk still gets the other incident's chunk: the restriction is the room's alone.
      expect((await get(server.origin, evidencePath(fixture.bundles[1]!.incident.id, fixture.bundles[1]!.chunks[0]!.id), { cookie })).status).toBe(200);
    });

    it("refuses a chunk the current item does not list, named under the current item's id", async () => {
      roomView = viewShowing(first());
      const foreign = fixture.bundles[1]!.chunks[0]!.id;
      expect((await get(server.sessionOrigin, evidencePath(first().incident.id, foreign), { cookie: roomCookie })).status).toBe(403);
    });

    it('refuses the old item once the agenda stepped on, and everything while the screen is blank or the agenda empty', async () => {
      roomView = viewShowing(fixture.bundles[1]!);
      expect((await room(fixture.bundles[1]!)).status).toBe(200);
      expect((await room(first())).status).toBe(403);
      roomView = viewShowing(fixture.bundles[1]!, 'blank');
      expect((await room(fixture.bundles[1]!)).status).toBe(403);
      roomView = viewShowing(null);
      expect((await room(fixture.bundles[1]!)).status).toBe(403);
    });

    it('refuses the desk cookie there', async () => {
      roomView = viewShowing(first());
      expect((await get(server.sessionOrigin, goodPath(), { cookie })).status).toBe(403);
    });
  });

  it('answers malformed ids with 400 and another method with 405', async () => {
    const { id } = first().incident;
    const sha = detections().id;
    for (const path of [
      `/evidence/${id.toUpperCase()}/${sha}`,
      `/evidence/${id.slice(1)}/${sha}`,
      `/evidence/${id}/${sha}g`,
      `/evidence/${id}`,
      `/evidence/${id}/${sha}/x`,
      '/evidence/',
      `/evidence/${id}/`,
    ]) {
      const reply = await get(server.origin, path, { cookie });
      expect(reply.status, path).toBe(400);
      expect(json(reply), path).toMatchObject({ code: 'invalid-arguments' });
    }
    expect((await get(server.origin, goodPath(), { cookie }, 'POST')).status).toBe(405);
  });

  it('answers a refusal as JSON {code, message}: 404 for what is not stored or not listed, 409 for damaged evidence', async () => {
    const unlisted = fixture.bundles[1]!.chunks[0]!.id;
    const notListed = await get(server.origin, evidencePath(first().incident.id, unlisted), { cookie });
    expect(notListed.status).toBe(404);
    expect(notListed.headers['content-type']).toBe('application/json');
    expect(json(notListed)).toEqual({ code: 'not-found', message: expect.stringContaining(`lists no evidence with SHA-256 ${unlisted.slice(0, 12)}…`) });

    const tracks = first().chunks.find((c) => c.role === 'tracks')!;
    writeFileSync(fixture.store.chunks.pathOf(tracks.id), Buffer.from(tracks.bytes).reverse());
    const damaged = await get(server.origin, evidencePath(first().incident.id, tracks.id), { cookie });
    expect(damaged.status).toBe(409);
    expect(json(damaged)).toEqual({
      code: 'evidence-damaged',
      message: expect.stringMatching(/^chunk tracks\.arrow \(.+\) of incident INC-2026-000001: its bytes hash to [0-9a-f]{64}, not the [0-9a-f]{64} the signed incident lists$/),
    });
  });
});
