import type { DetectionSource } from './detection-source';
import { GROUND_HEIGHT_M, reportDetection, STREAM, type EmissionContext } from './observation';
import { phaseOf, type ObserverPlan } from './observer-plan';
import type { RecordedTrack } from './recorded-source';
import type { RowBuffer, TrackBuffer } from './row-buffer';

/** A piecewise-linear path; times strictly increase, in integer ms. */
export interface ObjectPath {
  readonly timeMs: Float64Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Above ground. */
  readonly altitudeM: Float32Array;
}

export interface MovingObjectInit {
  /** Object id; also its track id and the `truth.source` of its detections. */
  readonly id: number;
  readonly classCode: number;
  readonly truthSide: number;
  readonly incident: number;
  readonly airborne: boolean;
  readonly path: ObjectPath;
  readonly plan: ObserverPlan;
  /** Track vertices at every waypoint and at most this far apart in time; Infinity for waypoints only. */
  readonly trackCadenceMs: number;
}

const TRACK_VERTEX_SIGMA_M = 10;
const MIN_INTERVAL_MS = 500;
const KM_PER_DEG_LAT = 111.195;
const DEG = Math.PI / 180;

type NumericArray = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;

class Growable<A extends NumericArray> {
  length = 0;
  private data: A;

  constructor(private readonly make: (size: number) => A) {
    this.data = make(256);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  pushAll(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.push(values[i]!);
  }

  trimmed(): A {
    return this.data.slice(0, this.length) as A;
  }
}

const f64 = (size: number): Float64Array => new Float64Array(size);
const f32 = (size: number): Float32Array => new Float32Array(size);
const i32 = (size: number): Int32Array => new Int32Array(size);
const u16 = (size: number): Uint16Array => new Uint16Array(size);
const u8 = (size: number): Uint8Array => new Uint8Array(size);

/**
 * Many objects in a handful of flat arrays (a struct of arrays): tens of thousands of objects cost a
 * few dozen typed arrays rather than a million small heap objects for the garbage collector to trace.
 * The ranges of object i are [xOffsets[i], xOffsets[i + 1]).
 */
interface ObjectTable {
  readonly id: Int32Array;
  readonly classCode: Uint8Array;
  readonly truthSide: Uint8Array;
  readonly incident: Int32Array;
  readonly airborne: Uint8Array;
  readonly kmPerLon: Float64Array;
  readonly cadenceMs: Float64Array;
  readonly pathOffsets: Int32Array;
  readonly pathTimeMs: Float64Array;
  readonly pathLon: Float64Array;
  readonly pathLat: Float64Array;
  readonly pathAltitudeM: Float32Array;
  readonly periodicOffsets: Int32Array;
  readonly periodicSensor: Uint16Array;
  readonly periodicRangeKm: Float64Array;
  readonly periodicBaseIntervalMs: Float64Array;
  readonly periodicIntervalMs: Float64Array;
  readonly periodicPhaseMs: Float64Array;
  readonly passOffsets: Int32Array;
  readonly passTimeMs: Float64Array;
  readonly passSensor: Uint16Array;
  /** Scratch for an interpolated position: lon, lat, altitude. */
  readonly at: Float64Array;
}

/** Packs objects into one table and hands back one lightweight source per object. */
export function createMovingObjects(inits: Iterable<MovingObjectInit>): MovingObject[] {
  const id = new Growable(i32);
  const classCode = new Growable(u8);
  const truthSide = new Growable(u8);
  const incident = new Growable(i32);
  const airborne = new Growable(u8);
  const kmPerLon = new Growable(f64);
  const cadenceMs = new Growable(f64);
  const pathOffsets = new Growable(i32);
  const pathTimeMs = new Growable(f64);
  const pathLon = new Growable(f64);
  const pathLat = new Growable(f64);
  const pathAltitudeM = new Growable(f32);
  const periodicOffsets = new Growable(i32);
  const periodicSensor = new Growable(u16);
  const periodicRangeKm = new Growable(f64);
  const periodicIntervalMs = new Growable(f64);
  const periodicPhaseMs = new Growable(f64);
  const passOffsets = new Growable(i32);
  const passTimeMs = new Growable(f64);
  const passSensor = new Growable(u16);
  pathOffsets.push(0);
  periodicOffsets.push(0);
  passOffsets.push(0);
  for (const init of inits) {
    if (init.path.timeMs.length < 2) throw new RangeError(`object ${init.id}: a path needs at least two points`);
    id.push(init.id);
    classCode.push(init.classCode);
    truthSide.push(init.truthSide);
    incident.push(init.incident);
    airborne.push(init.airborne ? 1 : 0);
    kmPerLon.push(KM_PER_DEG_LAT * Math.cos(init.path.lat[0]! * DEG));
    cadenceMs.push(init.trackCadenceMs);
    pathTimeMs.pushAll(init.path.timeMs);
    pathLon.pushAll(init.path.lon);
    pathLat.pushAll(init.path.lat);
    pathAltitudeM.pushAll(init.path.altitudeM);
    pathOffsets.push(pathTimeMs.length);
    periodicSensor.pushAll(init.plan.periodicSensor);
    periodicRangeKm.pushAll(init.plan.periodicRangeKm);
    periodicIntervalMs.pushAll(init.plan.periodicIntervalMs);
    periodicPhaseMs.pushAll(init.plan.periodicPhaseMs);
    periodicOffsets.push(periodicSensor.length);
    passTimeMs.pushAll(init.plan.passTimeMs);
    passSensor.pushAll(init.plan.passSensor);
    passOffsets.push(passTimeMs.length);
  }
  const baseIntervals = periodicIntervalMs.trimmed();
  const table: ObjectTable = {
    id: id.trimmed(),
    classCode: classCode.trimmed(),
    truthSide: truthSide.trimmed(),
    incident: incident.trimmed(),
    airborne: airborne.trimmed(),
    kmPerLon: kmPerLon.trimmed(),
    cadenceMs: cadenceMs.trimmed(),
    pathOffsets: pathOffsets.trimmed(),
    pathTimeMs: pathTimeMs.trimmed(),
    pathLon: pathLon.trimmed(),
    pathLat: pathLat.trimmed(),
    pathAltitudeM: pathAltitudeM.trimmed(),
    periodicOffsets: periodicOffsets.trimmed(),
    periodicSensor: periodicSensor.trimmed(),
    periodicRangeKm: periodicRangeKm.trimmed(),
    periodicBaseIntervalMs: baseIntervals,
    periodicIntervalMs: baseIntervals.slice(),
    periodicPhaseMs: periodicPhaseMs.trimmed(),
    passOffsets: passOffsets.trimmed(),
    passTimeMs: passTimeMs.trimmed(),
    passSensor: passSensor.trimmed(),
    at: new Float64Array(3),
  };
  return Array.from(table.id, (_, index) => new MovingObject(table, index));
}

/** A vehicle, person, UAV, aircraft or weapon (standing still is a path too) watched by the sensors of its plan. */
export class MovingObject implements DetectionSource {
  readonly startMs: number;
  readonly endMs: number;
  /** Object id; also its track id. */
  readonly id: number;

