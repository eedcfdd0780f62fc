import { makeData, makeVector, RecordBatch, Struct, Table, tableToIPC, Utf8, type Data, type DataType, type Schema } from 'apache-arrow';

type PlainValues = Float64Array | Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

/** A non-null column over the caller's typed array (not copied). */
export function plainData(type: DataType, values: PlainValues): Data {
  return makeData({ type, length: values.length, nullCount: 0, data: values } as Parameters<typeof makeData>[0]);
}

/** A non-null dictionary column: the caller's indices (not copied) and the dictionary's strings. */
export function dictionaryData(type: DataType, indices: Int8Array | Int32Array, values: readonly string[]): Data {
  const encoder = new TextEncoder();
  const encoded = values.map((value) => encoder.encode(value));
  const valueOffsets = new Int32Array(values.length + 1);
  encoded.forEach((bytes, i) => (valueOffsets[i + 1] = valueOffsets[i]! + bytes.length));
  const text = new Uint8Array(valueOffsets[values.length]!);
  encoded.forEach((bytes, i) => text.set(bytes, valueOffsets[i]!));
  const dictionary = makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data: text }));
  return makeData({ type, length: indices.length, nullCount: 0, data: indices, dictionary } as Parameters<typeof makeData>[0]);
}

/** Arrow IPC file bytes of one record batch. */
export function ipcFileOf(schema: Schema, length: number, columns: readonly Data[]): Uint8Array {
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children: [...columns] }));
  return tableToIPC(new Table([batch]), 'file');
}
