import { epochMsAt, int64Words } from '../../shared/evidence/epoch-ms';

const DIGIT_BITS = 16;
const DIGIT_VALUES = 1 << DIGIT_BITS;
const WORD = 4_294_967_296;

/**
 * The rows of `timesMs` (epoch ms) in ascending time, rows of equal time in their original order.
 * Times already in order come back as the identity; others go through a stable LSD radix sort on
 * the offset from the earliest time, 16 bits a pass, as many passes as the span needs (two for a
 * span under 49 days), with no comparator and no object per row.
 */
export function timeOrder(timesMs: BigInt64Array): Uint32Array {
  return timeOrderOf(timesMs).order;
}

export interface TimeOrder {
  readonly order: Uint32Array;
  /** The rows were already in time order: `order` is the identity. */
  readonly inOrder: boolean;
}

export function timeOrderOf(timesMs: BigInt64Array): TimeOrder {
  const rows = timesMs.length;
  const words = int64Words(timesMs);
  let minMs = Infinity;
  let maxMs = -Infinity;
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < rows; i++) {
    const t = epochMsAt(words, i);
    if (t < previous) sorted = false;
    previous = t;
    if (t < minMs) minMs = t;
    if (t > maxMs) maxMs = t;
  }
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  if (sorted) return { order, inOrder: true };

  const span = maxMs - minMs;
  if (!(span < Number.MAX_SAFE_INTEGER)) throw new RangeError(`detection times span ${span} ms, too wide to sort exactly`);
  const low = new Uint32Array(rows);
  const high = span >= WORD ? new Uint32Array(rows) : undefined;
  for (let i = 0; i < rows; i++) {
    const offset = epochMsAt(words, i) - minMs;
    low[i] = offset >>> 0;
    if (high) high[i] = Math.floor(offset / WORD);
  }
  const passes = Math.max(1, Math.ceil(Math.log2(span + 1) / DIGIT_BITS));
  let source = order;
  let target = new Uint32Array(rows);
  const starts = new Uint32Array(DIGIT_VALUES);
  for (let pass = 0; pass < passes; pass++) {
    const keys = pass < 2 ? low : high!;
    const shift = (pass % 2) * DIGIT_BITS;
    starts.fill(0);
    for (let i = 0; i < rows; i++) starts[(keys[i]! >>> shift) & 0xffff]!++;
    let sum = 0;
    for (let digit = 0; digit < DIGIT_VALUES; digit++) {
      const count = starts[digit]!;
      starts[digit] = sum;
      sum += count;
    }
    for (let i = 0; i < rows; i++) {
      const row = source[i]!;
      target[starts[(keys[row]! >>> shift) & 0xffff]!++] = row;
    }
    [source, target] = [target, source];
  }
  return { order: source, inOrder: false };
}