  constructor(
    private readonly table: ObjectTable,
    private readonly index: number,
  ) {
    this.id = table.id[index]!;
    this.startMs = table.pathTimeMs[table.pathOffsets[index]!]!;
    this.endMs = table.pathTimeMs[table.pathOffsets[index + 1]! - 1]! + 1;
  }

  /** Detections to expect over the object's life from periodic observations and from passes, before misses at range. */
  expectedDetections(sensors: EmissionContext['sensors']): { readonly periodic: number; readonly passes: number } {
    const t = this.table;
    const first = t.pathOffsets[this.index]!;
    const kmPerLon = t.kmPerLon[this.index]!;
    let periodic = 0;
    for (let j = t.periodicOffsets[this.index]!; j < t.periodicOffsets[this.index + 1]!; j++) {
      const span = this.endMs - this.startMs - t.periodicPhaseMs[j]!;
      if (span <= 0) continue;
      const s = t.periodicSensor[j]!;
      const p = sensors.detectionProbability[s]!;
      const dx = (t.pathLon[first]! - sensors.lon[s]!) * kmPerLon;
      const dy = (t.pathLat[first]! - sensors.lat[s]!) * KM_PER_DEG_LAT;
      const fraction = Math.min(1, Math.sqrt(dx * dx + dy * dy) / t.periodicRangeKm[j]!);
      periodic += Math.ceil(span / t.periodicIntervalMs[j]!) * Math.max(0, p - (1 - p) * fraction * fraction);
    }
    let passes = 0;
    for (let j = t.passOffsets[this.index]!; j < t.passOffsets[this.index + 1]!; j++) passes += sensors.detectionProbability[t.passSensor[j]!]!;
    return { periodic, passes };
  }

  /** Sets every revisit interval to `factor` times its base (whole ms, at least 500 ms) and re-derives the phases. */
  rescaleIntervals(factor: number, seed: number): void {
    const t = this.table;
    const first = t.periodicOffsets[this.index]!;
    for (let j = first; j < t.periodicOffsets[this.index + 1]!; j++) {
      const interval = Math.max(MIN_INTERVAL_MS, Math.round(t.periodicBaseIntervalMs[j]! * factor));
      t.periodicIntervalMs[j] = interval;
      t.periodicPhaseMs[j] = phaseOf(seed, this.id, j - first, interval);
    }
  }

