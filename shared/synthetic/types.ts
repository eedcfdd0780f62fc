import type { TrackColumns as EvidenceTrackColumns } from '../evidence/tracks-codec';
import type { LonLat } from '../geo/types';
import type { IncidentCategory, IncidentPayload } from '../objects/types';
import type { DETECTION_CLASSES, SENSOR_KINDS, Side } from './codes';
import type { SyntheticConfig, ViolationKind } from './config';
import type { BoundingBox } from './local-geometry';
import type { SatellitePass, UavPatrol } from './patrols';
import type { SensorSite } from './sensors';

/**
 * One batch of detections, one row per detection (DESIGN §4), every column the same length and
 * rows sorted by time. Names and types follow the detections chunk of docs/EVIDENCE.md
 * (shared/evidence/detections-codec.ts); `toEvidenceDetections` makes the two differences
 * (sensor ids as a dictionary, confidence in percent).
 */
export interface DetectionColumns {
  /** Milliseconds since the Unix epoch, UTC; non-decreasing. */
  readonly timeMs: BigInt64Array;
  /** WGS84 degrees. */
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Metres above the WGS 84 ellipsoid (the synthetic terrain is flat at GROUND_HEIGHT_M); NaN from acoustic and seismic sensors. */
  readonly altitudeM: Float32Array;
  /** Index into `SyntheticDay.sensors`; with their ids as values it is the sensor_id dictionary column. */
  readonly sensorIndex: Int32Array;
  /** Index into SENSOR_KINDS. */
  readonly sensorKind: Int8Array;
  /** Index into DETECTION_CLASSES: the class the sensor reported, which may be wrong. */
  readonly detectionClass: Int8Array;
  /** 0..1. */
  readonly confidence: Float32Array;
  /** The track the detection was associated with, or −1 (acoustic, seismic and satellite detections, false alarms). */
  readonly trackId: Int32Array;
}

/** Tracks in flat arrays, as a tracks chunk holds them (vertices of track i: [vertexOffsets[i], vertexOffsets[i + 1])), plus altitude. */
export interface TrackColumns extends EvidenceTrackColumns {
  /** Metres above the WGS 84 ellipsoid (not part of the tracks chunk). */
  readonly vertexAltitudeM: Float32Array;
}

/** What really happened behind a batch, for tests; never part of the evidence. */
export interface BatchTruth {
  /** Per detection: the id of the object detected (its track id), or −1 for a false alarm. */
  readonly source: Int32Array;
  /** Per detection: the index of the incident the object belongs to, or −1. */
  readonly incident: Int32Array;
  /** Per track: the side the object belongs to, an index into SIDES, or SIDE_NONE. */
  readonly trackSide: Uint8Array;
  /** Per track: the incident index, or −1 for background activity. */
  readonly trackIncident: Int32Array;
  /** Scheduled observations in this batch's time span that the sensors missed. */
  readonly missedDetections: number;
  /** Detections in this batch with no object behind them. */
  readonly falseAlarms: number;
}

export interface DetectionBatch {
  /** 0, 1, 2 … in time order. */
  readonly index: number;
  /** The batches partition the period: every detection here has fromMs ≤ time < toMs. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly rows: number;
  readonly detections: DetectionColumns;
  /** Tracks whose last detection is in this batch or an earlier one, each yielded once. */
  readonly tracks: TrackColumns;
  readonly truth: BatchTruth;
}

/** The fields of an incident statement the monitoring data determines; the producer adds authorship and evidence. */
export type IncidentDraft = Pick<IncidentPayload, 'incident' | 'window' | 'location' | 'chainageM' | 'category' | 'summary' | 'observations'>;

/** Where an incident's evidence lies: the detections in this time span and area, the tracks listed. */
export interface EvidenceCut {
  readonly fromMs: number;
  readonly toMs: number;
  readonly area: BoundingBox;
  /** Tracks of the objects behind the incident (each has detections inside the cut). */
  readonly trackIds: readonly number[];
}

export interface SyntheticIncident {
  /** Position in `SyntheticDay.incidents` (time order), and the `truth.incident` of its detections. */
  readonly index: number;
  readonly draft: IncidentDraft;
  readonly evidence: EvidenceCut;
  /** Detections of the objects behind the incident (what the observation counts add up). */
  readonly detections: number;
}

export interface ViolationTruth {
  readonly incidentIndex: number;
  readonly kind: ViolationKind;
  readonly category: IncidentCategory;
  readonly attribution: Side | 'none';
  /**
   * The point the incident location estimates: a fire's launch point, an explosion's point, a UAV's
   * deepest point into the zone, the weapons' centroid, a column's crossing point on the line.
   */
  readonly position: LonLat;
  /** Fire: the launch position. */
  readonly origin: LonLat | null;
  /** Fire: the aim point; explosion: the detonation point. */
  readonly impact: LonLat | null;
  /** True positions: a fire's origin and aim point, a UAV's or column's waypoints, each weapon's position. */
  readonly path: readonly LonLat[];
  readonly startMs: number;
  readonly endMs: number;
  /** The objects involved: track ids and the `truth.source` of their detections. */
  readonly objectIds: readonly number[];
}

export interface GroundTruth {
  /** Aligned with `SyntheticDay.incidents`. */
  readonly violations: readonly ViolationTruth[];
  readonly backgroundObjects: number;
  /** Background detections the observation rates aim at, injected and false-alarm detections expected. */
  readonly expected: { readonly background: number; readonly injected: number; readonly falseAlarms: number };
}

export interface SyntheticDay {
  readonly config: SyntheticConfig;
  readonly startMs: number;
  readonly endMs: number;
  /** The monitored stretch of the line, km along it. */
  readonly fromKm: number;
  readonly toKm: number;
  /** Every detection and track vertex lies inside. */
  readonly region: BoundingBox;
  readonly classNames: typeof DETECTION_CLASSES;
  readonly sensorKindNames: typeof SENSOR_KINDS;
  readonly sensors: readonly SensorSite[];
  readonly uavPatrols: readonly UavPatrol[];
  readonly satellitePasses: readonly SatellitePass[];
  /** One per suspected violation, in time order. */
  readonly incidents: readonly SyntheticIncident[];
  readonly groundTruth: GroundTruth;
  /** The detections in time order, in batches of at most `config.maxBatchRows` rows; each call starts afresh. */
  batches(): Generator<DetectionBatch, void, undefined>;
}
