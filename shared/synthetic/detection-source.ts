import type { EmissionContext } from './observation';
import type { RowBuffer, TrackBuffer } from './row-buffer';

/**
 * Something that produces detections and tracks over time. Sources hold no iteration state: the
 * rows of a window depend only on the window, so any partition of time yields the same rows.
 */
export interface DetectionSource {
  /** No row is earlier. */
  readonly startMs: number;
  /** Every row is earlier, and every track is emitted for a window that starts earlier. */
  readonly endMs: number;
  /** Writes the rows with fromMs ≤ time < toMs; returns how many it wrote. */
  emitRows(fromMs: number, toMs: number, rows: RowBuffer, context: EmissionContext): number;
  /**
   * Writes the tracks due in [fromMs, toMs): a track is due once all its detections have been
   * emitted. `rowsSoFar` is how many rows this source has written up to toMs; a source whose
   * objects were never detected emits no track.
   */
  emitTracks(fromMs: number, toMs: number, rowsSoFar: number, tracks: TrackBuffer, context: EmissionContext): void;
}
