import { Field, Float64, Int32, Schema, Uint8 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { dictionaryData, ipcFileOf, plainData } from '../../../shared/evidence/arrow-build';
import { encodeDetections, type DetectionColumns } from '../../../shared/evidence/detections-codec';
import { checkChunkAsEvidence, checkChunkFooterAsEvidence, checkEvidenceFile, checkEvidenceFooter } from '../../../shared/evidence/evidence-chunk-check';
import { detectionClassType, detectionsSchema, sensorIdType, sensorKindType, timeType } from '../../../shared/evidence/evidence-schema';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../../../shared/evidence/evidence-vocabulary';
import { encodeTracks } from '../../../shared/evidence/tracks-codec';
import { syntheticDetections, syntheticTracks } from './evidence-fixtures';

/** A detections file written with `schema` (the documented one, changed) and the columns that schema asks for. */
function detectionsWith(
  columns: DetectionColumns,
  change: { readonly field: string; readonly to?: Field; readonly values?: Parameters<typeof plainData>[1] },
  vocabulary: readonly string[] = DETECTION_CLASSES,
): Uint8Array {
  const documented = detectionsSchema();
  const length = columns.timeMs.length;
  const data = {
    time: plainData(timeType(), columns.timeMs),
    lon: plainData(new Float64(), columns.lon),
    lat: plainData(new Float64(), columns.lat),
    altitude_m: plainData(documented.fields[3]!.type, columns.altitudeM),
    sensor_id: dictionaryData(sensorIdType(), columns.sensorId.indices, columns.sensorId.values),
    sensor_kind: dictionaryData(sensorKindType(), columns.sensorKind, SENSOR_KINDS),
    detection_class: dictionaryData(detectionClassType(), columns.detectionClass, vocabulary),
    confidence_pct: plainData(new Uint8(), columns.confidencePct),
    track_id: plainData(new Int32(), columns.trackId),
  } as Record<string, ReturnType<typeof plainData>>;
  const fields: Field[] = [];
  for (const field of documented.fields) {
    if (field.name !== change.field) fields.push(field);
    else if (change.to) {
      fields.push(change.to);
      data[field.name] = plainData(change.to.type, change.values!);
    }
  }
  const schema = new Schema(fields, documented.metadata);
  return ipcFileOf(
    schema,
    length,
    fields.map((field) => data[field.name]!),
  );
}

const rows = 50;
const columns = syntheticDetections(rows, 7);
const goodDetections = encodeDetections(columns);
const goodTracks = encodeTracks(syntheticTracks(4, 7));
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(200)]);

/** The first and last bytes of a chunk, as a reader that does not hold it keeps them. */
const headAndTail = (bytes: Uint8Array, tailBytes = 4096) => [bytes.subarray(0, 64), bytes.subarray(Math.max(0, bytes.length - tailBytes)), bytes.length] as const;

describe('checking a chunk against the evidence schema', () => {
  it('accepts a good detections chunk as detections only, and a good tracks chunk as tracks only', () => {
    expect(checkChunkAsEvidence(goodDetections)).toEqual({
      detections: { ok: true, extent: 'file' },
      tracks: { ok: false, code: 'wrong-format', message: expect.stringMatching(/^tracks chunk: schema metadata says truceline\.format="truceline-detections"/) },
    });
    expect(checkChunkAsEvidence(goodTracks)).toMatchObject({ detections: { ok: false, code: 'wrong-format' }, tracks: { ok: true, extent: 'file' } });
  });

  it('names the first field of a column of the wrong type', () => {
    const wrongType = detectionsWith(columns, { field: 'confidence_pct', to: new Field('confidence_pct', new Int32(), false), values: Int32Array.from(columns.confidencePct) });
    expect(checkEvidenceFile('detections', wrongType)).toEqual({
      ok: false,
      code: 'schema-mismatch',
      message: 'detections chunk: field 7 is "confidence_pct: Int32 not null", expected "confidence_pct: Uint8 not null"',
    });
  });

  it('names a missing column', () => {
    const missing = detectionsWith(columns, { field: 'track_id' });
    expect(checkEvidenceFile('detections', missing)).toEqual({ ok: false, code: 'schema-mismatch', message: 'detections chunk: field 8 is "absent", expected "track_id: Int32 not null"' });
  });

  it('refuses a dictionary other than the documented vocabulary when the whole file is decoded', () => {
    const renamed = detectionsWith(
      columns,
      { field: 'none' },
      DETECTION_CLASSES.map((name) => (name === 'mlrs' ? 'rockets' : name)),
    );
    expect(checkEvidenceFile('detections', renamed)).toMatchObject({ ok: false, code: 'bad-dictionary', message: expect.stringMatching(/^detections chunk: detection_class: dictionary is \[/) });
  });

  it('refuses an image declared as detections or tracks', () => {
    expect(checkChunkAsEvidence(png)).toEqual({
      detections: { ok: false, code: 'not-arrow-file', message: 'detections chunk: not an Arrow IPC file (no ARROW1 magic at both ends)' },
      tracks: { ok: false, code: 'not-arrow-file', message: 'tracks chunk: not an Arrow IPC file (no ARROW1 magic at both ends)' },
    });
    expect(checkChunkFooterAsEvidence(...headAndTail(png))).toMatchObject({ detections: { ok: false, code: 'not-arrow-file' } });
  });

  it('checks the schema of a chunk too large to decode from its footer alone', () => {
    expect(checkChunkFooterAsEvidence(...headAndTail(goodDetections))).toEqual({
      detections: { ok: true, extent: 'schema' },
      tracks: { ok: false, code: 'wrong-format', message: expect.any(String) },
    });
    const wrongType = detectionsWith(columns, { field: 'lat', to: new Field('lat', new Int32(), false), values: new Int32Array(rows) });
    expect(checkEvidenceFooter('detections', ...headAndTail(wrongType))).toMatchObject({ ok: false, code: 'schema-mismatch', message: expect.stringContaining('field 2 is "lat: Int32 not null"') });
    expect(checkEvidenceFooter('detections', ...headAndTail(detectionsWith(columns, { field: 'time' })))).toMatchObject({
      ok: false,
      code: 'schema-mismatch',
      message: expect.stringContaining('field 0 is "lon: Float64 not null"'),
    });
  });

  it('refuses a footer it cannot read: longer than the bytes kept, or garbage', () => {
    expect(checkEvidenceFooter('detections', ...headAndTail(goodDetections, 100))).toMatchObject({
      ok: false,
      code: 'malformed-ipc',
      message: expect.stringMatching(/^detections chunk: a footer of \d+ bytes cannot be read/),
    });
    const garbled = goodDetections.slice();
    garbled.fill(0x55, garbled.length - 300, garbled.length - 10);
    expect(checkEvidenceFooter('detections', ...headAndTail(garbled))).toMatchObject({ ok: false });
    const truncated = goodDetections.subarray(0, goodDetections.length - 40);
    expect(checkEvidenceFile('detections', truncated)).toMatchObject({ ok: false, code: 'not-arrow-file' });
  });
});
