import type { AnySignedStatement } from '../../shared/objects/signed-object';
import type { PackObjectKind } from '../../shared/pack/pack-index';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { chainInputsOf, type ChainInputs, type StatementBatch, type StatementBatchVerifier, type StatementCheck } from '../worker/statement-batch';

/** A statement verified elsewhere, or `undefined`: the importer checks it itself to record why it is refused. */
export type SettleStatement = (verified: AnySignedStatement | undefined) => void | Promise<void>;

interface Entry extends Readonly<StatementBatch['entries'][number]> {
  readonly settle: SettleStatement;
}

interface Batch {
  readonly entries: readonly Entry[];
  readonly checks: Promise<readonly StatementCheck[]>;
}

/** Statements per batch: tens of milliseconds of work for a thread, so a round trip costs little. */
const BATCH_STATEMENTS = 256;

/**
 * An import's statements decoded and verified elsewhere (a pool of threads) while the import reads
 * on. Each settles, in the order it was added, with its verified object, or with `undefined` when
 * it was not a verified statement of the kind listed.
 */
export class PooledStatements {
  private entries: Entry[] = [];
  private readonly inFlight: Batch[] = [];
  private readonly chain: ChainInputs;

  constructor(
    private readonly verifier: StatementBatchVerifier,
    chain: RosterChain,
    now: number,
  ) {
    this.chain = chainInputsOf(chain, now);
  }

  async add(id: string, listed: PackObjectKind, bytes: Uint8Array, settle: SettleStatement): Promise<void> {
    this.entries.push({ id, listed, bytes, settle });
    if (this.entries.length >= BATCH_STATEMENTS) this.send();
    while (this.inFlight.length > 2 * this.verifier.size) await this.settleOldest();
  }

  /** Settles every statement added so far. */
  async drain(): Promise<void> {
    if (this.entries.length > 0) this.send();
    while (this.inFlight.length > 0) await this.settleOldest();
  }

  private send(): void {
    // The settle callbacks stay on this thread: a function cannot be sent to another.
    const checks = this.verifier.check({ chain: this.chain, entries: this.entries.map(({ id, listed, bytes }) => ({ id, listed, bytes })) });
    // Awaited in order by settleOldest; until then a failure must not count as unhandled.
    checks.catch(() => undefined);
    this.inFlight.push({ entries: this.entries, checks });
    this.entries = [];
  }

  private async settleOldest(): Promise<void> {
    const batch = this.inFlight.shift()!;
    const checks = await batch.checks;
    for (const [i, entry] of batch.entries.entries()) {
      const check = checks[i];
      await entry.settle(check === undefined ? undefined : ({ ...check, bytes: entry.bytes } as AnySignedStatement));
    }
  }
}
