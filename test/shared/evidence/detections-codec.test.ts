import { Field, Float32, Float64, Int32, Schema, Uint8, tableToIPC, Table, RecordBatch, makeData, Struct } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { dictionaryData, ipcFileOf, plainData } from '../../../shared/evidence/arrow-build';
import { decodeDetections, encodeDetections, type DetectionColumns } from '../../../shared/evidence/detections-codec';
import { EvidenceError, type EvidenceErrorCode } from '../../../shared/evidence/evidence-error';
import { detectionClassType, detectionsSchema, sensorIdType, sensorKindType, timeType } from '../../../shared/evidence/evidence-schema';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';
import { encodeTracks } from '../../../shared/evidence/tracks-codec';
import { sameBytes, syntheticDetections, syntheticTracks } from './evidence-fixtures';

const ROWS = 100_000;
const detections = syntheticDetections(ROWS);
const encoded = encodeDetections(detections);

function evidenceFailure(run: () => unknown): EvidenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvidenceError) return error;
    throw error;
  }
  throw new Error('accepted');
}

/** The standard columns as Arrow data, so a test can swap one out and write a file the encoder would refuse. */
function standardData(columns: DetectionColumns) {
  return [
    plainData(timeType(), columns.timeMs),
    plainData(new Float64(), columns.lon),
    plainData(new Float64(), columns.lat),
    plainData(new Float32(), columns.altitudeM),
    dictionaryData(sensorIdType(), columns.sensorId.indices, columns.sensorId.values),
    dictionaryData(sensorKindType(), columns.sensorKind, SENSOR_KINDS),
    dictionaryData(detectionClassType(), columns.detectionClass, DETECTION_CLASSES),
    plainData(new Uint8(), columns.confidencePct),
    plainData(new Int32(), columns.trackId),
  ];
}

function withFields(change: (fields: Field[]) => Field[]): Schema {
  const schema = detectionsSchema();
  return new Schema(change([...schema.fields]), schema.metadata);
}

