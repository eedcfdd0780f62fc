import { Float32, Float64, Int32, Uint8 } from 'apache-arrow';
import { dictionaryData, ipcFileOf, plainData } from './arrow-build';
import { columnValues, dictionaryStrings, openEvidenceFile } from './arrow-file';
import { checkAtLeast, checkAtMost, checkIndices, checkLonLat, checkNotInfinite, checkSameLength, checkVocabulary } from './column-checks';
import { DETECTIONS_FORMAT, detectionClassType, detectionsSchema, sensorIdType, sensorKindType, timeType } from './evidence-schema';
import { DETECTION_CLASSES, NO_TRACK, SENSOR_KINDS } from './evidence-vocabulary';

/** Indices into a dictionary of strings held once per chunk. */
export interface DictionaryColumn<Indices extends Int8Array | Int32Array> {
  readonly indices: Indices;
  readonly values: readonly string[];
}

/** One detection per row, column by column (docs/EVIDENCE.md). */
export interface DetectionColumns {
  /** Milliseconds since the Unix epoch, UTC. */
  readonly timeMs: BigInt64Array;
  /** Degrees, WGS 84, −180…180. */
  readonly lon: Float64Array;
  /** Degrees, WGS 84, −90…90. */
  readonly lat: Float64Array;
  /** Metres above the WGS 84 ellipsoid; NaN when the sensor gives none. */
  readonly altitudeM: Float32Array;
  readonly sensorId: DictionaryColumn<Int32Array>;
  /** Indices into SENSOR_KINDS. */
  readonly sensorKind: Int8Array;
  /** Indices into DETECTION_CLASSES. */
  readonly detectionClass: Int8Array;
  /** 0–100. */
  readonly confidencePct: Uint8Array;
  /** A track of the matching tracks chunk, or NO_TRACK. */
  readonly trackId: Int32Array;
}

const LABEL = 'detections chunk';

/** Arrow IPC file bytes; the typed arrays are written as they are, row i of each being detection i. */
export function encodeDetections(columns: DetectionColumns): Uint8Array {
  checkDetections(columns);
  const schema = detectionsSchema();
  return ipcFileOf(schema, columns.timeMs.length, [
    plainData(timeType(), columns.timeMs),
    plainData(new Float64(), columns.lon),
    plainData(new Float64(), columns.lat),
    plainData(new Float32(), columns.altitudeM),
    dictionaryData(sensorIdType(), columns.sensorId.indices, columns.sensorId.values),
    dictionaryData(sensorKindType(), columns.sensorKind, SENSOR_KINDS),
    dictionaryData(detectionClassType(), columns.detectionClass, DETECTION_CLASSES),
    plainData(new Uint8(), columns.confidencePct),
    plainData(new Int32(), columns.trackId),
  ]);
}

/**
 * Decodes and checks a detections chunk. The columns are views of the Arrow buffers, not copies
 * (when `bytes` starts on an 8-byte boundary), and no object is built per row.
 */
export function decodeDetections(bytes: Uint8Array): DetectionColumns {
  const batch = openEvidenceFile(bytes, detectionsSchema(), DETECTIONS_FORMAT, LABEL);
  if (!batch) return emptyDetections();
  const length = batch.numRows;
  const data = (i: number) => batch.data.children[i]!;
  const sensorKind = columnValues(data(5), Int8Array, length, `${LABEL}: sensor_kind`);
  const detectionClass = columnValues(data(6), Int8Array, length, `${LABEL}: detection_class`);
  checkVocabulary(`${LABEL}: sensor_kind`, dictionaryStrings(data(5), `${LABEL}: sensor_kind`), SENSOR_KINDS);
  checkVocabulary(`${LABEL}: detection_class`, dictionaryStrings(data(6), `${LABEL}: detection_class`), DETECTION_CLASSES);
  const columns: DetectionColumns = {
    timeMs: columnValues(data(0), BigInt64Array, length, `${LABEL}: time`),
    lon: columnValues(data(1), Float64Array, length, `${LABEL}: lon`),
    lat: columnValues(data(2), Float64Array, length, `${LABEL}: lat`),
    altitudeM: columnValues(data(3), Float32Array, length, `${LABEL}: altitude_m`),
    sensorId: {
      indices: columnValues(data(4), Int32Array, length, `${LABEL}: sensor_id`),
      values: dictionaryStrings(data(4), `${LABEL}: sensor_id`),
    },
    sensorKind,
    detectionClass,
    confidencePct: columnValues(data(7), Uint8Array, length, `${LABEL}: confidence_pct`),
    trackId: columnValues(data(8), Int32Array, length, `${LABEL}: track_id`),
  };
  checkDetections(columns);
  return columns;
}

function checkDetections(columns: DetectionColumns): void {
  const length = columns.timeMs.length;
  checkSameLength(LABEL, length, {
    lon: columns.lon,
    lat: columns.lat,
    altitude_m: columns.altitudeM,
    sensor_id: columns.sensorId.indices,
    sensor_kind: columns.sensorKind,
    detection_class: columns.detectionClass,
    confidence_pct: columns.confidencePct,
    track_id: columns.trackId,
  });
  checkLonLat(LABEL, columns.lon, columns.lat);
  checkNotInfinite(`${LABEL}: altitude_m`, columns.altitudeM);
  checkIndices(`${LABEL}: sensor_id`, columns.sensorId.indices, columns.sensorId.values.length);
  checkIndices(`${LABEL}: sensor_kind`, columns.sensorKind, SENSOR_KINDS.length);
  checkIndices(`${LABEL}: detection_class`, columns.detectionClass, DETECTION_CLASSES.length);
  checkAtMost(`${LABEL}: confidence_pct`, columns.confidencePct, 100);
  checkAtLeast(`${LABEL}: track_id`, columns.trackId, NO_TRACK);
}

function emptyDetections(): DetectionColumns {
  return {
    timeMs: new BigInt64Array(0),
    lon: new Float64Array(0),
    lat: new Float64Array(0),
    altitudeM: new Float32Array(0),
    sensorId: { indices: new Int32Array(0), values: [] },
    sensorKind: new Int8Array(0),
    detectionClass: new Int8Array(0),
    confidencePct: new Uint8Array(0),
    trackId: new Int32Array(0),
  };
}
