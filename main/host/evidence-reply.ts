import { parseEvidencePath } from '../../shared/ipc/evidence-route';
import { ApiError, type ApiErrorCode } from '../../shared/ipc/errors';
import type { ObjectId } from '../../shared/objects/types';

/** The evidence service as a host holds it: the reader worker's client, or the service itself in tests. */
export interface EvidenceChunks {
  chunk(incident: ObjectId, sha256: string): Promise<Uint8Array<ArrayBuffer>>;
}

/** Every chunk that plays is an Arrow IPC file (docs/EVIDENCE.md). */
export const EVIDENCE_MEDIA_TYPE = 'application/vnd.apache.arrow.file';

export interface EvidenceReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array<ArrayBuffer> | string;
}

const STATUS_OF_CODE: Partial<Record<ApiErrorCode, number>> = {
  'invalid-arguments': 400,
  forbidden: 403,
  'not-found': 404,
  'evidence-damaged': 409,
  busy: 503,
  unavailable: 503,
};

/**
 * What either host answers for an evidence path (already percent-decoded, under
 * EVIDENCE_PATH_PREFIX): the verified chunk's bytes, or its refusal as JSON `{code, message}`.
 */
export async function evidenceReply(evidence: EvidenceChunks, path: string): Promise<EvidenceReply> {
  const route = parseEvidencePath(path);
  if (!route.ok) return refusal('invalid-arguments', route.reason);
  try {
    return { status: 200, contentType: EVIDENCE_MEDIA_TYPE, body: await evidence.chunk(route.incident, route.sha256) };
  } catch (error) {
    return refusal(error instanceof ApiError ? error.code : 'internal', error instanceof Error ? error.message : String(error));
  }
}

function refusal(code: ApiErrorCode, message: string): EvidenceReply {
  return { status: STATUS_OF_CODE[code] ?? 500, contentType: 'application/json', body: JSON.stringify({ code, message }) };
}
