import { EvidenceError, type EvidenceErrorCode } from '../../shared/evidence/evidence-error';
import { decodePlaybackEvidence } from './decode-playback-evidence';
import { transferablesOf, type PlaybackEvidence } from './playback-evidence';

/** The chunk buffers are transferred to the worker: the sender's copies become detached. */
export interface DecodeRequest {
  readonly id: number;
  readonly detections: ArrayBuffer;
  readonly tracks?: ArrayBuffer;
  readonly windowStartMs?: number;
}

/** What went wrong besides a refused chunk: a bad request, or a failure of the worker itself. */
export type DecodeFailureCode = EvidenceErrorCode | 'decode-failed' | 'worker-failed';

export type DecodeReply =
  { readonly id: number; readonly ok: true; readonly evidence: PlaybackEvidence } | { readonly id: number; readonly ok: false; readonly code: DecodeFailureCode; readonly message: string };

export interface OutgoingMessage<Message> {
  readonly message: Message;
  readonly transfer: Transferable[];
}

/** The worker's whole job, apart from messaging: decode, or say in one line why not. */
export function answerDecodeRequest(request: DecodeRequest): OutgoingMessage<DecodeReply> {
  try {
    const evidence = decodePlaybackEvidence({
      detections: new Uint8Array(request.detections),
      tracks: request.tracks && new Uint8Array(request.tracks),
      windowStartMs: request.windowStartMs,
    });
    return { message: { id: request.id, ok: true, evidence }, transfer: transferablesOf(evidence) };
  } catch (error) {
    const code: DecodeFailureCode = error instanceof EvidenceError ? error.code : 'decode-failed';
    return { message: { id: request.id, ok: false, code, message: oneLine(error) }, transfer: [] };
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
