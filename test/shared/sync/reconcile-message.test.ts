import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_BITS } from '../../../shared/sync/id-keys';
import { decodeReconcileMessage, DEFAULT_RECONCILE_LIMITS, encodeReconcileMessage, MAX_COUNT, type ReconcileEntry } from '../../../shared/sync/reconcile-message';
import { SyncProtocolError } from '../../../shared/sync/sync-error';
import { idsSharingKey, randomIds } from './sync-fixtures';

// An id in the last sixteenth of the id space: after every other node of EVERY_KIND.
const someId = `ff${randomIds(1, 30)[0]!.slice(2)}`;
const siblings = idsSharingKey(someId, 3, 31).sort();
const leaf = { depth: KEY_BITS, prefix: parseInt(someId.slice(0, 12), 16) };

const EVERY_KIND: ReconcileEntry[] = [
  { type: 'totals', totals: { count: 123_456, head: 0xfedcba9876543210n, tail: 1n } },
  { type: 'summary', node: { depth: 1, prefix: 0 }, summary: { count: 0, sum: 0, check: 0 } },
  {
    type: 'split',
    node: { depth: 3, prefix: 5 },
    bits: 2,
    children: [
      { count: 0, sum: 0, check: 0 },
      { count: 7, sum: 2 ** 48 - 1, check: 65_535 },
      { count: 1, sum: 0, check: 9 },
      { count: MAX_COUNT, sum: 12, check: 0 },
    ],
  },
  { type: 'summary', node: { depth: 17, prefix: 0b11100000000000001 }, summary: { count: 300, sum: 2 ** 47, check: 1 } },
  { type: 'ids', node: leaf, ids: siblings },
];

function refused(bytes: Uint8Array, limits = DEFAULT_RECONCILE_LIMITS): SyncProtocolError {
  try {
    decodeReconcileMessage(bytes, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncProtocolError);
    expect((error as Error).message).not.toContain('\n');
    return error as SyncProtocolError;
  }
  throw new Error('the message was accepted');
}

/** The message with bytes spliced in at an offset, replacing `remove` bytes. */
function spliced(bytes: Uint8Array, at: number, remove: number, insert: number[] = []): Uint8Array {
  return Uint8Array.from([...bytes.subarray(0, at), ...insert, ...bytes.subarray(at + remove)]);
}

describe('reconcile messages', () => {
  it('round-trip every kind of entry, and encode canonically', () => {
    const bytes = encodeReconcileMessage(EVERY_KIND);
    expect(decodeReconcileMessage(bytes)).toEqual(EVERY_KIND);
    expect(encodeReconcileMessage(decodeReconcileMessage(bytes))).toEqual(bytes);
    expect(decodeReconcileMessage(encodeReconcileMessage([{ type: 'need', node: leaf, ids: siblings.slice(1) }]))).toEqual([{ type: 'need', node: leaf, ids: siblings.slice(1) }]);
  });

  it('refuses every truncation, and bytes after the end', () => {
    const bytes = encodeReconcileMessage(EVERY_KIND);
    for (let length = 0; length < bytes.length; length++) expect(refused(bytes.subarray(0, length)).code).toBe('malformed');
    expect(refused(Uint8Array.from([...bytes, 0])).message).toMatch(/after the end/);
  });

  it('refuses what is not canonical or out of range, in one line', () => {
    const summaryAt = (depth: number, prefixBytes: number[]) => Uint8Array.from([1, 2, depth, ...prefixBytes, 0]);
    expect(refused(Uint8Array.from([0x81, 0x00])).message).toMatch(/needless trailing byte/);
    expect(refused(Uint8Array.from([1, 9])).message).toMatch(/unknown type 9/);
    expect(refused(summaryAt(49, [0, 0, 0, 0, 0, 0, 0])).message).toMatch(/depth 49/);
    expect(refused(summaryAt(3, [0xff])).message).toMatch(/more than 3 bits/);
    expect(refused(Uint8Array.from([1, 3, 0, 0])).message).toMatch(/split of 0 bits/);
    expect(refused(Uint8Array.from([1, 3, 0, 9])).message).toMatch(/split of 9 bits/);
    expect(refused(Uint8Array.from([1, 3, 47, 0, 0, 0, 0, 0, 0, 2])).message).toMatch(/split of 2 bits at depth 47/);
    expect(refused(Uint8Array.from([1, 4, 8, 0, 1, ...new Array(32).fill(0)])).message).toMatch(/only under a node of depth 48/);
    const twoIds = encodeReconcileMessage([{ type: 'ids', node: leaf, ids: siblings.slice(0, 2) }]);
    const swapped = Uint8Array.from([...twoIds.subarray(0, twoIds.length - 64), ...twoIds.subarray(twoIds.length - 32), ...twoIds.subarray(twoIds.length - 64, twoIds.length - 32)]);
    expect(refused(swapped).message).toMatch(/not in increasing order/);
    const [stranger] = randomIds(1, 32);
    expect(refused(encodeReconcileMessage([{ type: 'ids', node: leaf, ids: [stranger!] }])).message).toMatch(/not under its node/);
    const totals = EVERY_KIND[0]!;
    expect(refused(encodeReconcileMessage([EVERY_KIND[1]!, totals])).message).toMatch(/totals come first/);
    expect(refused(encodeReconcileMessage([EVERY_KIND[3]!, EVERY_KIND[2]!])).message).toMatch(/not after the previous/);
    expect(refused(encodeReconcileMessage([{ type: 'summary', node: { depth: 0, prefix: 0 }, summary: { count: 0, sum: 0, check: 0 } }, EVERY_KIND[3]!])).message).toMatch(/not after the previous/);
    // A count of 2^40 + 1.
    expect(refused(Uint8Array.from([1, 2, 0, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20])).message).toMatch(/over the limit/);
  });

  it('refuses messages over the limits before reading them', () => {
    const bytes = encodeReconcileMessage(EVERY_KIND);
    expect(refused(bytes, { ...DEFAULT_RECONCILE_LIMITS, maxMessageBytes: bytes.length - 1 }).message).toMatch(/over the limit/);
    expect(refused(bytes, { ...DEFAULT_RECONCILE_LIMITS, maxEntries: EVERY_KIND.length - 1 }).message).toMatch(/entry count/);
    expect(refused(bytes, { ...DEFAULT_RECONCILE_LIMITS, maxIdsPerEntry: 2 }).message).toMatch(/id count/);
    // An entry count of 2^53 - 1 with nothing behind it: refused at once, nothing allocated for it.
    expect(refused(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f])).code).toBe('limit');
  });

  it('any bytes (fast-check): decoded to entries that encode to the same bytes, or refused in one line', () => {
    const valid = encodeReconcileMessage(EVERY_KIND);
    const mutated = fc.record({ at: fc.nat({ max: valid.length - 1 }), remove: fc.nat({ max: 3 }), insert: fc.array(fc.nat({ max: 255 }), { maxLength: 3 }) });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          mutated.map(({ at, remove, insert }) => spliced(valid, at, remove, insert)),
        ),
        (bytes) => {
          let entries: ReconcileEntry[];
          try {
            entries = decodeReconcileMessage(bytes);
          } catch (error) {
            expect(error).toBeInstanceOf(SyncProtocolError);
            expect((error as Error).message).not.toContain('\n');
            return;
          }
          expect(encodeReconcileMessage(entries)).toEqual(bytes);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
