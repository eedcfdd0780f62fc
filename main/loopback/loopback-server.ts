import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK_SECRET_HEADER, type TrucelineApi } from '../../shared/ipc/contract';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../host/content-security-policy';
import { readStaticFile } from '../host/static-files';

const LOOPBACK_HOST = '127.0.0.1';
const MAX_REQUEST_BYTES = 1 << 20;
const API_PREFIX = '/api/';

export interface LoopbackServer {
  readonly origin: string;
  /** The address to open: the per-launch secret travels in the fragment, which is never sent over HTTP. */
  readonly launchUrl: string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  readonly handlers: TrucelineApi;
  readonly rendererDir: string;
  readonly port?: number;
}

/**
 * Serves the renderer and the typed API to a browser on this machine only. Every API call must
 * carry the per-launch secret; requests naming another Host or Origin are refused, which also
 * defeats DNS rebinding.
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const secret = randomBytes(32).toString('base64url');
  const expectedSecret = Buffer.from(secret);
  let origin = '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `internal error: ${String(error)}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (`http://${request.headers.host ?? ''}` !== origin) return send(response, 421, 'text/plain; charset=utf-8', 'wrong host');
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith(API_PREFIX)) return handleApi(request, response, url.pathname.slice(API_PREFIX.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) return send(response, 404, 'text/plain; charset=utf-8', 'not found');
    send(response, 200, file.contentType, request.method === 'HEAD' ? '' : file.body);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, operation: string): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return send(response, 403, 'text/plain; charset=utf-8', 'wrong origin');
    const presented = Buffer.from(String(request.headers[LOOPBACK_SECRET_HEADER] ?? ''));
    if (presented.length !== expectedSecret.length || !timingSafeEqual(presented, expectedSecret)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'missing or wrong launch secret');
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return send(response, 413, 'text/plain; charset=utf-8', 'request too large');
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, 'text/plain; charset=utf-8', 'request too large');
    let args: unknown;
    try {
      args = JSON.parse(body.toString('utf8'));
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'request body is not JSON');
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
  return {
    origin,
    launchUrl: `${origin}/#secret=${secret}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body, or `undefined` when it exceeds the limit (the rest is drained and discarded). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}
