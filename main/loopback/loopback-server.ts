import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_EVENTS_PATH, LOOPBACK_SESSION_EVENTS_PATH, requestBodyLimit, type MainEventName, type MainEvents, type TrucelineApi } from '../../shared/ipc/contract';
import { EVIDENCE_PATH_PREFIX } from '../../shared/ipc/evidence-route';
import { LOOPBACK_SESSION_SCREEN_PATH, type SessionScreenReply } from '../../shared/ipc/session-screen-route';
import { sessionEvidenceRefusal } from '../../shared/session/session-evidence';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy';
import { evidenceReply, type EvidenceChunks } from '../host/evidence-reply';
import { readStaticFile } from '../host/static-files';
import type { MainEventListener } from '../services/main-events';
import { parseRequestTarget } from './request-target';

const LOOPBACK_HOST = '127.0.0.1';
const API_PREFIX = '/api/';
/** Where the launch link points: its one-time token is exchanged here for the session cookie. */
export const SESSION_PATH = '/session';
const TEXT = 'text/plain; charset=utf-8';
const SESSION_PAGE = '/session.html';
/** The operations the session window may call: its public view and the basemap its map draws. */
const SESSION_WINDOW_OPERATIONS: ReadonlySet<string> = new Set(['getSessionView', 'getBasemap']);
/** One-time session-window links not yet opened, and session-window cookies, kept at most. */
const ROOM_CREDENTIALS_KEPT = 8;

export interface LoopbackServer {
  readonly origin: string;
  /**
   * The address to open, once: it carries a one-time bootstrap token that the first load exchanges
   * for an HttpOnly, SameSite=Strict session cookie, so that the address (in the process list, in
   * the browser's history) is worthless afterwards.
   */
  readonly launchUrl: string;
  /**
   * The session window's own origin (a second port): it serves the session page, getSessionView,
   * getBasemap, the current agenda item's evidence and the sessionView stream to the holder of a session-window cookie, and
   * nothing else.
   */
  readonly sessionOrigin: string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  readonly handlers: TrucelineApi;
  readonly rendererDir: string;
  /** The services' events, pushed to the page as Server-Sent Events. */
  readonly events?: { subscribe(listener: MainEventListener): () => void };
  /** Verified evidence chunks, served as binary under EVIDENCE_PATH_PREFIX; absent, that route answers 404. */
  readonly evidence?: EvidenceChunks;
  readonly port?: number;
}

