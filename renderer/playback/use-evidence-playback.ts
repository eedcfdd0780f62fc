import { useEffect, useState } from 'react';
import type { EvidenceView, IncidentDetail } from '../../shared/commission/views';
import { timestampMs } from '../../shared/objects/timestamp';
import { fetchEvidenceChunk } from '../api/evidence-client';
import { readableError } from '../app/remote';
import { createEvidenceDecoder } from './decode-evidence';
import type { EvidenceSegments } from './evidence-segments';
import { PlaybackClock } from './playback-clock';
import type { PlaybackEvidence } from './playback-evidence';

/** A chunk that plays: the main process matched its SHA-256 with the signed incident's evidence list. */
export interface VerifiedChunk {
  readonly name: string;
  readonly role: 'detections' | 'tracks';
  readonly sha256: string;
  readonly size: number;
}

/** One time bucket of the evidence: a detections chunk and the tracks chunk of the same name, if listed. */
export interface ChunkPair<Chunk = EvidenceView> {
  readonly detections: Chunk;
  readonly tracks: Chunk | undefined;
}

export interface Loading {
  readonly done: number;
  readonly total: number;
}

export type EvidencePlayback =
  /** Nothing selected, or the incident lists no detections to play. */
  | { readonly status: 'none' }
  | { readonly status: 'loading'; readonly chunks: readonly EvidenceView[] }
  /** A chunk is missing, damaged or does not decode: nothing plays; the line says why. */
  | { readonly status: 'refused'; readonly message: string }
  /** Playing the buckets that arrived; `loading` while more stream in. */
  | {
      readonly status: 'ready';
      readonly evidence: EvidenceSegments;
      readonly clock: PlaybackClock;
      /** The verified chunks of each bucket, in the order of `evidence.segments`. */
      readonly chunks: readonly ChunkPair<VerifiedChunk>[];
      readonly loading: Loading | undefined;
    };

const NONE: EvidencePlayback = { status: 'none' };
const ROLE_SUFFIX = /-(detections|tracks)(\.[a-z]+)?$/;

/**
 * The evidence's time buckets, in the order it lists them: each detections chunk with the tracks
 * chunk whose name differs only by its role ("day-0003-detections.arrow", "day-0003-tracks.arrow"),
 * or, for an incident with one of each, those two.
 */
export function evidenceBuckets(detail: IncidentDetail): ChunkPair[] {
  const detections = detail.evidenceList.filter((e) => e.role === 'detections');
  const tracks = detail.evidenceList.filter((e) => e.role === 'tracks');
  const stem = (name: string) => name.replace(ROLE_SUFFIX, '');
  return detections.map((d) => ({ detections: d, tracks: detections.length === 1 && tracks.length === 1 ? tracks[0] : tracks.find((t) => stem(t.name) === stem(d.name)) }));
}

function verified(chunk: EvidenceView): VerifiedChunk {
  return { name: chunk.name, role: chunk.role as VerifiedChunk['role'], sha256: chunk.sha256, size: chunk.size };
}

/**
 * Loads the selected incident's evidence for playback, bucket by bucket: each chunk's bytes from
 * the main process (which hands them out only once they match the signed evidence list), decoded in
 * a Web Worker, and a playback clock over the incident's window, paused at its start, from the first
 * bucket on. A monitoring record's day streams in chunk by chunk while the first ones already play.
 * Any chunk missing, damaged or undecodable stops the playback with its reason. The clock and the
 * worker are disposed when the incident changes or the view closes.
 */
export function useEvidencePlayback(incident: IncidentDetail | undefined): EvidencePlayback {
  const [playback, setPlayback] = useState<EvidencePlayback>(NONE);
  useEffect(() => {
    const buckets = incident ? evidenceBuckets(incident) : [];
    if (!incident || buckets.length === 0) {
      setPlayback(NONE);
      return;
    }
    const listed = buckets.flatMap((b) => (b.tracks ? [b.detections, b.tracks] : [b.detections]));
    const absent = listed.find((e) => !e.present);
    if (absent) {
      setPlayback({ status: 'refused', message: `${absent.name} (${absent.sha256.slice(0, 12)}…) is not in the store: nothing plays until it arrives` });
      return;
    }
    let current = true;
    let clock: PlaybackClock | undefined;
    const decoder = createEvidenceDecoder();
    setPlayback({ status: 'loading', chunks: listed });
    const windowStartMs = timestampMs(incident.windowStart);
    const windowS = Math.max((timestampMs(incident.windowEnd) - windowStartMs) / 1000, 1);
    void (async () => {
      const segments: PlaybackEvidence[] = [];
      const chunks: ChunkPair<VerifiedChunk>[] = [];
      for (const bucket of buckets) {
        const [detections, tracks] = await Promise.all([bucket.detections, ...(bucket.tracks ? [bucket.tracks] : [])].map((e) => fetchEvidenceChunk(incident.id, e.sha256)));
        const segment = await decoder.decode({ detections: detections!, ...(tracks ? { tracks } : {}), windowStartMs });
        if (!current) return;
        segments.push(segment);
        chunks.push({ detections: verified(bucket.detections), tracks: bucket.tracks && verified(bucket.tracks) });
        clock ??= new PlaybackClock({ window: { fromS: 0, toS: windowS } });
        const loading = segments.length < buckets.length ? { done: segments.length, total: buckets.length } : undefined;
        setPlayback({ status: 'ready', evidence: { windowStartMs, segments: [...segments] }, clock, chunks: [...chunks], loading });
      }
    })().catch((error: unknown) => {
      if (!current) return;
      clock?.dispose();
      setPlayback({ status: 'refused', message: readableError(error) });
    });
    return () => {
      current = false;
      clock?.dispose();
      decoder.dispose();
    };
  }, [incident]);
  return playback;
}
