import { DataType, Dictionary, Field, Float32, Float64, Int32, Int8, List, Schema, Struct, TimestampMillisecond, Uint8, Utf8 } from 'apache-arrow';

export const DETECTIONS_FORMAT = 'truceline-detections';
export const TRACKS_FORMAT = 'truceline-tracks';
export const EVIDENCE_FORMAT_VERSION = '1';
/** Schema-level metadata keys every chunk carries. */
export const FORMAT_METADATA_KEY = 'truceline.format';
export const VERSION_METADATA_KEY = 'truceline.version';

// Dictionary ids are unique within a file; the fixed vocabularies keep their ids across files.
const SENSOR_ID_DICTIONARY_ID = 0;
const SENSOR_KIND_DICTIONARY_ID = 1;
const DETECTION_CLASS_DICTIONARY_ID = 2;

/** Milliseconds since the Unix epoch, UTC: pandas reads datetime64[ms, UTC], DuckDB TIMESTAMPTZ. */
export const timeType = (): TimestampMillisecond => new TimestampMillisecond('UTC');
export const sensorIdType = (): Dictionary<Utf8, Int32> => new Dictionary(new Utf8(), new Int32(), SENSOR_ID_DICTIONARY_ID, false);
export const sensorKindType = (): Dictionary<Utf8, Int8> => new Dictionary(new Utf8(), new Int8(), SENSOR_KIND_DICTIONARY_ID, false);
export const detectionClassType = (): Dictionary<Utf8, Int8> => new Dictionary(new Utf8(), new Int8(), DETECTION_CLASS_DICTIONARY_ID, false);
export const vertexType = (): Struct => new Struct([new Field('lon', new Float64(), false), new Field('lat', new Float64(), false), new Field('time', timeType(), false)]);

export function detectionsSchema(): Schema {
  return new Schema(
    [
      new Field('time', timeType(), false),
      new Field('lon', new Float64(), false),
      new Field('lat', new Float64(), false),
      new Field('altitude_m', new Float32(), false),
      new Field('sensor_id', sensorIdType(), false),
      new Field('sensor_kind', sensorKindType(), false),
      new Field('detection_class', detectionClassType(), false),
      new Field('confidence_pct', new Uint8(), false),
      new Field('track_id', new Int32(), false),
    ],
    formatMetadata(DETECTIONS_FORMAT),
  );
}

export function tracksSchema(): Schema {
  return new Schema(
    [new Field('track_id', new Int32(), false), new Field('track_class', detectionClassType(), false), new Field('vertices', new List(new Field('item', vertexType(), false)), false)],
    formatMetadata(TRACKS_FORMAT),
  );
}

function formatMetadata(format: string): Map<string, string> {
  return new Map([
    [FORMAT_METADATA_KEY, format],
    [VERSION_METADATA_KEY, EVIDENCE_FORMAT_VERSION],
  ]);
}

/** One line per field, types spelled out with every child's name and nullability. */
export function describeField(field: Field): string {
  return `${field.name}: ${describeType(field.type)}${field.nullable ? '' : ' not null'}`;
}

function describeType(type: DataType): string {
  if (DataType.isDictionary(type)) {
    return `Dictionary<${describeType(type.indices)}, ${describeType(type.dictionary)}${type.isOrdered ? ', ordered' : ''}>`;
  }
  if (DataType.isList(type)) return `List<${describeField(type.children[0]!)}>`;
  if (DataType.isStruct(type)) return `Struct<{${type.children.map(describeField).join(', ')}}>`;
  return String(type);
}
