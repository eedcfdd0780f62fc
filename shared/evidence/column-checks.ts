import { EvidenceError } from './evidence-error';

export function checkSameLength(label: string, expected: number, columns: Readonly<Record<string, { readonly length: number }>>): void {
  for (const [name, column] of Object.entries(columns)) {
    if (column.length !== expected) throw new EvidenceError('length-mismatch', `${label}: ${name} has ${column.length} values, expected ${expected}`);
  }
}

export function checkLonLat(label: string, lon: Float64Array, lat: Float64Array): void {
  for (let i = 0; i < lon.length; i++) {
    // Written so that NaN fails too.
    if (!(lon[i]! >= -180 && lon[i]! <= 180)) throw new EvidenceError('out-of-range', `${label}: lon ${lon[i]} at row ${i} is outside −180…180`);
    if (!(lat[i]! >= -90 && lat[i]! <= 90)) throw new EvidenceError('out-of-range', `${label}: lat ${lat[i]} at row ${i} is outside −90…90`);
  }
}

export function checkIndices(label: string, indices: Int8Array | Int32Array, size: number): void {
  for (let i = 0; i < indices.length; i++) {
    if (!(indices[i]! >= 0 && indices[i]! < size)) {
      throw new EvidenceError('out-of-range', `${label}: dictionary index ${indices[i]} at row ${i} is outside 0…${size - 1}`);
    }
  }
}

export function checkAtMost(label: string, values: Uint8Array, max: number): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i]! > max) throw new EvidenceError('out-of-range', `${label}: ${values[i]} at row ${i} is over ${max}`);
  }
}

export function checkAtLeast(label: string, values: Int32Array, min: number): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i]! < min) throw new EvidenceError('out-of-range', `${label}: ${values[i]} at row ${i} is below ${min}`);
  }
}

export function checkNotInfinite(label: string, values: Float32Array): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i] === Infinity || values[i] === -Infinity) throw new EvidenceError('out-of-range', `${label}: ${values[i]} at row ${i}`);
  }
}

export function checkVocabulary(label: string, actual: readonly string[], expected: readonly string[]): void {
  if (actual.length !== expected.length || actual.some((value, i) => value !== expected[i])) {
    throw new EvidenceError('bad-dictionary', `${label}: dictionary is [${actual.join(', ')}], expected [${expected.join(', ')}]`);
  }
}
