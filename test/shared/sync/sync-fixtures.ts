import { KEY_BITS } from '../../../shared/sync/id-keys';
import { memoryIdSnapshot, type KeyedIdSnapshot } from '../../../shared/sync/id-snapshot';
import { Reconciler, type ReconcileOutcome, type ReconcilerLimits } from '../../../shared/sync/reconciler';

/** A deterministic generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` distinct object ids, deterministic for a seed. */
export function randomIds(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const ids = new Set<string>();
  while (ids.size < count) {
    let id = '';
    for (let i = 0; i < 8; i++)
      id += Math.floor(random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    ids.add(id);
  }
  return [...ids];
}

/** Ids that share their first 48 bits (one key) with `id`, differing after. */
export function idsSharingKey(id: string, count: number, seed: number): string[] {
  return randomIds(count, seed).map((other) => id.slice(0, KEY_BITS / 4) + other.slice(KEY_BITS / 4));
}

export interface Exchange {
  readonly a: ReconcileOutcome;
  readonly b: ReconcileOutcome;
  /** Messages both ways, in order, the initiator's first. */
  readonly messages: readonly Uint8Array[];
  readonly bytes: number;
}

/** Runs a reconciliation between two snapshots to its end, `a` initiating. */
export function reconcile(a: KeyedIdSnapshot, b: KeyedIdSnapshot, limits: Partial<ReconcilerLimits> = {}): Exchange {
  const sides = [new Reconciler(a, limits), new Reconciler(b, limits)] as const;
  const messages: Uint8Array[] = [];
  let message: Uint8Array | undefined = sides[0].start();
  for (let turn = 1; message !== undefined; turn++) {
    messages.push(message);
    if (messages.length > 10_000) throw new Error('the reconciliation does not end');
    message = sides[turn % 2]!.receive(message);
  }
  return { a: sides[0].outcome(), b: sides[1].outcome(), messages, bytes: messages.reduce((sum, m) => sum + m.length, 0) };
}

/** The ids a send plan names, resolved against the snapshot that made it, sorted. */
export function planIds(outcome: ReconcileOutcome, snapshot: KeyedIdSnapshot): string[] {
  const ids = new Set(outcome.send.ids);
  for (const node of outcome.send.nodes) for (const id of snapshot.idsUnder(node, Number.MAX_SAFE_INTEGER)) ids.add(id);
  return [...ids].sort();
}

export function difference(of: readonly string[], without: readonly string[]): string[] {
  const excluded = new Set(without);
  return of.filter((id) => !excluded.has(id)).sort();
}

export { memoryIdSnapshot };
