import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { platform } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from '../../../main/worker/thread-priority';

const MODULE = resolve(__dirname, '../../../main/worker/thread-priority.ts');

/** The calling thread's own nice value, as the kernel holds it (field 19 of /proc/thread-self/stat). */
function threadNice(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** Runs runThisThreadInBackground on a thread of its own; answers what it returned and the thread's nice as the kernel says. */
function inAnotherThread(): Promise<{ returned: number | undefined; kernel: number }> {
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  const code = `
    require(${JSON.stringify(tsx)}).register();
    const { readFileSync } = require('node:fs');
    const { parentPort } = require('node:worker_threads');
    const returned = require(${JSON.stringify(MODULE)}).runThisThreadInBackground();
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    parentPort.postMessage({ returned, kernel: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) });`;
  return new Promise((done, fail) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (message) => {
      done(message as { returned: number | undefined; kernel: number });
      void worker.terminate();
    });
    worker.once('error', fail);
  });
}

describe.runIf(platform() === 'linux')('runThisThreadInBackground', () => {
  it('lowers the priority of the calling thread only, never the thread that answers the window', async () => {
    const before = threadNice();
    const { returned, kernel } = await inAnotherThread();
    expect(kernel).toBe(Math.max(before, BACKGROUND_NICE));
    expect(returned).toBe(kernel);
    expect(threadNice()).toBe(before);
  });
});
