import type { RowBuffer, TrackBuffer } from './row-buffer';
import { timeOrder } from './time-order';
import type { DetectionBatch, TrackColumns } from './types';

const TWO_POW_32 = 4_294_967_296;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes non-negative integer ms into an int64 column without a BigInt per value on little-endian hosts. */
function writeTimes(target: BigInt64Array, at: number, source: Float64Array, order: Uint32Array, from: number, to: number): void {
  if (LITTLE_ENDIAN) {
    const words = new Uint32Array(target.buffer, target.byteOffset, target.length * 2);
    for (let i = from, w = 2 * at; i < to; i++, w += 2) {
      const t = source[order[i]!]!;
      words[w] = t >>> 0;
      words[w + 1] = Math.floor(t / TWO_POW_32);
    }
  } else {
    for (let i = from, j = at; i < to; i++, j++) target[j] = BigInt(source[order[i]!]!);
  }
}

function int64Times(source: Float64Array, length: number): BigInt64Array {
  const target = new BigInt64Array(length);
  writeTimes(
    target,
    0,
    source,
    Uint32Array.from({ length }, (_, i) => i),
    0,
    length,
  );
  return target;
}

/** Column arrays of one batch under construction, allocated at the batch's capacity. */
class OpenBatch {
  rows = 0;
  missed = 0;
  falseAlarms = 0;
  readonly timeMs: BigInt64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly altitudeM: Float32Array;
  readonly sensorIndex: Int32Array;
  readonly sensorKind: Int8Array;
  readonly detectionClass: Int8Array;
  readonly confidence: Float32Array;
  readonly trackId: Int32Array;
  readonly truthSource: Int32Array;
  readonly truthIncident: Int32Array;

  constructor(
    readonly capacity: number,
    readonly fromMs: number,
  ) {
    this.timeMs = new BigInt64Array(capacity);
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.altitudeM = new Float32Array(capacity);
    this.sensorIndex = new Int32Array(capacity);
    this.sensorKind = new Int8Array(capacity);
    this.detectionClass = new Int8Array(capacity);
    this.confidence = new Float32Array(capacity);
    this.trackId = new Int32Array(capacity);
    this.truthSource = new Int32Array(capacity);
    this.truthIncident = new Int32Array(capacity);
  }

  /** Appends rows order[from..to) of `slice`. */
  append(slice: RowBuffer, order: Uint32Array, from: number, to: number): void {
    writeTimes(this.timeMs, this.rows, slice.timeMs, order, from, to);
    let j = this.rows;
    for (let i = from; i < to; i++, j++) {
      const r = order[i]!;
      this.lon[j] = slice.lon[r]!;
      this.lat[j] = slice.lat[r]!;
      this.altitudeM[j] = slice.altitudeM[r]!;
      this.sensorIndex[j] = slice.sensorIndex[r]!;
      this.sensorKind[j] = slice.sensorKind[r]!;
      this.detectionClass[j] = slice.detectionClass[r]!;
      this.confidence[j] = slice.confidence[r]!;
      this.trackId[j] = slice.trackId[r]!;
      this.truthSource[j] = slice.truthSource[r]!;
      this.truthIncident[j] = slice.truthIncident[r]!;
    }
    this.rows = j;
  }
}

/**
 * Turns time slices (unsorted rows of [fromMs, toMs), plus the tracks due in it) into time-ordered
 * batches of at most `maxRows` rows. Batches partition the period; a slice that does not fit is
 * split at a change of millisecond, and its tracks go with its last part.
 */
export class BatchAssembler {
  private open: OpenBatch;
  private readonly tracks: TrackBuffer;
  private nextIndex = 0;

  constructor(
    private readonly maxRows: number,
    startMs: number,
    tracks: TrackBuffer,
  ) {
    this.open = new OpenBatch(maxRows, startMs);
    this.tracks = tracks;
  }

