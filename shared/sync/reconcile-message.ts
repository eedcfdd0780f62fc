import { toHex } from '../encoding/hex';
import { CHECK_BITS, KEY_BITS, keyOfId, nodeEnd, nodeStart, EMPTY_SUMMARY, type KeyNode, type NodeSummary, type SetTotals } from './id-keys';
import { SyncProtocolError } from './sync-error';
import { ByteReader, ByteWriter } from './wire-bytes';

/**
 * One message of the reconciliation (range-based set reconciliation over the key trie of
 * shared/sync/id-keys.ts). Binary and canonical: one encoding per message, varints minimal, a sum
 * only where the count is not zero, nodes in increasing order and disjoint, the totals first.
 *
 *   message  = count:varint entry*
 *   entry    = 1 count:varint head:8 tail:8                  totals: the sender's whole set (first message only)
 *            | 2 node fingerprint                              summary: the sender's fingerprint of a node
 *            | 3 node bits:u8 fingerprint{2^bits}            split: the sender's fingerprints of the node's children
 *            | 4 node n:varint id:32{n}                      ids: every id the sender holds under a node of one key
 *            | 5 node n:varint id:32{n}                      need: ids under a node of one key the sender lacks
 *   node     = depth:u8 prefix:ceil(depth/8) bytes, big-endian
 *   fingerprint = count:varint [sum:6 check:2]               (sums only where the count is not zero)
 */
export type ReconcileEntry =
  | { readonly type: 'totals'; readonly totals: SetTotals }
  | { readonly type: 'summary'; readonly node: KeyNode; readonly summary: NodeSummary }
  | { readonly type: 'split'; readonly node: KeyNode; readonly bits: number; readonly children: readonly NodeSummary[] }
  | { readonly type: 'ids'; readonly node: KeyNode; readonly ids: readonly string[] }
  | { readonly type: 'need'; readonly node: KeyNode; readonly ids: readonly string[] };

export type WorkEntry = Exclude<ReconcileEntry, { type: 'totals' }>;

export interface ReconcileLimits {
  readonly maxMessageBytes: number;
  readonly maxEntries: number;
  /** Ids of one `ids` or `need` entry: ids sharing their first 48 bits, so a handful at most. */
  readonly maxIdsPerEntry: number;
}

export const DEFAULT_RECONCILE_LIMITS: ReconcileLimits = { maxMessageBytes: 1 << 20, maxEntries: 32_768, maxIdsPerEntry: 64 };

export const SUM_BYTES = KEY_BITS / 8;
export const CHECK_BYTES = CHECK_BITS / 8;
/** A split has at most 2^8 children. */
export const MAX_SPLIT_BITS = 8;
/** No set this protocol reconciles holds more ids (a sanity bound on counts, about a trillion). */
export const MAX_COUNT = 2 ** 40;
const ID_BYTES = 32;
const TYPE_CODES = { totals: 1, summary: 2, split: 3, ids: 4, need: 5 } as const;

export function encodeReconcileMessage(entries: readonly ReconcileEntry[]): Uint8Array {
  return assembleReconcileMessage(entries.map(encodeReconcileEntry));
}

/** One entry's bytes, for a sender that fills a message up to its size limit. */
export function encodeReconcileEntry(entry: ReconcileEntry): Uint8Array {
  const writer = new ByteWriter();
  writeEntry(writer, entry);
  return writer.finish();
}

/** A message of entries already encoded, in order. */
export function assembleReconcileMessage(encoded: readonly Uint8Array[]): Uint8Array {
  const writer = new ByteWriter().varint(encoded.length);
  for (const entry of encoded) writer.bytes(entry);
  return writer.finish();
}

/** The bytes a message of `entries` entries takes beyond the entries themselves. */
export function messageOverhead(entries: number): number {
  return new ByteWriter().varint(entries).size;
}

function writeEntry(writer: ByteWriter, entry: ReconcileEntry): void {
  writer.byte(TYPE_CODES[entry.type]);
  switch (entry.type) {
    case 'totals':
      writer.varint(entry.totals.count).bytes(uint64(entry.totals.head)).bytes(uint64(entry.totals.tail));
      return;
    case 'summary':
      writeNode(writer, entry.node);
      writeSummary(writer, entry.summary);
      return;
    case 'split':
      writeNode(writer, entry.node);
      writer.byte(entry.bits);
      if (entry.children.length !== 2 ** entry.bits) throw new RangeError(`a split of ${entry.bits} bits has ${entry.children.length} children`);
      for (const child of entry.children) writeSummary(writer, child);
      return;
    case 'ids':
    case 'need':
      writeNode(writer, entry.node);
      writer.varint(entry.ids.length);
      for (const id of entry.ids) writer.bytes(idBytes(id));
      return;
    default: {
      const unreachable: never = entry;
      throw new Error(`unexpected entry ${String(unreachable)}`);
    }
  }
}

