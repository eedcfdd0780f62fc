/**
 * Reads int64 epoch milliseconds as JavaScript numbers without a BigInt per value: the low and high
 * 32-bit words of each element, little-endian as Arrow and every platform we target lay them out.
 * Exact for |t| < 2^53 ms (about 285,000 years).
 */
export function int64Words(values: BigInt64Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length * 2);
}

export function epochMsAt(words: Int32Array, index: number): number {
  return words[2 * index + 1]! * 4_294_967_296 + (words[2 * index]! >>> 0);
}
