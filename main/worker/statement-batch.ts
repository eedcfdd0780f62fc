import type { Sha256 } from '../../shared/crypto/sha256';
import { ready } from '../../shared/crypto/sodium';
import type { AnySignedStatement } from '../../shared/objects/signed-object';
import type { ObjectId } from '../../shared/objects/types';
import { classifyPackEntry } from '../../shared/pack/entry-kind';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { verifyStatement } from '../../shared/roster/verify-statement';

// A batch of an import's statements checked on another thread: decoded, classified against the
// kind the pack's index lists, and verified against the import's roster chain, which the thread
// rebuilds from the chain's own roster bytes (a chain is a pure function of them and the time).

/** What rebuilds the import's chain on another thread: the pinned roster, the others of the chain, the time. */
export interface ChainInputs {
  /** The chain's current roster id: a rebuilt chain must end there. */
  readonly current: ObjectId;
  readonly trusted: Uint8Array;
  readonly candidates: readonly Uint8Array[];
  readonly now: number;
}

export interface StatementBatch {
  readonly chain: ChainInputs;
  readonly entries: readonly { readonly id: string; readonly listed: PackObjectKind; readonly bytes: Uint8Array }[];
}

/**
 * A statement of the listed kind whose signatures verify against the chain, without its bytes (the
 * importer holds them); `undefined` for anything else (refused, a roster, another kind than
 * listed), which the importer then checks itself to record exactly why.
 */
export type StatementCheck = Omit<AnySignedStatement, 'bytes'> | undefined;

/** Checks batches of statements on whatever thread holds it (a pool of threads, or this one in tests). */
export interface StatementBatchVerifier {
  /** How many batches it checks at once. */
  readonly size: number;
  check(batch: StatementBatch): Promise<readonly StatementCheck[]>;
}

export function chainInputsOf(chain: RosterChain, now: number): ChainInputs {
  const [pinned, ...successors] = chain.rosters;
  return { current: chain.current.id, trusted: pinned!.object.bytes, candidates: [...chain.ancestors, ...successors].map((roster) => roster.object.bytes), now };
}

/** Rebuilds chains from their inputs, keeping the last one: an import sends the same inputs with every batch. */
export class ChainCache {
  private last: { readonly key: string; readonly chain: Promise<RosterChain> } | undefined;

  constructor(private readonly sha256: Sha256) {}

  chainOf(inputs: ChainInputs): Promise<RosterChain> {
    const key = `${inputs.current}@${inputs.now}`;
    if (this.last?.key !== key) this.last = { key, chain: this.rebuild(inputs) };
    return this.last.chain;
  }

  private async rebuild(inputs: ChainInputs): Promise<RosterChain> {
    const result = await verifyRosterChain({ trusted: inputs.trusted, candidates: inputs.candidates, now: inputs.now, sha256: this.sha256 });
    if (!result.ok) throw new Error(`the import's roster chain does not verify on this thread: ${result.error.message}`);
    if (result.value.current.id !== inputs.current) throw new Error(`the import's roster chain ends at ${result.value.current.id} on this thread, not ${inputs.current}`);
    return result.value;
  }
}

export async function checkStatementBatch(batch: StatementBatch, chains: ChainCache, sha256: Sha256): Promise<StatementCheck[]> {
  await ready();
  const chain = await chains.chainOf(batch.chain);
  const checks: StatementCheck[] = [];
  for (const { id, listed, bytes } of batch.entries) {
    const entry = await classifyPackEntry({ id, listed, size: bytes.length }, bytes, sha256);
    const object = entry.kind !== undefined && entry.kind !== 'chunk' && entry.kind !== 'roster' && !entry.mismatch ? (entry.object as AnySignedStatement) : undefined;
    if (object === undefined || !verifyStatement(object, chain).ok) {
      checks.push(undefined);
      continue;
    }
    const { bytes: _held, ...withoutBytes } = object;
    checks.push(withoutBytes);
  }
  return checks;
}
