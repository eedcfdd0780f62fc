import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_EVENTS_PATH, LOOPBACK_SESSION_EVENTS_PATH, requestBodyLimit, type MainEventName, type MainEvents, type TrucelineApi } from '../../shared/ipc/contract';
import { EVIDENCE_PATH_PREFIX } from '../../shared/ipc/evidence-route';
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

export interface LoopbackServer {
  readonly origin: string;
  /**
   * The address to open, once: it carries a one-time bootstrap token that the first load exchanges
   * for an HttpOnly, SameSite=Strict session cookie, so that the address (in the process list, in
   * the browser's history) is worthless afterwards.
   */
  readonly launchUrl: string;
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

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, TEXT, 'internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (`http://${request.headers.host ?? ''}` !== origin) return send(response, 421, TEXT, 'wrong host');
    const target = parseRequestTarget(request.url);
    if (!target.ok) return send(response, 400, TEXT, target.reason);
    if (target.path === SESSION_PATH) return exchangeBootstrapToken(request, response, target.query.get('token') ?? '');
    if (target.path === LOOPBACK_EVENTS_PATH) return openEventStream(request, response, streams);
    if (target.path === LOOPBACK_SESSION_EVENTS_PATH) return openEventStream(request, response, sessionStreams);
    if (target.path.startsWith(API_PREFIX)) return handleApi(request, response, target.path.slice(API_PREFIX.length));
    if (target.path.startsWith(EVIDENCE_PATH_PREFIX)) return serveEvidence(request, response, target.path);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, TEXT, 'method not allowed');
    const file = await readStaticFile(options.rendererDir, target.path);
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

  function openEventStream(request: IncomingMessage, response: ServerResponse, into: Set<ServerResponse>): void {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusal(request);
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

  async function serveEvidence(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusal(request);
    if (refused) return send(response, 403, TEXT, refused);
    if (!options.evidence) return send(response, 404, TEXT, 'this server serves no evidence');
    const reply = await evidenceReply(options.evidence, path);
    send(response, reply.status, reply.contentType, typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength));
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, operation: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, TEXT, 'method not allowed');
    const refused = refusal(request);
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${LOOPBACK_HOST}:${port}`;
  // Cookies are not separated by port: the port in the name keeps two running workstations apart.
  cookieName = `truceline-session-${port}`;
  const unsubscribe = options.events?.subscribe(broadcast);
  return {
    origin,
    launchUrl: `${origin}${SESSION_PATH}?token=${bootstrapToken.toString()}`,
    close: () => {
      unsubscribe?.();
      for (const stream of [...streams, ...sessionStreams]) stream.end();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
