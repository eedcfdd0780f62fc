/**
 * The id space as catch-up sees it. An object id is 64 lowercase hex digits (SHA-256); its **key**
 * is its first 48 bits, a number that doubles hold exactly, so that sums of keys (mod 2^48) and
 * their prefix sums stay plain arithmetic; its **check** the next 16 bits. A **node** is a range of
 * keys sharing a prefix of `depth` bits (a node of a binary trie over the keys); the root holds
 * every id, a node of depth KEY_BITS the ids of one key. SHA-256 spreads ids evenly, so nodes of
 * one depth hold about as many.
 */
export const KEY_BITS = 48;
export const KEY_SPACE = 2 ** KEY_BITS;
export const CHECK_BITS = 16;
export const CHECK_SPACE = 2 ** CHECK_BITS;
const KEY_HEX_DIGITS = KEY_BITS / 4;
const CHECK_HEX_DIGITS = CHECK_BITS / 4;
const ID_HEX = /^[0-9a-f]{64}$/;

export interface KeyNode {
  /** Bits of the prefix, 0 (the root) to KEY_BITS. */
  readonly depth: number;
  /** The prefix, below 2^depth. */
  readonly prefix: number;
}

export const ROOT_NODE: KeyNode = { depth: 0, prefix: 0 };

/**
 * A node's fingerprint: how many ids it holds, the sum of their keys mod 2^48 and of their checks
 * mod 2^16. The checks tell apart two ids of one key (the sums of keys alone would not), so two
 * sets with equal fingerprints differ only by ids that share their first 64 bits.
 */
export interface NodeSummary {
  readonly count: number;
  readonly sum: number;
  readonly check: number;
}

export const EMPTY_SUMMARY: NodeSummary = { count: 0, sum: 0, check: 0 };

export function sameSummary(a: NodeSummary, b: NodeSummary): boolean {
  return a.count === b.count && a.sum === b.sum && a.check === b.check;
}

export function isObjectId(text: string): boolean {
  return ID_HEX.test(text);
}

export function keyOfId(id: string): number {
  return parseInt(id.slice(0, KEY_HEX_DIGITS), 16);
}

export function checkOfId(id: string): number {
  return parseInt(id.slice(KEY_HEX_DIGITS, KEY_HEX_DIGITS + CHECK_HEX_DIGITS), 16);
}

export function addKeys(a: number, b: number): number {
  const sum = a + b;
  return sum >= KEY_SPACE ? sum - KEY_SPACE : sum;
}

export function subtractKeys(a: number, b: number): number {
  const difference = a - b;
  return difference < 0 ? difference + KEY_SPACE : difference;
}

export function subtractChecks(a: number, b: number): number {
  return (a - b + CHECK_SPACE) % CHECK_SPACE;
}

export function nodeStart(node: KeyNode): number {
  return node.prefix * 2 ** (KEY_BITS - node.depth);
}

/** The first key after the node (KEY_SPACE for the last node of its depth). */
export function nodeEnd(node: KeyNode): number {
  return (node.prefix + 1) * 2 ** (KEY_BITS - node.depth);
}

export function childNode(node: KeyNode, bits: number, index: number): KeyNode {
  return { depth: node.depth + bits, prefix: node.prefix * 2 ** bits + index };
}

export function leafNode(key: number): KeyNode {
  return { depth: KEY_BITS, prefix: key };
}

export function nodeHoldsKey(node: KeyNode, key: number): boolean {
  return key >= nodeStart(node) && key < nodeEnd(node);
}

export function sameNode(a: KeyNode, b: KeyNode): boolean {
  return a.depth === b.depth && a.prefix === b.prefix;
}

/** The ids under a node as a range of hex text: `from <= id < to` (what an index on the ids answers). */
export function nodeIdRange(node: KeyNode): { readonly from: string; readonly to: string } {
  const end = nodeEnd(node);
  return { from: keyHex(nodeStart(node)), to: end === KEY_SPACE ? 'g' : keyHex(end) };
}

function keyHex(key: number): string {
  return key.toString(16).padStart(KEY_HEX_DIGITS, '0');
}

export function describeNode(node: KeyNode): string {
  return node.depth === 0 ? 'the root' : `node ${node.prefix.toString(2).padStart(node.depth, '0')}`;
}

const TWO_32 = 2 ** 32;
const MASK_64 = (1n << 64n) - 1n;

/**
 * A set's digest independent of the keys: its size and the sums mod 2^64 of its ids' first and
 * last 8 bytes. After a catch-up each side checks that what it held plus what it received sums to
 * what the peer held plus what it sent: a difference the fingerprints missed shows here.
 */
export interface SetTotals {
  readonly count: number;
  readonly head: bigint;
  readonly tail: bigint;
}

export const EMPTY_TOTALS: SetTotals = { count: 0, head: 0n, tail: 0n };

/** Accumulates SetTotals over ids one at a time, in plain arithmetic. */
export class TotalsAccumulator {
  private count = 0;
  private readonly words = [0, 0, 0, 0];

  add(id: string): void {
    this.count += 1;
    this.addWords(0, parseInt(id.slice(0, 8), 16), parseInt(id.slice(8, 16), 16));
    this.addWords(2, parseInt(id.slice(48, 56), 16), parseInt(id.slice(56, 64), 16));
  }

  totals(): SetTotals {
    const [headHigh, headLow, tailHigh, tailLow] = this.words as [number, number, number, number];
    return { count: this.count, head: (BigInt(headHigh) << 32n) | BigInt(headLow), tail: (BigInt(tailHigh) << 32n) | BigInt(tailLow) };
  }

  private addWords(at: number, high: number, low: number): void {
    let sumLow = this.words[at + 1]! + low;
    let carry = 0;
    if (sumLow >= TWO_32) {
      sumLow -= TWO_32;
      carry = 1;
    }
    this.words[at + 1] = sumLow;
    this.words[at] = (this.words[at]! + high + carry) % TWO_32;
  }
}

export function totalsOf(ids: Iterable<string>): SetTotals {
  const accumulator = new TotalsAccumulator();
  for (const id of ids) accumulator.add(id);
  return accumulator.totals();
}

export function addTotals(a: SetTotals, b: SetTotals): SetTotals {
  return { count: a.count + b.count, head: (a.head + b.head) & MASK_64, tail: (a.tail + b.tail) & MASK_64 };
}

export function sameTotals(a: SetTotals, b: SetTotals): boolean {
  return a.count === b.count && a.head === b.head && a.tail === b.tail;
}
