import type { DetectionSource } from './detection-source';
import type { EmissionContext } from './observation';
import { RowBuffer, type TrackBuffer } from './row-buffer';
import { timeOrder } from './time-order';

export interface RecordedTrack {
  readonly id: number;
  readonly classCode: number;
  readonly truthSide: number;
  readonly lon: readonly number[];
  readonly lat: readonly number[];
  /** Strictly increasing. */
  readonly timeMs: readonly number[];
  readonly altitudeM: readonly number[];
}

/**
 * The detections and tracks of one injected violation, produced once when the scenario is built
 * (they also feed its incident description) and replayed window by window.
 */
export class RecordedSource implements DetectionSource {
  readonly startMs: number;
  readonly endMs: number;
  readonly rows: RowBuffer;
  /** Tracks with at least one detection, each due at its last detection or last vertex, whichever is later. */
  readonly tracks: ReadonlyArray<RecordedTrack & { readonly dueMs: number }>;

  constructor(
    unsorted: RowBuffer,
    tracks: readonly RecordedTrack[],
    private readonly incident: number,
  ) {
    let earliest = Infinity;
    for (let i = 0; i < unsorted.length; i++) earliest = Math.min(earliest, unsorted.timeMs[i]!);
    const order = timeOrder(unsorted.timeMs, unsorted.length, earliest);
    const rows = new RowBuffer();
    for (const i of order) rows.copyRow(unsorted, i);
    rows.missed = unsorted.missed;
    rows.truthIncident.fill(incident, 0, rows.length);
    this.rows = rows;
    const lastRowOfTrack = new Map<number, number>();
    for (let i = 0; i < rows.length; i++) {
      const trackId = rows.trackId[i]!;
      if (trackId >= 0) lastRowOfTrack.set(trackId, rows.timeMs[i]!);
    }
    this.tracks = tracks
      .filter((track) => lastRowOfTrack.has(track.id))
      .map((track) => ({ ...track, dueMs: Math.max(lastRowOfTrack.get(track.id)!, track.timeMs[track.timeMs.length - 1]!) }))
      .sort((a, b) => a.dueMs - b.dueMs || a.id - b.id);
    this.startMs = rows.length > 0 ? rows.timeMs[0]! : 0;
    const lastRow = rows.length > 0 ? rows.timeMs[rows.length - 1]! : 0;
    this.endMs = Math.max(lastRow, ...this.tracks.map((track) => track.dueMs)) + 1;
  }

  emitRows(fromMs: number, toMs: number, rows: RowBuffer): number {
    const times = this.rows.timeMs;
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid]! < fromMs) low = mid + 1;
      else high = mid;
    }
    let written = 0;
    for (let i = low; i < this.rows.length && times[i]! < toMs; i++, written++) rows.copyRow(this.rows, i);
    return written;
  }

  emitTracks(fromMs: number, toMs: number, _rowsSoFar: number, tracks: TrackBuffer, _context: EmissionContext): void {
    for (const track of this.tracks) {
      if (track.dueMs < fromMs || track.dueMs >= toMs) continue;
      tracks.beginTrack(track.id, track.classCode, track.truthSide, this.incident);
      for (let v = 0; v < track.timeMs.length; v++) tracks.addVertex(track.lon[v]!, track.lat[v]!, track.timeMs[v]!, track.altitudeM[v]!);
    }
  }
}
