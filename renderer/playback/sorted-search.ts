type SortedNumbers = Float32Array | Float64Array | Uint32Array;

/** The first index in [from, to) whose value is ≥ `value` (or `to`); `values` ascending there. */
export function lowerBound(values: SortedNumbers, value: number, from = 0, to = values.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index in [from, to) whose value is > `value` (or `to`); `values` ascending there. */
export function upperBound(values: SortedNumbers, value: number, from = 0, to = values.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
