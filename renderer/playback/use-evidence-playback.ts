import { useEffect, useState } from 'react';
import type { EvidenceView, IncidentDetail } from '../../shared/commission/views';
import { timestampMs } from '../../shared/objects/timestamp';
import { fetchEvidenceChunk } from '../api/evidence-client';
import { readableError } from '../app/remote';
import { decodeEvidence } from './decode-evidence';
import { PlaybackClock } from './playback-clock';
import type { PlaybackEvidence } from './playback-evidence';

/** A chunk that plays: the main process matched its SHA-256 with the signed incident's evidence list. */
export interface VerifiedChunk {
  readonly name: string;
  readonly role: 'detections' | 'tracks';
  readonly sha256: string;
  readonly size: number;
}

export type EvidencePlayback =
  /** Nothing selected, or the incident lists no detections to play. */
  | { readonly status: 'none' }
  | { readonly status: 'loading'; readonly chunks: readonly EvidenceView[] }
  /** A chunk is missing, damaged or does not decode: nothing plays; the line says why. */
  | { readonly status: 'refused'; readonly message: string }
  | { readonly status: 'ready'; readonly evidence: PlaybackEvidence; readonly clock: PlaybackClock; readonly chunks: readonly VerifiedChunk[] };

const NONE: EvidencePlayback = { status: 'none' };

/** The evidence an incident's playback takes: its first detections chunk and its first tracks chunk. */
export function playableEvidence(detail: IncidentDetail): { readonly detections: EvidenceView; readonly tracks: EvidenceView | undefined } | undefined {
  const detections = detail.evidenceList.find((e) => e.role === 'detections');
  return detections && { detections, tracks: detail.evidenceList.find((e) => e.role === 'tracks') };
}

/**
 * Loads the selected incident's evidence for playback: the chunks' bytes from the main process
 * (which hands them out only once they match the signed evidence list), decoded in a Web Worker,
 * and a playback clock over the incident's window, paused at its start. The clock is disposed when
 * the incident changes or the view closes.
 */
export function useEvidencePlayback(incident: IncidentDetail | undefined): EvidencePlayback {
  const [playback, setPlayback] = useState<EvidencePlayback>(NONE);
  useEffect(() => {
    const chosen = incident && playableEvidence(incident);
    if (!incident || !chosen) {
      setPlayback(NONE);
      return;
    }
    const listed = chosen.tracks ? [chosen.detections, chosen.tracks] : [chosen.detections];
    const absent = listed.find((e) => !e.present);
    if (absent) {
      setPlayback({ status: 'refused', message: `${absent.name} (${absent.sha256.slice(0, 12)}…) is not in the store: nothing plays until it arrives` });
      return;
    }
    let current = true;
    let clock: PlaybackClock | undefined;
    setPlayback({ status: 'loading', chunks: listed });
    const windowStartMs = timestampMs(incident.windowStart);
    const windowS = Math.max((timestampMs(incident.windowEnd) - windowStartMs) / 1000, 1);
    void (async () => {
      const [detections, tracks] = await Promise.all(listed.map((e) => fetchEvidenceChunk(incident.id, e.sha256)));
      const evidence = await decodeEvidence({ detections: detections!, ...(tracks ? { tracks } : {}), windowStartMs });
      if (!current) return;
      clock = new PlaybackClock({ window: { fromS: 0, toS: windowS } });
      setPlayback({ status: 'ready', evidence, clock, chunks: listed.map(({ name, role, sha256, size }) => ({ name, role: role as VerifiedChunk['role'], sha256, size })) });
    })().catch((error: unknown) => {
      if (current) setPlayback({ status: 'refused', message: readableError(error) });
    });
    return () => {
      current = false;
      clock?.dispose();
    };
  }, [incident]);
  return playback;
}