function writeNode(writer: ByteWriter, node: KeyNode): void {
  writer.byte(node.depth).uint(node.prefix, Math.ceil(node.depth / 8));
}

function writeSummary(writer: ByteWriter, summary: NodeSummary): void {
  writer.varint(summary.count);
  if (summary.count > 0) writer.uint(summary.sum, SUM_BYTES).uint(summary.check, CHECK_BYTES);
}

function uint64(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  for (let i = 7, rest = value; i >= 0; i--, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
}

function idBytes(id: string): Uint8Array {
  const bytes = new Uint8Array(ID_BYTES);
  for (let i = 0; i < ID_BYTES; i++) bytes[i] = parseInt(id.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Decodes a message, refusing in one line (SyncProtocolError 'malformed' or 'limit') anything but
 * the canonical encoding within the limits. Memory is bounded by the message's size.
 */
export function decodeReconcileMessage(bytes: Uint8Array, limits: ReconcileLimits = DEFAULT_RECONCILE_LIMITS): ReconcileEntry[] {
  const reader = new ByteReader(bytes, 'reconcile message');
  if (bytes.length > limits.maxMessageBytes) throw new SyncProtocolError('limit', `reconcile message: ${bytes.length} bytes, over the limit of ${limits.maxMessageBytes}`);
  const count = reader.varint('the entry count', limits.maxEntries);
  const entries: ReconcileEntry[] = [];
  let previous: { readonly node: KeyNode } | undefined;
  for (let i = 0; i < count; i++) {
    const entry = readEntry(reader, limits, `entry ${i}`);
    if (entry.type === 'totals') {
      if (i > 0) reader.fail(`entry ${i}: totals come first`);
    } else {
      if (previous && nodeStart(entry.node) < nodeEnd(previous.node)) reader.fail(`entry ${i}: its node is not after the previous entry's`);
      previous = entry;
    }
    entries.push(entry);
  }
  reader.end();
  return entries;
}

function readEntry(reader: ByteReader, limits: ReconcileLimits, where: string): ReconcileEntry {
  const code = reader.byte(`${where}'s type`);
  switch (code) {
    case TYPE_CODES.totals:
      return { type: 'totals', totals: { count: reader.varint(`${where}'s count`, MAX_COUNT), head: readUint64(reader, where), tail: readUint64(reader, where) } };
    case TYPE_CODES.summary: {
      const node = readNode(reader, where);
      return { type: 'summary', node, summary: readSummary(reader, where) };
    }
    case TYPE_CODES.split: {
      const node = readNode(reader, where);
      const bits = reader.byte(`${where}'s bits`);
      if (bits < 1 || bits > MAX_SPLIT_BITS || node.depth + bits > KEY_BITS) reader.fail(`${where}: a split of ${bits} bits at depth ${node.depth}`);
      const children: NodeSummary[] = [];
      for (let i = 0; i < 2 ** bits; i++) children.push(readSummary(reader, `${where}'s child ${i}`));
      return { type: 'split', node, bits, children };
    }
    case TYPE_CODES.ids:
    case TYPE_CODES.need: {
      const node = readNode(reader, where);
      if (node.depth !== KEY_BITS) reader.fail(`${where}: ids are listed only under a node of depth ${KEY_BITS}, not ${node.depth}`);
      const n = reader.varint(`${where}'s id count`, limits.maxIdsPerEntry);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = toHex(reader.take(ID_BYTES, `${where}'s id ${i}`));
        if (keyOfId(id) !== node.prefix) reader.fail(`${where}: id ${id} is not under its node`);
        if (i > 0 && id <= ids[i - 1]!) reader.fail(`${where}: ids are not in increasing order`);
        ids.push(id);
      }
      return { type: code === TYPE_CODES.ids ? 'ids' : 'need', node, ids };
    }
    default:
      return reader.fail(`${where}: unknown type ${code}`);
  }
}

function readNode(reader: ByteReader, where: string): KeyNode {
  const depth = reader.byte(`${where}'s depth`);
  if (depth > KEY_BITS) reader.fail(`${where}: depth ${depth} is over ${KEY_BITS}`);
  const prefix = reader.uint(Math.ceil(depth / 8), `${where}'s prefix`);
  if (prefix >= 2 ** depth) reader.fail(`${where}: prefix ${prefix} has more than ${depth} bits`);
  return { depth, prefix };
}

function readSummary(reader: ByteReader, where: string): NodeSummary {
  const count = reader.varint(`${where}'s count`, MAX_COUNT);
  if (count === 0) return EMPTY_SUMMARY;
  return { count, sum: reader.uint(SUM_BYTES, `${where}'s sum`), check: reader.uint(CHECK_BYTES, `${where}'s check`) };
}

function readUint64(reader: ByteReader, where: string): bigint {
  const bytes = reader.take(8, `${where}'s sums`);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