describe('detections chunks', () => {
  it(`round-trips ${ROWS.toLocaleString('en')} rows`, () => {
    const decoded = decodeDetections(encoded);
    expect(decoded.timeMs.length).toBe(ROWS);
    expect(sameBytes(decoded.timeMs, detections.timeMs)).toBe(true);
    expect(sameBytes(decoded.lon, detections.lon)).toBe(true);
    expect(sameBytes(decoded.lat, detections.lat)).toBe(true);
    expect(sameBytes(decoded.altitudeM, detections.altitudeM)).toBe(true);
    expect(sameBytes(decoded.sensorId.indices, detections.sensorId.indices)).toBe(true);
    expect(decoded.sensorId.values).toEqual(detections.sensorId.values);
    expect(sameBytes(decoded.sensorKind, detections.sensorKind)).toBe(true);
    expect(sameBytes(decoded.detectionClass, detections.detectionClass)).toBe(true);
    expect(sameBytes(decoded.confidencePct, detections.confidencePct)).toBe(true);
    expect(sameBytes(decoded.trackId, detections.trackId)).toBe(true);
  });

  it('hands out typed-array views of the Arrow buffer, not per-row values', () => {
    const decoded = decodeDetections(encoded);
    const views: ReadonlyArray<readonly [ArrayBufferView, abstract new (length: number) => ArrayBufferView]> = [
      [decoded.timeMs, BigInt64Array],
      [decoded.lon, Float64Array],
      [decoded.lat, Float64Array],
      [decoded.altitudeM, Float32Array],
      [decoded.sensorId.indices, Int32Array],
      [decoded.sensorKind, Int8Array],
      [decoded.detectionClass, Int8Array],
      [decoded.confidencePct, Uint8Array],
      [decoded.trackId, Int32Array],
    ];
    for (const [view, constructor] of views) {
      expect(view).toBeInstanceOf(constructor);
      expect(view.buffer).toBe(encoded.buffer);
    }
    expect(decoded.sensorId.values).toHaveLength(40);
  });

  it('decodes a chunk that does not start on an 8-byte boundary (by copying)', () => {
    const shifted = new Uint8Array(encoded.length + 3);
    shifted.set(encoded, 3);
    const decoded = decodeDetections(shifted.subarray(3));
    expect(sameBytes(decoded.lon, detections.lon)).toBe(true);
  });

  it('round-trips an empty chunk', () => {
    const empty = syntheticDetections(0);
    const decoded = decodeDetections(encodeDetections(empty));
    expect(decoded.timeMs.length).toBe(0);
    expect(decoded.sensorId.values).toEqual(empty.sensorId.values);
  });

  const small = syntheticDetections(50, 3);
  const withColumn = (index: number, data: ReturnType<typeof plainData>) => {
    const columns = standardData(small);
    columns[index] = data;
    return columns;
  };
  const rejections: ReadonlyArray<readonly [string, () => Uint8Array, EvidenceErrorCode]> = [
    ['random bytes', () => new Uint8Array(64).fill(7), 'not-arrow-file'],
    [
      'an Arrow stream instead of a file',
      () => tableToIPC(new Table([new RecordBatch(detectionsSchema(), makeData({ type: new Struct(detectionsSchema().fields), length: 50, nullCount: 0, children: standardData(small) }))]), 'stream'),
      'not-arrow-file',
    ],
    ['a file whose middle is cut out', () => new Uint8Array([...encoded.subarray(0, 400), ...encoded.subarray(encoded.length - 400)]), 'malformed-ipc'],
    ['a tracks chunk', () => encodeTracks(syntheticTracks(5)), 'wrong-format'],
    [
      'another format version',
      () =>
        ipcFileOf(
          new Schema(
            detectionsSchema().fields,
            new Map([
              ['truceline.format', 'truceline-detections'],
              ['truceline.version', '2'],
            ]),
          ),
          50,
          standardData(small),
        ),
      'wrong-format',
    ],
    [
      'a renamed field',
      () =>
        ipcFileOf(
          withFields((f) => f.map((field) => (field.name === 'lon' ? new Field('longitude', field.type, false) : field))),
          50,
          standardData(small),
        ),
      'schema-mismatch',
    ],
    [
      'altitude as float64',
      () =>
        ipcFileOf(
          withFields((f) => f.map((field) => (field.name === 'altitude_m' ? new Field('altitude_m', new Float64(), false) : field))),
          50,
          withColumn(3, plainData(new Float64(), new Float64Array(50))),
        ),
      'schema-mismatch',
    ],
    [
      'a nullable field',
      () =>
        ipcFileOf(
          withFields((f) => f.map((field) => (field.name === 'lat' ? new Field('lat', new Float64(), true) : field))),
          50,
          standardData(small),
        ),
      'schema-mismatch',
    ],
    [
      'a missing field',
      () =>
        ipcFileOf(
          withFields((f) => f.slice(0, 8)),
          50,
          standardData(small).slice(0, 8),
        ),
      'schema-mismatch',
    ],
    [
      'an extra field',
      () =>
        ipcFileOf(
          withFields((f) => [...f, new Field('extra', new Int32(), false)]),
          50,
          [...standardData(small), plainData(new Int32(), new Int32Array(50))],
        ),
      'schema-mismatch',
    ],
    [
      'two record batches',
      () => {
        const batch = new RecordBatch(detectionsSchema(), makeData({ type: new Struct(detectionsSchema().fields), length: 50, nullCount: 0, children: standardData(small) }));
        return tableToIPC(new Table([batch, batch]), 'file');
      },
      'multiple-batches',
    ],
    [
      'a longitude out of range',
      () =>
        ipcFileOf(
          detectionsSchema(),
          50,
          withColumn(
            1,
            plainData(
              new Float64(),
              small.lon.map((lon, i) => (i === 7 ? 181 : lon)),
            ),
          ),
        ),
      'out-of-range',
    ],
    [
      'a NaN latitude',
      () =>
        ipcFileOf(
          detectionsSchema(),
          50,
          withColumn(
            2,
            plainData(
              new Float64(),
              small.lat.map((lat, i) => (i === 9 ? Number.NaN : lat)),
            ),
          ),
        ),
      'out-of-range',
    ],
    [
      'a confidence over 100',
      () =>
        ipcFileOf(
          detectionsSchema(),
          50,
          withColumn(
            7,
            plainData(
              new Uint8(),
              small.confidencePct.map((c, i) => (i === 0 ? 101 : c)),
            ),
          ),
        ),
      'out-of-range',
    ],
    [
      'a track id below -1',
      () =>
        ipcFileOf(
          detectionsSchema(),
          50,
          withColumn(
            8,
            plainData(
              new Int32(),
              small.trackId.map((t, i) => (i === 0 ? -2 : t)),
            ),
          ),
        ),
      'out-of-range',
    ],
    [
      'a sensor index past its dictionary',
      () =>
        ipcFileOf(
          detectionsSchema(),
          50,
          withColumn(
            4,
            dictionaryData(
              sensorIdType(),
              small.sensorId.indices.map((s, i) => (i === 3 ? 40 : s)),
              small.sensorId.values,
            ),
          ),
        ),
      'out-of-range',
    ],
    [
      'a class dictionary in another order',
      () => ipcFileOf(detectionsSchema(), 50, withColumn(6, dictionaryData(detectionClassType(), small.detectionClass, [...DETECTION_CLASSES].reverse()))),
      'bad-dictionary',
    ],
    [
      'a sensor-kind dictionary missing a value',
      () => ipcFileOf(detectionsSchema(), 50, withColumn(5, dictionaryData(sensorKindType(), new Int8Array(50), SENSOR_KINDS.slice(0, 5)))),
      'bad-dictionary',
    ],
  ];

  it.each(rejections.map(([label, build, code]) => ({ label, build, code })))('rejects $label', ({ build, code }) => {
    const error = evidenceFailure(() => decodeDetections(build()));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/^detections chunk: /);
  });

  it('refuses to encode columns of different lengths or values out of range', () => {
    expect(evidenceFailure(() => encodeDetections({ ...small, lat: small.lat.subarray(1) })).code).toBe('length-mismatch');
    expect(evidenceFailure(() => encodeDetections({ ...small, lat: small.lat.map(() => 91) })).code).toBe('out-of-range');
    expect(evidenceFailure(() => encodeDetections({ ...small, detectionClass: small.detectionClass.map(() => 8) })).code).toBe('out-of-range');
    expect(evidenceFailure(() => encodeDetections({ ...small, altitudeM: small.altitudeM.map(() => Infinity) })).code).toBe('out-of-range');
  });
});
