import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_NODE, type SetTotals } from '../../../shared/sync/id-keys';
import { encodeReconcileMessage, MAX_COUNT, type ReconcileEntry } from '../../../shared/sync/reconcile-message';
import { Reconciler } from '../../../shared/sync/reconciler';
import { SyncProtocolError } from '../../../shared/sync/sync-error';
import { difference, idsSharingKey, memoryIdSnapshot, planIds, randomIds, reconcile, seededRandom } from './sync-fixtures';

/** Splits ids at random between two sides: each id on one side, the other or both. */
function randomSplit(ids: readonly string[], seed: number, onlyA: number, onlyB: number): { a: string[]; b: string[] } {
  const random = seededRandom(seed);
  const a: string[] = [];
  const b: string[] = [];
  for (const id of ids) {
    const r = random();
    if (r < onlyA) a.push(id);
    else if (r < onlyA + onlyB) b.push(id);
    else {
      a.push(id);
      b.push(id);
    }
  }
  return { a, b };
}

function expectExact(aIds: readonly string[], bIds: readonly string[]): ReturnType<typeof reconcile> {
  const a = memoryIdSnapshot(aIds);
  const b = memoryIdSnapshot(bIds);
  const exchange = reconcile(a, b);
  expect(planIds(exchange.a, a)).toEqual(difference(aIds, bIds));
  expect(planIds(exchange.b, b)).toEqual(difference(bIds, aIds));
  expect(exchange.a.peerTotals).toEqual(b.totals);
  expect(exchange.b.peerTotals).toEqual(a.totals);
  return exchange;
}

const TOTALS: ReconcileEntry = { type: 'totals', totals: { count: 1, head: 0n, tail: 0n } };

describe('Reconciler: exact', () => {
  it('random splits of a set, both sides missing things: each sends exactly what the other lacks', () => {
    const ids = randomIds(20_000, 1);
    for (const [seed, onlyA, onlyB] of [
      [2, 0.01, 0.01],
      [3, 0.05, 0],
      [4, 0, 0.2],
      [5, 0.3, 0.3],
      [6, 0.001, 0.002],
    ] as const) {
      const { a, b } = randomSplit(ids, seed, onlyA, onlyB);
      expectExact(a, b);
    }
  });

  it('identical sets: one round trip of a few dozen bytes, whatever their size', () => {
    const small = randomIds(10, 7);
    const large = randomIds(50_000, 8);
    const sizes = [small, large].map((ids) => {
      const exchange = expectExact(ids, ids);
      expect(exchange.messages).toHaveLength(2);
      return exchange.bytes;
    });
    expect(sizes[0]).toBeLessThan(64);
    // Only the counts' varints grow with the size.
    expect(Math.abs(sizes[1]! - sizes[0]!)).toBeLessThanOrEqual(8);
  });

  it('one side empty: everything goes in one node, in one round trip', () => {
    const ids = randomIds(5_000, 9);
    for (const [a, b] of [
      [ids, []],
      [[], ids],
    ] as const) {
      const exchange = expectExact(a, b);
      expect(exchange.messages.length).toBeLessThanOrEqual(3);
      expect(exchange.bytes).toBeLessThan(100);
    }
    expectExact([], []);
  });

  it('ids that share their first 48 bits are compared one by one', () => {
    const [base] = randomIds(1, 10);
    const siblings = idsSharingKey(base!, 6, 11);
    const others = randomIds(300, 12);
    expectExact([...others, ...siblings.slice(0, 4)], [...others, ...siblings.slice(2)]);
    expectExact([...others, siblings[0]!], [...others, siblings[1]!]);
    expectExact([...others, ...siblings], others);
  });

  it('any two sets (fast-check): exact, including ids that share keys', () => {
    const pool = [...randomIds(60, 13), ...idsSharingKey(randomIds(1, 14)[0]!, 5, 15)];
    const subset = fc.subarray(pool);
    fc.assert(
      fc.property(subset, subset, (a, b) => {
        expectExact(a, b);
      }),
      { numRuns: 300 },
    );
  });

  it('bytes of the reconciliation per differing id stay small (1% of 50,000 differ, one way and both ways)', () => {
    const ids = randomIds(50_000, 16);
    for (const [onlyA, onlyB] of [
      [0.01, 0],
      [0.005, 0.005],
    ] as const) {
      const { a, b } = randomSplit(ids, 17, onlyA, onlyB);
      const exchange = expectExact(a, b);
      const differing = difference(a, b).length + difference(b, a).length;
      // About 29 bytes per differing id (the bench measures it); a loose bound that fails if the trie degenerates.
      expect(exchange.bytes / differing, `${exchange.bytes} bytes for ${differing} differing ids`).toBeLessThan(50);
    }
  });
});

