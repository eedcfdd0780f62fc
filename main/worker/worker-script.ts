import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * How to start the worker entry `name` (main/worker/<name>.ts): the bundle beside the one running
 * (dist/main/<name>.js, dist/cli/<name>.js) in a built app; from the TypeScript source (tests,
 * benchmarks) the same entry through tsx's loader.
 */
export function workerScript(name: string): { readonly script: string; readonly workerOptions: WorkerOptions } {
  if (!__filename.endsWith('.ts')) return { script: join(__dirname, `${name}.js`), workerOptions: {} };
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  const entry = join(__dirname, `${name}.ts`);
  return { script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, workerOptions: { eval: true } };
}
