/**
 * The permutation that sorts the first `length` times ascending, ties kept in their original order.
 * Each key packs (time − baseMs, index) into one exact float64 so the engine's native numeric sort
 * of a Float64Array does the work, with no comparator and no object per row.
 */
export function timeOrder(timeMs: Float64Array, length: number, baseMs: number): Uint32Array {
  const indexBits = Math.max(1, Math.ceil(Math.log2(length + 1)));
  const scale = 2 ** indexBits;
  const keys = new Float64Array(length);
  let maxOffset = 0;
  for (let i = 0; i < length; i++) {
    const offset = timeMs[i]! - baseMs;
    if (offset < 0) throw new RangeError(`time ${timeMs[i]} precedes the base ${baseMs}`);
    if (offset > maxOffset) maxOffset = offset;
    keys[i] = offset * scale + i;
  }
  if ((maxOffset + 1) * scale > Number.MAX_SAFE_INTEGER) throw new RangeError('time span too wide to sort exactly');
  keys.sort();
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const key = keys[i]!;
    order[i] = key - Math.floor(key / scale) * scale;
  }
  return order;
}