describe('Reconciler: a hostile peer', () => {
  const mine = memoryIdSnapshot(randomIds(2_000, 20));

  function refusal(messages: readonly Uint8Array[], limits = {}): SyncProtocolError {
    const side = new Reconciler(mine, limits);
    try {
      for (const message of messages) side.receive(message);
    } catch (error) {
      expect(error).toBeInstanceOf(SyncProtocolError);
      expect((error as Error).message).not.toContain('\n');
      return error as SyncProtocolError;
    }
    throw new Error('the messages were accepted');
  }

  it('refuses a first message without the totals, or totals twice', () => {
    expect(refusal([encodeReconcileMessage([{ type: 'summary', node: ROOT_NODE, summary: { count: 1, sum: 5, check: 7 } }])]).code).toBe('unexpected');
    expect(refusal([encodeReconcileMessage([])]).code).toBe('unexpected');
    expect(refusal([encodeReconcileMessage([TOTALS]), encodeReconcileMessage([TOTALS])]).code).toBe('unexpected');
  });

  it('refuses a message after its side ended', () => {
    const side = new Reconciler(mine);
    expect(
      side.receive(
        encodeReconcileMessage([
          { type: 'totals', totals: mine.totals },
          { type: 'summary', node: ROOT_NODE, summary: mine.summary(ROOT_NODE) },
        ]),
      ),
    ).toBeDefined();
    expect(side.receive(encodeReconcileMessage([]))).toBeUndefined();
    expect(() => side.receive(encodeReconcileMessage([]))).toThrow(/after the reconciliation ended/);
  });

  it('answers huge claimed counts without allocating for them', () => {
    const huge: SetTotals = { count: MAX_COUNT, head: 1n, tail: 2n };
    const side = new Reconciler(mine);
    const reply = side.receive(
      encodeReconcileMessage([
        { type: 'totals', totals: huge },
        { type: 'summary', node: ROOT_NODE, summary: { count: MAX_COUNT, sum: 3, check: 7 } },
      ]),
    );
    expect(reply!.length).toBeLessThan(8 * 1024);
  });

  it('ends endless splitting (the peer answers every message with fresh splits) within its bounds', () => {
    const random = seededRandom(21);
    const side = new Reconciler(mine, { maxRounds: 50 });
    const splitOfRoot = (): Uint8Array =>
      encodeReconcileMessage([{ type: 'split', node: ROOT_NODE, bits: 8, children: Array.from({ length: 256 }, () => ({ count: 9, sum: Math.floor(random() * 2 ** 40), check: 7 })) }]);
    let refused: unknown;
    try {
      side.receive(encodeReconcileMessage([{ type: 'totals', totals: mine.totals }]));
      for (let i = 0; i < 1_000; i++) side.receive(splitOfRoot());
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SyncProtocolError);
    expect((refused as SyncProtocolError).code).toBe('limit');
  });

  it('refuses more work than its bound for the two sets’ sizes', () => {
    const random = seededRandom(22);
    const side = new Reconciler(mine, { maxWorkPerId: 1 });
    const splits = (): Uint8Array =>
      encodeReconcileMessage(
        Array.from({ length: 256 }, (_, i) => ({
          type: 'split' as const,
          node: { depth: 8, prefix: i },
          bits: 8,
          children: Array.from({ length: 256 }, () => ({ count: 3, sum: Math.floor(random() * 2 ** 40), check: 7 })),
        })),
      );
    side.receive(encodeReconcileMessage([{ type: 'totals', totals: { count: 10, head: 0n, tail: 0n } }]));
    expect(() => {
      for (let i = 0; i < 10; i++) side.receive(splits());
    }).toThrow(/comparisons/);
  });
});
