import { useEffect, useState } from 'react';
import { timestampMs } from '../../shared/objects/timestamp';
import type { ObjectId, Timestamp } from '../../shared/objects/types';
import type { SessionEvidence } from '../../shared/session/session-view';
import { createEvidenceDecoder } from '../playback/decode-evidence';
import type { EvidenceSegments } from '../playback/evidence-segments';
import { PlaybackClock } from '../playback/playback-clock';
import type { PlaybackEvidence } from '../playback/playback-evidence';
import type { SessionClient } from './session-client';

export interface SessionItemEvidence {
  readonly incident: ObjectId;
  readonly evidence: readonly SessionEvidence[];
  readonly windowStart: Timestamp;
  readonly windowEnd: Timestamp;
}

export type SessionPlayback =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'ready'; readonly evidence: EvidenceSegments; readonly clock: PlaybackClock };

const ROLE_SUFFIX = /-(detections|tracks)(\.[a-z]+)?$/;

/** The time buckets as the desk pairs them: each detections chunk with the tracks chunk of the same stem (or the only two). */
export function sessionBuckets(evidence: readonly SessionEvidence[]): { readonly detections: SessionEvidence; readonly tracks: SessionEvidence | undefined }[] {
  const detections = evidence.filter((e) => e.role === 'detections');
  const tracks = evidence.filter((e) => e.role === 'tracks');
  const stem = (name: string) => name.replace(ROLE_SUFFIX, '');
  return detections.map((d) => ({ detections: d, tracks: detections.length === 1 && tracks.length === 1 ? tracks[0] : tracks.find((t) => stem(t.name) === stem(d.name)) }));
}

/** The current agenda item's evidence, fetched (verified in main) and decoded like the desk's, with a clock over the incident's window. */
export function useSessionEvidence(client: SessionClient, item: SessionItemEvidence | undefined): SessionPlayback {
  const [playback, setPlayback] = useState<SessionPlayback>({ status: 'none' });
  const key = item === undefined ? '' : `${item.incident}:${item.evidence.map((e) => `${e.sha256}${e.present ? '' : '?'}`).join(',')}`;
  useEffect(() => {
    const buckets = item ? sessionBuckets(item.evidence) : [];
    if (!item || buckets.length === 0) {
      setPlayback({ status: 'none' });
      return;
    }
    const absent = item.evidence.find((e) => !e.present);
    if (absent) {
      setPlayback({ status: 'refused', message: `${absent.name} is not in this workstation’s store` });
      return;
    }
    let current = true;
    let clock: PlaybackClock | undefined;
    const decoder = createEvidenceDecoder();
    setPlayback({ status: 'loading' });
    const windowStartMs = timestampMs(item.windowStart);
    const windowS = Math.max((timestampMs(item.windowEnd) - windowStartMs) / 1000, 1);
    void (async () => {
      const segments: PlaybackEvidence[] = [];
      for (const bucket of buckets) {
        const [detections, tracks] = await Promise.all([bucket.detections, ...(bucket.tracks ? [bucket.tracks] : [])].map((e) => client.fetchEvidenceChunk(item.incident, e.sha256)));
        const segment = await decoder.decode({ detections: detections!, ...(tracks ? { tracks } : {}), windowStartMs });
        if (!current) return;
        segments.push(segment);
        clock ??= new PlaybackClock({ window: { fromS: 0, toS: windowS } });
        setPlayback({ status: 'ready', evidence: { windowStartMs, segments: [...segments] }, clock });
      }
    })().catch((error: unknown) => {
      if (!current) return;
      clock?.dispose();
      setPlayback({ status: 'refused', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      current = false;
      clock?.dispose();
      decoder.dispose();
    };
    // Keyed by the incident and its chunks: a new view of the same item (every playhead update) keeps the playback.
  }, [client, key]);
  return playback;
}
