import { addKeys, CHECK_SPACE, checkOfId, childNode, isObjectId, keyOfId, nodeEnd, nodeStart, subtractChecks, subtractKeys, totalsOf, type KeyNode, type NodeSummary, type SetTotals } from './id-keys';

/**
 * One side's ids as catch-up reads them, frozen for the length of an exchange (objects arriving
 * meanwhile wait for the next one). A store backs it by its index of ids (main/sync), tests by an array.
 */
export interface IdSnapshot {
  readonly totals: SetTotals;
  summary(node: KeyNode): NodeSummary;
  /** The summaries of the node's 2^bits children, in order. */
  childSummaries(node: KeyNode, bits: number): NodeSummary[];
  /** The ids under a node, sorted; at most `limit` of them. */
  idsUnder(node: KeyNode, limit: number): readonly string[];
}

/** Sorted keys, and prefix sums of them and of their ids' checks: a node's summary is two binary searches and subtractions. */
export class SortedKeys {
  private readonly prefixSums: Float64Array;
  private readonly prefixChecks: Uint16Array;

  /** `keys` sorted ascending (equal keys allowed: ids that share their first 48 bits); `checks` the same ids' checks. */
  constructor(
    private readonly keys: Float64Array,
    checks: Uint16Array,
  ) {
    if (checks.length !== keys.length) throw new RangeError(`${keys.length} keys but ${checks.length} checks`);
    this.prefixSums = new Float64Array(keys.length + 1);
    this.prefixChecks = new Uint16Array(keys.length + 1);
    let sum = 0;
    let check = 0;
    for (let i = 0; i < keys.length; i++) {
      if (i > 0 && keys[i]! < keys[i - 1]!) throw new RangeError(`keys are not sorted at ${i}`);
      sum = addKeys(sum, keys[i]!);
      check = (check + checks[i]!) % CHECK_SPACE;
      this.prefixSums[i + 1] = sum;
      this.prefixChecks[i + 1] = check;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  summary(node: KeyNode): NodeSummary {
    return this.between(this.lowerBound(nodeStart(node), 0, this.keys.length), this.lowerBound(nodeEnd(node), 0, this.keys.length));
  }

  childSummaries(node: KeyNode, bits: number): NodeSummary[] {
    const children = 2 ** bits;
    const end = this.lowerBound(nodeEnd(node), 0, this.keys.length);
    let from = this.lowerBound(nodeStart(node), 0, end);
    const summaries: NodeSummary[] = [];
    for (let i = 0; i < children; i++) {
      const to = i === children - 1 ? end : this.lowerBound(nodeEnd(childNode(node, bits, i)), from, end);
      summaries.push(this.between(from, to));
      from = to;
    }
    return summaries;
  }

  /** The position of the first key at or above `key` among positions [from, to). */
  lowerBound(key: number, from: number, to: number): number {
    let low = from;
    let high = to;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle]! < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private between(from: number, to: number): NodeSummary {
    return {
      count: to - from,
      sum: subtractKeys(this.prefixSums[to]!, this.prefixSums[from]!),
      check: subtractChecks(this.prefixChecks[to]!, this.prefixChecks[from]!),
    };
  }
}

/** A snapshot over sorted keys whose ids are looked up where they are kept (a database, an array). */
export class KeyedIdSnapshot implements IdSnapshot {
  constructor(
    private readonly keys: SortedKeys,
    readonly totals: SetTotals,
    private readonly lookUp: (node: KeyNode, limit: number) => readonly string[],
  ) {
    if (keys.size !== totals.count) throw new RangeError(`${keys.size} keys but totals of ${totals.count} ids`);
  }

  summary(node: KeyNode): NodeSummary {
    return this.keys.summary(node);
  }

  childSummaries(node: KeyNode, bits: number): NodeSummary[] {
    return this.keys.childSummaries(node, bits);
  }

  idsUnder(node: KeyNode, limit: number): readonly string[] {
    return this.lookUp(node, limit);
  }
}

/** A snapshot of ids held in memory: each id once, 64 lowercase hex digits, in any order. */
export function memoryIdSnapshot(ids: Iterable<string>): KeyedIdSnapshot {
  const sorted = [...new Set(ids)].sort();
  for (const id of sorted) if (!isObjectId(id)) throw new RangeError(`${JSON.stringify(id)} is not an object id`);
  const keys = new SortedKeys(Float64Array.from(sorted, keyOfId), Uint16Array.from(sorted, checkOfId));
  return new KeyedIdSnapshot(keys, totalsOf(sorted), (node, limit) => {
    const from = keys.lowerBound(nodeStart(node), 0, sorted.length);
    const to = keys.lowerBound(nodeEnd(node), from, sorted.length);
    return sorted.slice(from, Math.min(to, from + limit));
  });
}
