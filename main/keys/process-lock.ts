import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const RETRY_MS = 25;

/** Another process holds the lock, and kept it for longer than the caller would wait. */
export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(readonly holder: number) {
    super(`process ${holder} holds the lock`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `body` while holding a lock file (created exclusively, holding this process's id), so that
 * two processes on one machine never run it at the same time: the app and a `truceline` command
 * signing with one key file would otherwise both read the same log position. A lock left by a
 * process that died is taken over. Waits up to `waitMs` for a live holder, then throws LockHeldError.
 */
export async function withProcessLock<T>(path: string, body: () => Promise<T>, waitMs = 5_000): Promise<T> {
  await acquire(path, waitMs);
  try {
    return await body();
  } finally {
    await rm(path, { force: true });
  }
}

async function acquire(path: string, waitMs: number): Promise<void> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    try {
      const file = await open(path, 'wx', 0o600);
      try {
        await file.writeFile(String(process.pid));
        await file.sync();
      } finally {
        await file.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const holder = Number(text);
    // An empty file is a holder between creating and writing it: wait, unless it stays empty past the wait.
    const stale = text !== undefined && (text === '' ? Date.now() >= giveUpAt : !Number.isInteger(holder) || holder <= 0 || (holder !== process.pid && !isAlive(holder)));
    if (stale) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() >= giveUpAt) throw new LockHeldError(holder);
    await sleep(RETRY_MS);
  }
}
