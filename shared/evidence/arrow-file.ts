import { RecordBatchReader, type Data, type RecordBatch, type Schema } from 'apache-arrow';
import { EvidenceError } from './evidence-error';
import { describeField, FORMAT_METADATA_KEY, VERSION_METADATA_KEY, EVIDENCE_FORMAT_VERSION } from './evidence-schema';

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * Opens an Arrow IPC file whose schema must equal `expected` field for field, and returns its one
 * record batch (undefined for a file without batches). `label` starts every error message.
 */
export function openEvidenceFile(bytes: Uint8Array, expected: Schema, format: string, label: string): RecordBatch | undefined {
  const hasMagic = (offset: number): boolean => ARROW_MAGIC.every((byte, i) => bytes[offset + i] === byte);
  if (bytes.length < 2 * ARROW_MAGIC.length || !hasMagic(0) || !hasMagic(bytes.length - ARROW_MAGIC.length)) {
    throw new EvidenceError('not-arrow-file', `${label}: not an Arrow IPC file (no ARROW1 magic at both ends)`);
  }
  let schema: Schema;
  let batchCount: number;
  let batch: RecordBatch | undefined;
  try {
    const reader = RecordBatchReader.from(bytes);
    if (!reader.isFile()) throw new Error('not in the file format');
    reader.open();
    schema = reader.schema;
    batchCount = reader.numRecordBatches;
    batch = batchCount > 0 ? (reader.readRecordBatch(0) ?? undefined) : undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new EvidenceError('malformed-ipc', `${label}: the Arrow IPC file cannot be decoded: ${reason}`);
  }
  checkEvidenceSchema(schema, expected, format, label);
  if (batchCount > 1) throw new EvidenceError('multiple-batches', `${label}: ${batchCount} record batches; a chunk holds exactly one`);
  return batch;
}

/** The schema's format metadata and its fields, name for name and type for type; throws EvidenceError naming the first difference. */
export function checkEvidenceSchema(schema: Schema, expected: Schema, format: string, label: string): void {
  const actualFormat = schema.metadata.get(FORMAT_METADATA_KEY);
  const actualVersion = schema.metadata.get(VERSION_METADATA_KEY);
  if (actualFormat !== format || actualVersion !== EVIDENCE_FORMAT_VERSION) {
    throw new EvidenceError(
      'wrong-format',
      `${label}: schema metadata says ${FORMAT_METADATA_KEY}=${JSON.stringify(actualFormat)} ${VERSION_METADATA_KEY}=${JSON.stringify(actualVersion)}, expected ${format} version ${EVIDENCE_FORMAT_VERSION}`,
    );
  }
  const count = Math.max(schema.fields.length, expected.fields.length);
  for (let i = 0; i < count; i++) {
    const found = schema.fields[i] ? describeField(schema.fields[i]!) : 'absent';
    const wanted = expected.fields[i] ? describeField(expected.fields[i]!) : 'absent';
    if (found !== wanted) throw new EvidenceError('schema-mismatch', `${label}: field ${i} is "${found}", expected "${wanted}"`);
  }
}

type TypedColumn = Float64Array | Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;
type TypedColumnConstructor<T extends TypedColumn> = { new (length: number): T; readonly name: string };

/**
 * The values of a column as a view of the file's own buffer (no copy when the input was 8-byte
 * aligned), after checking that it has no nulls and that its buffer covers its length.
 */
export function columnValues<T extends TypedColumn>(data: Data, constructor: TypedColumnConstructor<T>, expectedLength: number, label: string): T {
  if (data.length !== expectedLength) throw new EvidenceError('length-mismatch', `${label}: ${data.length} values, expected ${expectedLength}`);
  if (data.nullCount !== 0) throw new EvidenceError('unexpected-nulls', `${label}: ${data.nullCount} null values in a non-nullable column`);
  const values: unknown = data.values;
  if (!(values instanceof constructor)) throw new EvidenceError('schema-mismatch', `${label}: values are not a ${constructor.name}`);
  const end = data.offset + data.length;
  if (values.length < end) throw new EvidenceError('length-mismatch', `${label}: the buffer holds ${values.length} values, the column needs ${end}`);
  return values.subarray(data.offset, end) as T;
}

/** The strings of a dictionary column's dictionary (one string per distinct value, not per row). */
export function dictionaryStrings(data: Data, label: string): string[] {
  const dictionary = data.dictionary;
  if (!dictionary) throw new EvidenceError('schema-mismatch', `${label}: a dictionary column without a dictionary`);
  if (dictionary.nullCount !== 0) throw new EvidenceError('unexpected-nulls', `${label}: the dictionary holds null values`);
  return dictionary.toArray() as string[];
}
