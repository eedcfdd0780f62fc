import type { DecodeFailureCode, DecodeReply, DecodeRequest } from './evidence-decoder-protocol';
import type { PlaybackEvidence } from './playback-evidence';

/** A chunk that did not decode, or a decoder that failed; the message is one line. */
export class EvidenceDecodeError extends Error {
  constructor(
    readonly code: DecodeFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'EvidenceDecodeError';
  }
}

/** The chunks' bytes, already verified against the signed evidence list; they are transferred, leaving these buffers detached. */
export interface EvidenceChunkBuffers {
  readonly detections: ArrayBuffer;
  readonly tracks?: ArrayBuffer;
  /** Epoch ms the seconds count from; the earliest detection or vertex when not given. */
  readonly windowStartMs?: number;
}

/** The part of a Worker the decoder uses, so tests can stand in for it. */
export interface DecoderWorker {
  postMessage(message: DecodeRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface EvidenceDecoder {
  decode(chunks: EvidenceChunkBuffers): Promise<PlaybackEvidence>;
  /** Stops the worker; decodes still waiting fail with `worker-failed`. */
  dispose(): void;
}

export function spawnDecoderWorker(): DecoderWorker {
  return new Worker(new URL('./evidence-decoder.worker.ts', import.meta.url), { type: 'module', name: 'evidence-decoder' });
}

interface Pending {
  readonly resolve: (evidence: PlaybackEvidence) => void;
  readonly reject: (error: EvidenceDecodeError) => void;
}

/** One worker, started on the first decode and again after it failed; decodes run in the order asked. */
export function createEvidenceDecoder(spawn: () => DecoderWorker = spawnDecoderWorker): EvidenceDecoder {
  let worker: DecoderWorker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const waiting of pending.values()) waiting.reject(new EvidenceDecodeError('worker-failed', message));
    pending.clear();
  };

  const started = (): DecoderWorker => {
    if (worker) return worker;
    const spawned = spawn();
    spawned.onmessage = ({ data: reply }) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.evidence);
      else waiting.reject(new EvidenceDecodeError(reply.code, `${reply.code}: ${reply.message}`));
    };
    spawned.onerror = (event) => {
      spawned.terminate();
      if (worker === spawned) worker = undefined;
      failAll(`evidence decoder worker failed: ${event.message || 'no reason given'}`);
    };
    worker = spawned;
    return spawned;
  };

  return {
    decode(chunks) {
      const request: DecodeRequest = { id: nextId++, detections: chunks.detections, tracks: chunks.tracks, windowStartMs: chunks.windowStartMs };
      const transfer = chunks.tracks ? [chunks.detections, chunks.tracks] : [chunks.detections];
      return new Promise<PlaybackEvidence>((resolve, reject) => {
        const unsendable = unsendableReason(chunks);
        if (unsendable) return reject(new EvidenceDecodeError('decode-failed', `decode-failed: ${unsendable}`));
        pending.set(request.id, { resolve, reject });
        try {
          started().postMessage(request, transfer);
        } catch (error) {
          pending.delete(request.id);
          reject(new EvidenceDecodeError('decode-failed', `decode-failed: the chunks could not be sent to the decoder: ${error instanceof Error ? error.message : String(error)}`));
        }
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      failAll('evidence decoder stopped');
    },
  };
}

/** Decodes once in a worker of its own, stopped afterwards. */
export async function decodeEvidence(chunks: EvidenceChunkBuffers, spawn?: () => DecoderWorker): Promise<PlaybackEvidence> {
  const decoder = createEvidenceDecoder(spawn);
  try {
    return await decoder.decode(chunks);
  } finally {
    decoder.dispose();
  }
}

/** A buffer of no bytes is empty or was already transferred (detached): either way there is nothing to decode. */
function unsendableReason(chunks: EvidenceChunkBuffers): string | undefined {
  if (chunks.detections.byteLength === 0) return 'the detections chunk has no bytes (empty, or already handed to a decoder)';
  if (chunks.tracks && chunks.tracks.byteLength === 0) return 'the tracks chunk has no bytes (empty, or already handed to a decoder)';
  if (chunks.tracks === chunks.detections) return 'the detections and tracks chunks are the same buffer';
  return undefined;
}
