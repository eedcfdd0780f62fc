// Entry of a verifier thread (dist/main/verify-worker.js, dist/cli/verify-worker.js): decodes and
// verifies batches of an import's statements (statement-batch.ts) until it is stopped.
import { parentPort } from 'node:worker_threads';
import { nodeSha256 } from '../crypto/node-sha256';
import { serveServices } from './service-server';
import { runThisThreadInBackground } from './thread-priority';
import { ChainCache, checkStatementBatch, type StatementBatch, type StatementCheck } from './statement-batch';

export class StatementVerifierService {
  private readonly chains = new ChainCache(nodeSha256);

  check(batch: StatementBatch): Promise<StatementCheck[]> {
    return checkStatementBatch(batch, this.chains, nodeSha256);
  }
}

export interface VerifyWorkerServices {
  readonly statements: StatementVerifierService;
}

if (parentPort) {
  runThisThreadInBackground();
  serveServices(parentPort, { statements: new StatementVerifierService() } satisfies VerifyWorkerServices);
}
