import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockHeldError, withProcessLock } from '../../../main/keys/process-lock';

let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'truceline-lock-'));
});

afterEach(async () => {
  child?.kill();
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A live process other than this one. */
async function otherProcess(): Promise<number> {
  child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child!.once('spawn', resolve));
  return child.pid!;
}

describe('the lock that keeps two processes from signing with one key file at once', () => {
  it('runs the body holding a lock file with this process id, and removes it after, even when the body throws', async () => {
    const path = join(dir, 'key.log.json.lock');
    const seen = await withProcessLock(path, async () => readFile(path, 'utf8'));
    expect(seen).toBe(String(process.pid));
    expect(existsSync(path)).toBe(false);
    await expect(withProcessLock(path, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live process that holds it, then refuses, naming the holder, without running the body', async () => {
    const path = join(dir, 'key.log.json.lock');
    const holder = await otherProcess();
    await writeFile(path, String(holder));
    let ran = false;
    const error = await withProcessLock(
      path,
      async () => {
        ran = true;
      },
      200,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).holder).toBe(holder);
    expect(ran).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(String(holder));
  });

  it('goes ahead as soon as the holder lets go', async () => {
    const path = join(dir, 'key.log.json.lock');
    await writeFile(path, String(await otherProcess()));
    setTimeout(() => void rm(path, { force: true }), 100);
    expect(await withProcessLock(path, async () => 'signed', 5_000)).toBe('signed');
  });

  it('takes over a lock left by a process that died, or a damaged lock file', async () => {
    const path = join(dir, 'key.log.json.lock');
    const pid = await otherProcess();
    child!.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    await writeFile(path, String(pid));
    expect(await withProcessLock(path, async () => 'signed', 200)).toBe('signed');
    await writeFile(path, 'not a pid');
    expect(await withProcessLock(path, async () => 'signed', 200)).toBe('signed');
  });
});
