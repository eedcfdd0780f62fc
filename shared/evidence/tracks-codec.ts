import { Field, Float64, Int32, List, makeData } from 'apache-arrow';
import { dictionaryData, ipcFileOf, plainData } from './arrow-build';
import { columnValues, dictionaryStrings, openEvidenceFile } from './arrow-file';
import { checkAtLeast, checkIndices, checkLonLat, checkSameLength, checkVocabulary } from './column-checks';
import { epochMsAt, int64Words } from './epoch-ms';
import { EvidenceError } from './evidence-error';
import { detectionClassType, timeType, TRACKS_FORMAT, tracksSchema, vertexType } from './evidence-schema';
import { DETECTION_CLASSES } from './evidence-vocabulary';

/**
 * One track per row; the vertices of all tracks are flat columns, track i owning vertices
 * vertexOffsets[i] up to (not including) vertexOffsets[i + 1]: the layout of deck.gl's binary
 * paths (startIndices) and of the Arrow list itself.
 */
export interface TrackColumns {
  readonly trackId: Int32Array;
  /** Indices into DETECTION_CLASSES. */
  readonly trackClass: Int8Array;
  /** tracks + 1 entries, starting at 0, never decreasing, ending at the vertex count. */
  readonly vertexOffsets: Int32Array;
  readonly vertexLon: Float64Array;
  readonly vertexLat: Float64Array;
  /** Milliseconds since the Unix epoch, UTC; never decreasing within a track. */
  readonly vertexTimeMs: BigInt64Array;
}

const LABEL = 'tracks chunk';

export function encodeTracks(columns: TrackColumns): Uint8Array {
  checkTracks(columns);
  const schema = tracksSchema();
  const vertexCount = columns.vertexLon.length;
  const vertices = makeData({
    type: vertexType(),
    length: vertexCount,
    nullCount: 0,
    children: [plainData(new Float64(), columns.vertexLon), plainData(new Float64(), columns.vertexLat), plainData(timeType(), columns.vertexTimeMs)],
  });
  const trackCount = columns.trackId.length;
  const vertexLists = makeData({
    type: new List(new Field('item', vertexType(), false)),
    length: trackCount,
    nullCount: 0,
    valueOffsets: columns.vertexOffsets,
    child: vertices,
  });
  return ipcFileOf(schema, trackCount, [plainData(new Int32(), columns.trackId), dictionaryData(detectionClassType(), columns.trackClass, DETECTION_CLASSES), vertexLists]);
}

/** Decodes and checks a tracks chunk; columns are views of the Arrow buffers, as for detections. */
export function decodeTracks(bytes: Uint8Array): TrackColumns {
  const batch = openEvidenceFile(bytes, tracksSchema(), TRACKS_FORMAT, LABEL);
  if (!batch) return emptyTracks();
  const length = batch.numRows;
  const [trackIdData, classData, listData] = batch.data.children;
  checkVocabulary(`${LABEL}: track_class`, dictionaryStrings(classData!, `${LABEL}: track_class`), DETECTION_CLASSES);
  if (listData!.length !== length || listData!.nullCount !== 0) {
    throw new EvidenceError('length-mismatch', `${LABEL}: vertices has ${listData!.length} lists with ${listData!.nullCount} nulls, expected ${length} and none`);
  }
  const offsets = listData!.valueOffsets;
  if (!(offsets instanceof Int32Array) || offsets.length < listData!.offset + length + 1) {
    throw new EvidenceError('length-mismatch', `${LABEL}: vertices has no offsets for its ${length} lists`);
  }
  const vertexStruct = listData!.children[0]!;
  const vertexCount = vertexStruct.length;
  if (vertexStruct.nullCount !== 0) throw new EvidenceError('unexpected-nulls', `${LABEL}: null vertices`);
  const [lonData, latData, timeData] = vertexStruct.children;
  const columns: TrackColumns = {
    trackId: columnValues(trackIdData!, Int32Array, length, `${LABEL}: track_id`),
    trackClass: columnValues(classData!, Int8Array, length, `${LABEL}: track_class`),
    vertexOffsets: offsets.subarray(listData!.offset, listData!.offset + length + 1),
    vertexLon: columnValues(lonData!, Float64Array, vertexCount, `${LABEL}: vertices.lon`),
    vertexLat: columnValues(latData!, Float64Array, vertexCount, `${LABEL}: vertices.lat`),
    vertexTimeMs: columnValues(timeData!, BigInt64Array, vertexCount, `${LABEL}: vertices.time`),
  };
  checkTracks(columns);
  return columns;
}

function checkTracks(columns: TrackColumns): void {
  const trackCount = columns.trackId.length;
  const vertexCount = columns.vertexLon.length;
  checkSameLength(LABEL, trackCount, { track_class: columns.trackClass });
  checkSameLength(LABEL, trackCount + 1, { vertex_offsets: columns.vertexOffsets });
  checkSameLength(LABEL, vertexCount, { 'vertices.lat': columns.vertexLat, 'vertices.time': columns.vertexTimeMs });
  checkAtLeast(`${LABEL}: track_id`, columns.trackId, 0);
  const seen = new Set<number>();
  for (const id of columns.trackId) {
    if (seen.has(id)) throw new EvidenceError('duplicate-track', `${LABEL}: track_id ${id} appears more than once`);
    seen.add(id);
  }
  checkIndices(`${LABEL}: track_class`, columns.trackClass, DETECTION_CLASSES.length);
  checkOffsets(columns.vertexOffsets, vertexCount);
  checkLonLat(`${LABEL}: vertices`, columns.vertexLon, columns.vertexLat);
  const words = int64Words(columns.vertexTimeMs);
  for (let track = 0; track < trackCount; track++) {
    for (let v = columns.vertexOffsets[track]! + 1; v < columns.vertexOffsets[track + 1]!; v++) {
      if (epochMsAt(words, v) < epochMsAt(words, v - 1)) {
        throw new EvidenceError('unsorted-vertices', `${LABEL}: track ${columns.trackId[track]} goes back in time at vertex ${v - columns.vertexOffsets[track]!}`);
      }
    }
  }
}

function checkOffsets(offsets: Int32Array, vertexCount: number): void {
  if (offsets[0] !== 0) throw new EvidenceError('length-mismatch', `${LABEL}: vertex offsets start at ${offsets[0]}, not 0`);
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i]! < offsets[i - 1]!) throw new EvidenceError('length-mismatch', `${LABEL}: vertex offsets decrease at track ${i - 1}`);
  }
  const last = offsets[offsets.length - 1]!;
  if (last !== vertexCount) throw new EvidenceError('length-mismatch', `${LABEL}: vertex offsets end at ${last}, but there are ${vertexCount} vertices`);
}

function emptyTracks(): TrackColumns {
  return {
    trackId: new Int32Array(0),
    trackClass: new Int8Array(0),
    vertexOffsets: new Int32Array(1),
    vertexLon: new Float64Array(0),
    vertexLat: new Float64Array(0),
    vertexTimeMs: new BigInt64Array(0),
  };
}