/**
 * Serves the renderer, the typed API and its events to a browser on this machine only. Every API
 * call and the event stream need the session cookie that only the launch link's first load gets;
 * requests naming another Host or Origin are refused, which also defeats DNS rebinding.
 *
 * The session window lives on a second listener, another origin: the desk mints a one-time link to
 * it (LOOPBACK_SESSION_SCREEN_PATH), and its cookie opens only the public session routes there
 * (its page, getSessionView, getBasemap, the current agenda item's evidence chunks and the sessionView stream).
 * The desk's cookie rides along (cookies ignore ports) but is worthless on that origin, and the
 * page's content security policy (connect-src 'self') keeps its scripts off the desk's origin.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const bootstrapToken = Buffer.from(randomBytes(32).toString('base64url'));
  let bootstrapUsed = false;
  let session: Buffer | undefined;
  let origin = '';
  let cookieName = '';
  const streams = new Set<ServerResponse>();
  /** The session windows' streams: they get `sessionView` events only. */
  const sessionStreams = new Set<ServerResponse>();
  let roomOrigin = '';
  let roomCookieName = '';
  const roomLinkTokens: string[] = [];
  const roomSessions: string[] = [];

  const server = createServer(guarded(handle));
  const roomServer = createServer(guarded(handleRoom));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (`http://${request.headers.host ?? ''}` !== origin) return send(response, 421, TEXT, 'wrong host');
    const target = parseRequestTarget(request.url);
    if (!target.ok) return send(response, 400, TEXT, target.reason);
    if (target.path === SESSION_PATH) return exchangeBootstrapToken(request, response, target.query.get('token') ?? '');
    if (target.path === LOOPBACK_EVENTS_PATH) return openEventStream(request, response, streams);
    if (target.path === LOOPBACK_SESSION_SCREEN_PATH) return mintSessionScreenLink(request, response);
    if (target.path.startsWith(API_PREFIX)) return handleApi(request, response, target.path.slice(API_PREFIX.length));
    if (target.path.startsWith(EVIDENCE_PATH_PREFIX)) return serveEvidence(request, response, target.path);
    return serveStatic(request, response, target.path);
  }

  /** A file of the renderer's folder, to GET or HEAD. */
  async function serveStatic(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, TEXT, 'method not allowed');
    const file = await readStaticFile(options.rendererDir, path);
    if (!file) return send(response, 404, TEXT, 'not found');
    send(response, 200, file.contentType, request.method === 'HEAD' ? '' : file.body);
  }

  function exchangeBootstrapToken(request: IncomingMessage, response: ServerResponse, token: string): void {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    if (bootstrapUsed || !sameSecret(Buffer.from(token), bootstrapToken)) {
      return send(response, 403, TEXT, 'this launch link was used already or is wrong: start Truceline again for a new one');
    }
    bootstrapUsed = true;
    const id = randomBytes(32).toString('base64url');
    session = Buffer.from(id);
    send(response, 303, TEXT, 'signed in', { location: '/', 'set-cookie': `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/` });
  }

  function hasSession(request: IncomingMessage): boolean {
    const presented = cookieValue(request.headers.cookie, cookieName);
    return session !== undefined && presented !== undefined && sameSecret(Buffer.from(presented), session);
  }

  /** Why the request may not use the API or its events, or `undefined` when it may. */
  function refusal(request: IncomingMessage): string | undefined {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return 'wrong origin';
    if (!hasSession(request)) return 'no session: open the address Truceline printed at start (it works once)';
    return undefined;
  }

  function mintSessionScreenLink(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusal(request);
    if (refused) return send(response, 403, TEXT, refused);
    const token = randomBytes(32).toString('base64url');
    keepNewest(roomLinkTokens, token);
    const reply: SessionScreenReply = { url: `${roomOrigin}${SESSION_PATH}?token=${token}` };
    send(response, 200, 'application/json', JSON.stringify(reply));
  }

  /** The session window's origin: its one-time link, its page and assets, its operations, evidence and its stream; 403 for anything else. */
  async function handleRoom(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (`http://${request.headers.host ?? ''}` !== roomOrigin) return send(response, 421, TEXT, 'wrong host');
    const target = parseRequestTarget(request.url);
    if (!target.ok) return send(response, 400, TEXT, target.reason);
    if (target.path === SESSION_PATH) return exchangeRoomLinkToken(request, response, target.query.get('token') ?? '');
    if (target.path === LOOPBACK_SESSION_EVENTS_PATH) return openEventStream(request, response, sessionStreams, roomRefusal);
    const operation = target.path.startsWith(API_PREFIX) ? target.path.slice(API_PREFIX.length) : '';
    if (SESSION_WINDOW_OPERATIONS.has(operation)) return handleApi(request, response, operation, roomRefusal);
    if (target.path.startsWith(EVIDENCE_PATH_PREFIX)) return serveEvidence(request, response, target.path, roomRefusal, currentItemRefusal);
    if (target.path !== SESSION_PAGE && !target.path.startsWith('/assets/')) return send(response, 403, TEXT, 'the session window may use only the public session routes');
    return serveStatic(request, response, target.path);
  }

  function exchangeRoomLinkToken(request: IncomingMessage, response: ServerResponse, token: string): void {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    const at = roomLinkTokens.findIndex((pending) => sameSecret(Buffer.from(token), Buffer.from(pending)));
    if (at < 0) return send(response, 403, TEXT, 'this session window link was used already or is wrong: open the session window from the desk again');
    roomLinkTokens.splice(at, 1);
    const id = randomBytes(32).toString('base64url');
    keepNewest(roomSessions, id);
    send(response, 303, TEXT, 'session window signed in', { location: SESSION_PAGE, 'set-cookie': `${roomCookieName}=${id}; HttpOnly; SameSite=Strict; Path=/` });
  }

  function roomRefusal(request: IncomingMessage): string | undefined {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== roomOrigin) return 'wrong origin';
    const presented = cookieValue(request.headers.cookie, roomCookieName);
    if (presented === undefined || !roomSessions.some((id) => sameSecret(Buffer.from(presented), Buffer.from(id)))) return 'no session window: open it from the desk';
    return undefined;
  }

  /** The room screen plays the current agenda item's evidence only; anything else is 403. */
  async function currentItemRefusal(path: string): Promise<string | undefined> {
    try {
      return sessionEvidenceRefusal(await options.handlers.getSessionView(), path);
    } catch (error) {
      return `no session view, so no evidence for the room: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse, into: Set<ServerResponse>, refusalOf = refusal): void {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusalOf(request);
    if (refused) return send(response, 403, TEXT, refused);
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream' });
    response.write(': events of the Truceline services\n\n');
    into.add(response);
    request.on('close', () => into.delete(response));
  }

  function broadcast<K extends MainEventName>(event: K, payload: MainEvents[K]): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) stream.write(frame);
    if (event === 'sessionView') for (const stream of sessionStreams) stream.write(frame);
  }

  async function serveEvidence(
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    refusalOf = refusal,
    pathRefusal: (path: string) => Promise<string | undefined> = async () => undefined,
  ): Promise<void> {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusalOf(request);
    if (refused) return send(response, 403, TEXT, refused);
    if (!options.evidence) return send(response, 404, TEXT, 'this server serves no evidence');
    const notServed = await pathRefusal(path);
    if (notServed) return send(response, 403, TEXT, notServed);
    const reply = await evidenceReply(options.evidence, path);
    send(response, reply.status, reply.contentType, typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, operation: string, refusalOf = refusal): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusalOf(request);
    if (refused) return send(response, 403, TEXT, refused);
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) return send(response, 415, TEXT, 'the request body must be application/json');
    const limit = requestBodyLimit(operation);
    if (Number(request.headers['content-length'] ?? 0) > limit) return send(response, 413, TEXT, 'request too large');
    const body = await readBody(request, limit);
    if (body === undefined) return send(response, 413, TEXT, 'request too large');
    let args: unknown;
    try {
      args = JSON.parse(body.toString('utf8'));
    } catch {
      return send(response, 400, TEXT, 'request body is not JSON');
    }
    const reply = await dispatch(options.handlers, operation, args);
    send(response, 200, 'application/json', JSON.stringify(reply));
  }

  const port = await listen(server, options.port ?? 0);
  origin = `http://${LOOPBACK_HOST}:${port}`;
  // Cookies are not separated by port: the port in the name keeps two running workstations apart.
  cookieName = `truceline-session-${port}`;
  const roomPort = await listen(roomServer, 0);
  roomOrigin = `http://${LOOPBACK_HOST}:${roomPort}`;
  roomCookieName = `truceline-room-${roomPort}`;
  const unsubscribe = options.events?.subscribe(broadcast);
  return {
    origin,
    launchUrl: `${origin}${SESSION_PATH}?token=${bootstrapToken.toString()}`,
    sessionOrigin: roomOrigin,
    close: async () => {
      unsubscribe?.();
      for (const stream of [...streams, ...sessionStreams]) stream.end();
      await Promise.all([server, roomServer].map((each) => new Promise<void>((resolve) => each.close(() => resolve()))));
    },
  };
}

function guarded(handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>) {
  return (request: IncomingMessage, response: ServerResponse) => {
    handler(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, TEXT, 'internal error');
      else response.end();
    });
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, resolve);
  });
  return (server.address() as AddressInfo).port;
}

function keepNewest(kept: string[], value: string): void {
  kept.push(value);
  if (kept.length > ROOM_CREDENTIALS_KEPT) kept.shift();
}

function sameSecret(presented: Buffer, expected: Buffer): boolean {
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The body, or `undefined` when it exceeds the limit (the rest is drained and discarded). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
} as const;

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers, 'content-type': contentType });
  response.end(body);
}
