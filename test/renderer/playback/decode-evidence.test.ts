import { describe, expect, it } from 'vitest';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { encodeTracks } from '../../../shared/evidence/tracks-codec';
import { createEvidenceDecoder, decodeEvidence, EvidenceDecodeError, type DecoderWorker } from '../../../renderer/playback/decode-evidence';
import { decodePlaybackEvidence } from '../../../renderer/playback/decode-playback-evidence';
import { answerDecodeRequest, type DecodeReply, type DecodeRequest } from '../../../renderer/playback/evidence-decoder-protocol';
import { DAY_START_MS, syntheticDetections, syntheticTracks } from '../../shared/evidence/evidence-fixtures';

const detectionBytes = encodeDetections(syntheticDetections(2_000, 5));
const trackBytes = encodeTracks(syntheticTracks(40, 6));

/** A worker in this thread: the messages cross by structured clone with transfer, as between threads. */
class InThreadWorker implements DecoderWorker {
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  failNext = false;

  postMessage(message: DecodeRequest, transfer: Transferable[]): void {
    const received = structuredClone(message, { transfer });
    setTimeout(() => {
      if (this.terminated) return;
      if (this.failNext) return this.onerror?.({ message: 'out of memory' } as ErrorEvent);
      const reply = answerDecodeRequest(received);
      this.onmessage?.({ data: structuredClone(reply.message, { transfer: reply.transfer }) } as MessageEvent<DecodeReply>);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function spawner() {
  const spawned: InThreadWorker[] = [];
  return {
    spawned,
    spawn: () => {
      const worker = new InThreadWorker();
      spawned.push(worker);
      return worker;
    },
  };
}

const bufferOf = (bytes: Uint8Array) => bytes.slice().buffer;

describe('decoding evidence in a worker', () => {
  it('hands the chunks over (detaching them here) and gets the decoded columns back', async () => {
    const { spawn } = spawner();
    const detections = bufferOf(detectionBytes);
    const tracks = bufferOf(trackBytes);
    const decoding = decodeEvidence({ detections, tracks, windowStartMs: DAY_START_MS }, spawn);
    expect(detections.byteLength).toBe(0);
    expect(tracks.byteLength).toBe(0);
    const evidence = await decoding;
    const direct = decodePlaybackEvidence({ detections: detectionBytes, tracks: trackBytes, windowStartMs: DAY_START_MS });
    expect(evidence.detections.count).toBe(2_000);
    expect(evidence.detections.seconds).toEqual(direct.detections.seconds);
    expect(evidence.detections.lon).toEqual(direct.detections.lon);
    expect(evidence.countIndex.byBucket).toEqual(direct.countIndex.byBucket);
    expect(evidence.tracks!.positions).toEqual(direct.tracks!.positions);
    expect(evidence.tracks!.startIndices).toEqual(direct.tracks!.startIndices);
  });

  it('refuses a damaged chunk with its EvidenceError code in one line, and keeps the worker for the next chunk', async () => {
    const { spawn, spawned } = spawner();
    const decoder = createEvidenceDecoder(spawn);
    const damaged = detectionBytes.slice();
    damaged.fill(0, 0, 6);
    const failure = await decoder.decode({ detections: damaged.buffer }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EvidenceDecodeError);
    expect((failure as EvidenceDecodeError).code).toBe('not-arrow-file');
    expect((failure as EvidenceDecodeError).message).toMatch(/^not-arrow-file: detections chunk/);
    expect((failure as EvidenceDecodeError).message).not.toMatch(/\n/);
    await expect(decoder.decode({ detections: bufferOf(detectionBytes) })).resolves.toMatchObject({ detections: { count: 2_000 } });
    expect(spawned).toHaveLength(1);
    decoder.dispose();
    expect(spawned[0]!.terminated).toBe(true);
  });

  it('fails the waiting decodes when the worker fails, and starts a new worker for the next', async () => {
    const { spawn, spawned } = spawner();
    const decoder = createEvidenceDecoder(spawn);
    const first = decoder.decode({ detections: bufferOf(detectionBytes) });
    spawned[0]!.failNext = true;
    await expect(first).rejects.toMatchObject({ code: 'worker-failed', message: 'evidence decoder worker failed: out of memory' });
    expect(spawned[0]!.terminated).toBe(true);
    await expect(decoder.decode({ detections: bufferOf(detectionBytes) })).resolves.toMatchObject({ detections: { count: 2_000 } });
    expect(spawned).toHaveLength(2);
  });

  it('refuses chunks it cannot send (an already transferred buffer, one buffer twice) without a worker round trip', async () => {
    const { spawn } = spawner();
    const decoder = createEvidenceDecoder(spawn);
    const detections = bufferOf(detectionBytes);
    structuredClone(detections, { transfer: [detections] });
    await expect(decoder.decode({ detections })).rejects.toMatchObject({ code: 'decode-failed', message: expect.stringMatching(/already handed to a decoder/) });
    const same = bufferOf(detectionBytes);
    await expect(decoder.decode({ detections: same, tracks: same })).rejects.toMatchObject({ code: 'decode-failed', message: expect.stringMatching(/same buffer/) });
    expect(same.byteLength).toBe(detectionBytes.length);
  });

  it('fails decodes still waiting when disposed', async () => {
    const { spawn } = spawner();
    const decoder = createEvidenceDecoder(spawn);
    const waiting = decoder.decode({ detections: bufferOf(detectionBytes) });
    decoder.dispose();
    await expect(waiting).rejects.toMatchObject({ code: 'worker-failed', message: 'evidence decoder stopped' });
  });
});
