import { evidencePath } from '../../shared/ipc/evidence-route';
import { ApiError, isApiErrorCode } from '../../shared/ipc/errors';
import type { ObjectId } from '../../shared/objects/types';

export interface EvidenceFetchOptions {
  readonly fetchImpl?: typeof fetch;
  /** The page's origin; in a blob: worker a relative path has no base, so the path is resolved against it. */
  readonly origin?: string;
}

/**
 * The bytes of one evidence chunk that the main process verified against the signed incident's
 * evidence list (docs/EVIDENCE.md, "How verified chunks reach the renderer"). Both hosts serve it
 * on the page's own origin: the loopback server (with the session cookie) and Electron's app
 * scheme. A refusal throws an ApiError with its code (not-found, evidence-damaged, …) and its line.
 */
export async function fetchEvidenceChunk(incident: ObjectId, sha256: string, options: EvidenceFetchOptions = {}): Promise<ArrayBuffer> {
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const url = new URL(evidencePath(incident, sha256), options.origin ?? globalThis.location.origin).href;
  let response: Response;
  try {
    response = await fetchImpl(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError('unavailable', `chunk ${sha256.slice(0, 12)}…: the workstation service does not answer; it may have stopped`);
  }
  if (response.ok) return response.arrayBuffer();
  throw await refusalOf(response, sha256);
}

async function refusalOf(response: Response, sha256: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  if (/^application\/json\b/.test(response.headers.get('content-type') ?? '')) {
    try {
      const { code, message } = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (isApiErrorCode(code) && typeof message === 'string') return new ApiError(code, message);
    } catch {
      // Not the refusal's JSON: answered below from the status.
    }
  }
  const line = text.split('\n', 1)[0] ?? '';
  if (response.status === 403) return new ApiError('forbidden', `chunk ${sha256.slice(0, 12)}…: the workstation service refused this page: ${line}`);
  return new ApiError('unavailable', `chunk ${sha256.slice(0, 12)}…: the workstation service answered ${response.status} ${line}`.trimEnd());
}
