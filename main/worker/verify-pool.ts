import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ServiceClient } from './service-client';
import type { StatementBatch, StatementBatchVerifier, StatementCheck } from './statement-batch';
import type { VerifyWorkerServices } from './verify-worker';
import { workerScript } from './worker-script';

interface PoolThread {
  readonly client: ServiceClient<VerifyWorkerServices>;
  readonly worker: Worker;
  /** Batches sent and not yet answered. */
  outstanding: number;
}

/**
 * One thread per core: they run in the background (thread-priority.ts), so the threads that answer
 * the window still get a core as soon as they need one, and otherwise every core verifies.
 */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Threads that decode and verify an import's statements, one per core, in the background: the import hands them
 * batches and goes on reading and writing while they work. A thread that stops fails every batch
 * it holds and every later one, so an import waiting on it ends with the reason.
 */
export class VerifyPool implements StatementBatchVerifier {
  private threads: PoolThread[] | undefined;
  private closed = false;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a verifier pool needs at least one thread, got ${size}`);
  }

  /** The threads start with the first batch: most imports are small and never need them. */
  private started(): PoolThread[] {
    if (this.threads) return this.threads;
    const { script, workerOptions } = workerScript('verify-worker');
    return (this.threads = Array.from({ length: this.size }, () => {
      const worker = new Worker(script, workerOptions);
      const client = new ServiceClient<VerifyWorkerServices>(worker, (error) => new Error(`statement check: ${error.message}`));
      worker.on('error', (error) => client.fail(new Error(`a verifier thread stopped: ${error.message}`)));
      worker.on('exit', (code) => client.fail(new Error(`a verifier thread exited (code ${code})`)));
      return { worker, client, outstanding: 0 };
    }));
  }

  async check(batch: StatementBatch): Promise<readonly StatementCheck[]> {
    if (this.closed) throw new Error('the verifier pool is closed');
    const thread = this.started().reduce((least, candidate) => (candidate.outstanding < least.outstanding ? candidate : least));
    thread.outstanding += 1;
    try {
      const checks = await thread.client.remote('statements').check(batch);
      if (!Array.isArray(checks) || checks.length !== batch.entries.length) throw new Error(`a verifier thread answered ${checks.length} checks for ${batch.entries.length} statements`);
      return checks;
    } finally {
      thread.outstanding -= 1;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all((this.threads ?? []).map(({ worker }) => worker.terminate()));
  }
}