  /** Adds a slice; returns the batches it completed. The slice's tracks must already be in the shared track buffer. */
  addSlice(slice: RowBuffer, sliceFromMs: number, sliceToMs: number): DetectionBatch[] {
    const done: DetectionBatch[] = [];
    const order = timeOrder(slice.timeMs, slice.length, sliceFromMs);
    let next = 0;
    while (next < slice.length) {
      const room = this.open.capacity - this.open.rows;
      let end = Math.min(slice.length, next + room);
      if (end < slice.length) {
        // Split where the millisecond changes, so that batch time ranges never share a millisecond.
        while (end > next && slice.timeMs[order[end]!] === slice.timeMs[order[end - 1]!]) end--;
        if (end === next) {
          if (this.open.rows === 0) throw new RangeError(`more than ${this.maxRows} detections share one millisecond`);
          done.push(this.close(slice.timeMs[order[next]!]!, false));
          continue;
        }
      }
      this.open.append(slice, order, next, end);
      next = end;
      if (next < slice.length) done.push(this.close(slice.timeMs[order[next]!]!, false));
    }
    this.open.missed += slice.missed;
    this.open.falseAlarms += slice.falseAlarms;
    if (this.open.rows === this.open.capacity) done.push(this.close(sliceToMs, true));
    return done;
  }

  /** Closes the last batch at the end of the period; null when it would hold neither rows nor tracks. */
  finish(endMs: number): DetectionBatch | null {
    if (this.open.rows === 0 && this.tracks.length === 0 && this.open.missed === 0) return null;
    return this.close(endMs, true);
  }

  private close(toMs: number, withTracks: boolean): DetectionBatch {
    const open = this.open;
    const n = open.rows;
    const trim = <T extends { slice(begin: number, end: number): T; readonly length: number }>(column: T): T => (n === column.length ? column : column.slice(0, n));
    const tracks = withTracks ? this.takeTracks() : emptyTracks();
    const batch: DetectionBatch = {
      index: this.nextIndex++,
      fromMs: open.fromMs,
      toMs,
      rows: n,
      detections: {
        timeMs: trim(open.timeMs),
        lon: trim(open.lon),
        lat: trim(open.lat),
        altitudeM: trim(open.altitudeM),
        sensorIndex: trim(open.sensorIndex),
        sensorKind: trim(open.sensorKind),
        detectionClass: trim(open.detectionClass),
        confidence: trim(open.confidence),
        trackId: trim(open.trackId),
      },
      tracks: tracks.columns,
      truth: {
        source: trim(open.truthSource),
        incident: trim(open.truthIncident),
        trackSide: tracks.side,
        trackIncident: tracks.incident,
        missedDetections: open.missed,
        falseAlarms: open.falseAlarms,
      },
    };
    this.open = new OpenBatch(this.maxRows, toMs);
    return batch;
  }

  private takeTracks(): { columns: TrackColumns; side: Uint8Array; incident: Int32Array } {
    const t = this.tracks;
    const vertexOffsets = new Int32Array(t.length + 1);
    for (let i = 0; i < t.length; i++) vertexOffsets[i + 1] = vertexOffsets[i]! + t.vertices[i]!;
    const taken = {
      columns: {
        trackId: t.trackId.slice(0, t.length),
        trackClass: t.trackClass.slice(0, t.length),
        vertexOffsets,
        vertexLon: t.vertexLon.slice(0, t.vertexCount),
        vertexLat: t.vertexLat.slice(0, t.vertexCount),
        vertexTimeMs: int64Times(t.vertexTimeMs, t.vertexCount),
        vertexAltitudeM: t.vertexAltitudeM.slice(0, t.vertexCount),
      },
      side: t.truthSide.slice(0, t.length),
      incident: t.truthIncident.slice(0, t.length),
    };
    t.clear();
    return taken;
  }
}

function emptyTracks(): { columns: TrackColumns; side: Uint8Array; incident: Int32Array } {
  return {
    columns: {
      trackId: new Int32Array(0),
      trackClass: new Int8Array(0),
      vertexOffsets: new Int32Array(1),
      vertexLon: new Float64Array(0),
      vertexLat: new Float64Array(0),
      vertexTimeMs: new BigInt64Array(0),
      vertexAltitudeM: new Float32Array(0),
    },
    side: new Uint8Array(0),
    incident: new Int32Array(0),
  };
}