  emitRows(fromMs: number, toMs: number, rows: RowBuffer, context: EmissionContext): number {
    if (toMs <= this.startMs || fromMs >= this.endMs) return 0;
    const t = this.table;
    const index = this.index;
    const id = this.id;
    const classCode = t.classCode[index]!;
    const incident = t.incident[index]!;
    const airborne = t.airborne[index] === 1;
    const kmPerLon = t.kmPerLon[index]!;
    const { sensors, random, seed } = context;
    const at = t.at;
    const end = Math.min(toMs, this.endMs);
    let written = 0;
    const firstSlot = t.periodicOffsets[index]!;
    for (let j = firstSlot; j < t.periodicOffsets[index + 1]!; j++) {
      const s = t.periodicSensor[j]!;
      const range = t.periodicRangeKm[j]!;
      const interval = t.periodicIntervalMs[j]!;
      const first = this.startMs + t.periodicPhaseMs[j]!;
      const sensorLon = sensors.lon[s]!;
      const sensorLat = sensors.lat[s]!;
      let k = fromMs > first ? Math.ceil((fromMs - first) / interval) : 0;
      for (let time = first + k * interval; time < end; time += interval, k++) {
        this.positionAt(time);
        const dx = (at[0]! - sensorLon) * kmPerLon;
        const dy = (at[1]! - sensorLat) * KM_PER_DEG_LAT;
        const distance = Math.sqrt(dx * dx + dy * dy);
        if (distance > range) continue;
        random.reset(seed, id, j - firstSlot, k);
        if (reportDetection(context, rows, s, time, at[0]!, at[1]!, at[2]!, airborne, distance, range, kmPerLon, classCode, id, id, incident)) written++;
      }
    }
    const firstPass = t.passOffsets[index]!;
    for (let j = firstPass; j < t.passOffsets[index + 1]!; j++) {
      const time = t.passTimeMs[j]!;
      if (time < fromMs) continue;
      if (time >= end) break;
      this.positionAt(time);
      random.reset(seed, id, STREAM.passSlot + j - firstPass, 0);
      if (reportDetection(context, rows, t.passSensor[j]!, time, at[0]!, at[1]!, at[2]!, airborne, 0, 1, kmPerLon, classCode, id, id, incident)) written++;
    }
    return written;
  }

  emitTracks(fromMs: number, toMs: number, rowsSoFar: number, tracks: TrackBuffer, context: EmissionContext): void {
    const last = this.endMs - 1;
    if (rowsSoFar === 0 || last < fromMs || last >= toMs) return;
    const track = this.recordTrack(context);
    tracks.beginTrack(track.id, track.classCode, track.truthSide, this.table.incident[this.index]!);
    for (let v = 0; v < track.timeMs.length; v++) tracks.addVertex(track.lon[v]!, track.lat[v]!, track.timeMs[v]!, track.altitudeM[v]!);
  }

  /** The fused track: the path at every waypoint and cadence step, with a small smoothing error. */
  recordTrack(context: EmissionContext): RecordedTrack {
    const t = this.table;
    const id = this.id;
    const airborne = t.airborne[this.index] === 1;
    const cadenceMs = t.cadenceMs[this.index]!;
    const random = context.random;
    const at = t.at;
    const sigmaLat = TRACK_VERTEX_SIGMA_M / (1000 * KM_PER_DEG_LAT);
    const sigmaLon = TRACK_VERTEX_SIGMA_M / (1000 * t.kmPerLon[this.index]!);
    const track = { id, classCode: t.classCode[this.index]!, truthSide: t.truthSide[this.index]!, lon: [] as number[], lat: [] as number[], timeMs: [] as number[], altitudeM: [] as number[] };
    const add = (time: number): void => {
      this.positionAt(time);
      random.reset(context.seed ^ STREAM.trackVertex, id, track.timeMs.length);
      track.lon.push(at[0]! + sigmaLon * random.normal());
      track.lat.push(at[1]! + sigmaLat * random.normal());
      track.timeMs.push(time);
      track.altitudeM.push(GROUND_HEIGHT_M + (airborne ? at[2]! : 0));
    };
    const last = t.pathOffsets[this.index + 1]! - 1;
    for (let i = t.pathOffsets[this.index]!; i < last; i++) {
      for (let time = t.pathTimeMs[i]!; time < t.pathTimeMs[i + 1]!; time += cadenceMs) add(time);
    }
    add(t.pathTimeMs[last]!);
    return track;
  }

  /** Interpolates the path at `timeMs` into the table's scratch `at`. */
  private positionAt(timeMs: number): void {
    const t = this.table;
    const times = t.pathTimeMs;
    let low = t.pathOffsets[this.index]!;
    let high = t.pathOffsets[this.index + 1]! - 1;
    while (high - low > 1) {
      const mid = (low + high) >> 1;
      if (times[mid]! <= timeMs) low = mid;
      else high = mid;
    }
    const span = times[high]! - times[low]!;
    const f = span <= 0 ? 0 : Math.max(0, Math.min(1, (timeMs - times[low]!) / span));
    t.at[0] = t.pathLon[low]! + f * (t.pathLon[high]! - t.pathLon[low]!);
    t.at[1] = t.pathLat[low]! + f * (t.pathLat[high]! - t.pathLat[low]!);
    t.at[2] = t.pathAltitudeM[low]! + f * (t.pathAltitudeM[high]! - t.pathAltitudeM[low]!);
  }
}
