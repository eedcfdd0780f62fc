import { describe, expect, it } from 'vitest';
import { fetchEvidenceChunk } from '../../../renderer/api/evidence-client';
import { ApiError } from '../../../shared/ipc/errors';
import type { ObjectId } from '../../../shared/objects/types';

const INCIDENT = 'a'.repeat(64) as ObjectId;
const CHUNK = 'b'.repeat(64);
const ORIGIN = 'http://127.0.0.1:4242';

function answering(response: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return response();
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const refusal = (status: number, body: string, contentType: string) => () => new Response(body, { status, headers: { 'content-type': contentType } });

describe('fetchEvidenceChunk', () => {
  it("asks the page's own origin for /evidence/<incident>/<sha256> with its cookie and hands back the bytes", async () => {
    const bytes = new Uint8Array([0x41, 0x52, 0x52, 0x4f, 0x57, 0x31, 0, 0]);
    const { calls, fetchImpl } = answering(() => new Response(bytes, { status: 200, headers: { 'content-type': 'application/vnd.apache.arrow.file' } }));
    const buffer = await fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl, origin: ORIGIN });
    expect(new Uint8Array(buffer)).toEqual(bytes);
    expect(calls).toEqual([{ url: `${ORIGIN}/evidence/${INCIDENT}/${CHUNK}`, init: { credentials: 'same-origin', cache: 'no-store' } }]);
  });

  it("throws the main process's refusal as an ApiError with its code and line", async () => {
    const message = `chunk detections.arrow (${CHUNK.slice(0, 12)}…) of incident INC-1: its bytes hash to ${'c'.repeat(64)}, not the ${CHUNK} the signed incident lists`;
    const { fetchImpl } = answering(refusal(409, JSON.stringify({ code: 'evidence-damaged', message }), 'application/json'));
    const error = await fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl, origin: ORIGIN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'evidence-damaged', message });
  });

  it('says forbidden when the host refuses the page, and unavailable when nothing answers or the answer is not a refusal', async () => {
    await expect(fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl: answering(refusal(403, 'wrong origin', 'text/plain')).fetchImpl, origin: ORIGIN })).rejects.toMatchObject({
      code: 'forbidden',
      message: `chunk ${CHUNK.slice(0, 12)}…: the workstation service refused this page: wrong origin`,
    });
    await expect(fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl: answering(refusal(500, 'internal error', 'text/plain')).fetchImpl, origin: ORIGIN })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl: answering(refusal(404, '{"code":"made-up","message":"x"}', 'application/json')).fetchImpl, origin: ORIGIN })).rejects.toMatchObject({
      code: 'unavailable',
    });
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(fetchEvidenceChunk(INCIDENT, CHUNK, { fetchImpl: down, origin: ORIGIN })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('does not answer') });
  });
});
