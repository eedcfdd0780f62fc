import { Field, Float64, Int32, List, makeData, Schema, type Data } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { dictionaryData, ipcFileOf, plainData } from '../../../shared/evidence/arrow-build';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { EvidenceError, type EvidenceErrorCode } from '../../../shared/evidence/evidence-error';
import { detectionClassType, timeType, tracksSchema, vertexType } from '../../../shared/evidence/evidence-schema';
import { DETECTION_CLASSES } from '../../../shared/evidence/evidence-vocabulary';
import { decodeTracks, encodeTracks, type TrackColumns } from '../../../shared/evidence/tracks-codec';
import { sameBytes, syntheticDetections, syntheticTracks } from './evidence-fixtures';

const tracks = syntheticTracks(5_000);
const encoded = encodeTracks(tracks);

function evidenceFailure(run: () => unknown): EvidenceError {
  try {
    run();
  } catch (error) {
    if (error instanceof EvidenceError) return error;
    throw error;
  }
  throw new Error('accepted');
}

/** Writes track columns without the encoder's checks, so a test can produce a file it would refuse. */
function rawTracksFile(columns: TrackColumns, schema: Schema = tracksSchema()): Uint8Array {
  const vertices = makeData({
    type: vertexType(),
    length: columns.vertexLon.length,
    nullCount: 0,
    children: [plainData(new Float64(), columns.vertexLon), plainData(new Float64(), columns.vertexLat), plainData(timeType(), columns.vertexTimeMs)],
  });
  const lists = makeData({
    type: new List(new Field('item', vertexType(), false)),
    length: columns.trackId.length,
    nullCount: 0,
    valueOffsets: columns.vertexOffsets,
    child: vertices,
  });
  return ipcFileOf(schema, columns.trackId.length, [plainData(new Int32(), columns.trackId), dictionaryData(detectionClassType(), columns.trackClass, DETECTION_CLASSES), lists]);
}

describe('tracks chunks', () => {
  it('round-trips tracks with their vertex lists, an empty one included', () => {
    const decoded = decodeTracks(encoded);
    expect(decoded.trackId.length).toBe(5_000);
    expect(decoded.vertexOffsets[1]).toBe(0);
    for (const key of ['trackId', 'trackClass', 'vertexOffsets', 'vertexLon', 'vertexLat', 'vertexTimeMs'] as const) {
      expect(sameBytes(decoded[key], tracks[key]), key).toBe(true);
    }
  });

  it('hands out views of the Arrow buffer: offsets and flat vertex columns', () => {
    const decoded = decodeTracks(encoded);
    for (const view of Object.values(decoded)) expect(view.buffer).toBe(encoded.buffer);
    expect(decoded.vertexOffsets).toBeInstanceOf(Int32Array);
    expect(decoded.vertexTimeMs).toBeInstanceOf(BigInt64Array);
  });

  it('round-trips an empty chunk', () => {
    const decoded = decodeTracks(encodeTracks(syntheticTracks(0)));
    expect(decoded.trackId.length).toBe(0);
    expect(Array.from(decoded.vertexOffsets)).toEqual([0]);
  });

  const small = syntheticTracks(6, 5);
  const swap = <K extends keyof TrackColumns>(key: K, change: (values: TrackColumns[K]) => TrackColumns[K]): TrackColumns => ({ ...small, [key]: change(small[key]) });
  const rejections: ReadonlyArray<readonly [string, () => Uint8Array, EvidenceErrorCode]> = [
    ['a detections chunk', () => encodeDetections(syntheticDetections(10)), 'wrong-format'],
    [
      'vertices without time',
      () => {
        const schema = tracksSchema();
        const listType = new List(new Field('item', new Float64(), false));
        const fields = [...schema.fields.slice(0, 2), new Field('vertices', listType, false)];
        const lists = makeData({ type: listType, length: 6, nullCount: 0, valueOffsets: small.vertexOffsets, child: plainData(new Float64(), small.vertexLon) as Data<Float64> });
        return ipcFileOf(new Schema(fields, schema.metadata), 6, [plainData(new Int32(), small.trackId), dictionaryData(detectionClassType(), small.trackClass, DETECTION_CLASSES), lists]);
      },
      'schema-mismatch',
    ],
    ['a vertex latitude out of range', () => rawTracksFile(swap('vertexLat', (lat) => lat.map((v, i) => (i === 4 ? -95 : v)))), 'out-of-range'],
    ['a negative track id', () => rawTracksFile(swap('trackId', (ids) => ids.map((v, i) => (i === 2 ? -1 : v)))), 'out-of-range'],
    ['a duplicate track id', () => rawTracksFile(swap('trackId', (ids) => ids.map((v, i) => (i === 2 ? ids[1]! : v)))), 'duplicate-track'],
    ['a track going back in time', () => rawTracksFile(swap('vertexTimeMs', (times) => times.map((v, i) => (i === small.vertexOffsets[3]! + 1 ? v - 100_000n : v)))), 'unsorted-vertices'],
    ['vertex offsets that decrease', () => rawTracksFile(swap('vertexOffsets', (offsets) => offsets.map((v, i) => (i === 2 ? offsets[3]! + 1 : v)))), 'length-mismatch'],
  ];

  it.each(rejections.map(([label, build, code]) => ({ label, build, code })))('rejects $label', ({ build, code }) => {
    const error = evidenceFailure(() => decodeTracks(build()));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
  });

  it('refuses to encode offsets that do not end at the vertex count', () => {
    expect(evidenceFailure(() => encodeTracks(swap('vertexOffsets', (offsets) => offsets.map((v, i) => (i === 6 ? v - 1 : v))))).code).toBe('length-mismatch');
  });
});
