import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toBase64 } from '../../../shared/encoding/base64';
import { toHex } from '../../../shared/encoding/hex';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { KeyId, MemberId, ObjectId, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import { logStatePath } from '../../../main/keys/author-log-state';
import { sealSecretKey } from '../../../main/keys/key-file';
import { Signer, type SignerClock, type UnsequencedPayload } from '../../../main/keys/signer';
import { keyring, type Keyring } from '../../vectors/commission';

const PASSPHRASE = 'correct horse battery';

function commitment(n: number, author = 'FRA'): UnsequencedPayload<SignedObject<'commitment'>['payload']> {
  return {
    kind: 'commitment',
    author: author as MemberId,
    created: '2026-11-21T10:00:00Z' as Timestamp,
    incident: 'ab'.repeat(32) as ObjectId,
    round: n,
    delegation: author as MemberId,
    digest: 'cd'.repeat(32) as Sha256Hex,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

/** The store's view: the seqs it holds per key, as `SELECT max(seq) FROM statements WHERE keyid = …` would answer. */
class FakeStore {
  readonly seqs = new Map<KeyId, number[]>();
  add(object: SignedObject<'commitment'>): void {
    const keyid = object.envelope.signatures[0]!.keyid as KeyId;
    this.seqs.set(keyid, [...(this.seqs.get(keyid) ?? []), object.payload.seq]);
  }
  highest = (keyid: KeyId): number | undefined => {
    const seqs = this.seqs.get(keyid);
    return seqs === undefined ? undefined : Math.max(...seqs);
  };
}

class ManualClock implements SignerClock {
  time = 1_000_000;
  private timers: { at: number; callback: () => void }[] = [];
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return timer;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer !== handle);
  };
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
  }
}

describe('the signer in main', () => {
  let keys: Keyring;
  let folder: string;
  let keyFile: string;
  let store: FakeStore;

  beforeAll(async () => {
    keys = await keyring();
  });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'truceline-signer-'));
    keyFile = join(folder, 'fra.key.json');
    const sealed = await sealSecretKey(keys['FRA-1'].secretKey, { member: 'FRA', keyid: keys['FRA-1'].keyid, passphrase: PASSPHRASE, strength: 'interactive' });
    await writeFile(keyFile, JSON.stringify(sealed));
    store = new FakeStore();
  });

  afterEach(async () => {
    vi.useRealTimers();
    await rm(folder, { recursive: true, force: true });
  });

  const unlockedSigner = async (options: { clock?: SignerClock; idleLockMs?: number } = {}): Promise<Signer> => {
    const signer = new Signer({ highestStoredSeq: store.highest, ...options });
    await signer.unlock(keyFile, PASSPHRASE);
    return signer;
  };

  it('refuses a wrong passphrase with one clear line and stays locked', async () => {
    const signer = new Signer({ highestStoredSeq: store.highest });
    const error = await rejection(signer.unlock(keyFile, 'wrong horse battery'));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('key file of FRA: wrong passphrase, or the file was altered');
    expect(signer.status()).toEqual({ unlocked: false, lockedBy: 'never-unlocked' });
    await expect(signer.sign(commitment(1))).rejects.toThrow(/locked/);
    await expect(signer.unlock(join(folder, 'missing.json'), PASSPHRASE)).rejects.toThrow(/^key file .*missing\.json: cannot be read \(ENOENT\)$/);
  });

  it('waits while another process holds the signing lock of the key file, and signs once it lets go', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      const lock = `${logStatePath(await realpath(keyFile))}.lock`;
      await writeFile(lock, String(other.pid));
      const signer = await unlockedSigner();
      let done = false;
      const signing = signer.sign(commitment(1)).then((signed) => {
        done = true;
        return signed;
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(done).toBe(false);
      await rm(lock);
      expect((await signing).payload.seq).toBe(1);
    } finally {
      other.kill();
    }
  });

  it('signs as the key it unlocked, and only for its member', async () => {
    const signer = await unlockedSigner();
    expect(signer.status()).toMatchObject({ unlocked: true, keyid: keys['FRA-1'].keyid, member: 'FRA', keyFile });
    const signed = await signer.sign(commitment(1));
    expect(signed.envelope.signatures[0]!.keyid).toBe(keys['FRA-1'].keyid);
    expect(signed.payload).toMatchObject({ seq: 1, prev: null, author: 'FRA' });
    await expect(signer.sign(commitment(2, 'DEU'))).rejects.toThrow('refusing to sign a commitment by DEU: the unlocked key belongs to FRA');
  });

  it('refuses to sign once locked by hand', async () => {
    const signer = await unlockedSigner();
    await signer.sign(commitment(1));
    signer.lock();
    expect(signer.status()).toEqual({ unlocked: false, lockedBy: 'user' });
    await expect(signer.sign(commitment(2))).rejects.toThrow('the key is locked: unlock it to sign');
  });

  it('locks itself after the idle timeout since its last use (injected clock)', async () => {
    const clock = new ManualClock();
    const signer = await unlockedSigner({ clock, idleLockMs: 60_000 });
    clock.advance(50_000);
    await signer.sign(commitment(1));
    clock.advance(50_000);
    expect(signer.status()).toMatchObject({ unlocked: true, locksAt: clock.time + 10_000 });
    await signer.sign(commitment(2));
    clock.advance(60_000);
    expect(signer.status()).toEqual({ unlocked: false, lockedBy: 'idle' });
    await expect(signer.sign(commitment(3))).rejects.toThrow('the key is locked (idle too long): unlock it to sign');
  });

  it('locks itself after the default 15 minutes idle (fake timers)', async () => {
    const signer = await unlockedSigner();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await signer.sign(commitment(1));
    vi.advanceTimersByTime(14 * 60 * 1000);
    expect(signer.status().unlocked).toBe(true);
    vi.advanceTimersByTime(60 * 1000);
    expect(signer.status()).toEqual({ unlocked: false, lockedBy: 'idle' });
    await expect(signer.sign(commitment(2))).rejects.toThrow(/locked/);
  });

  it('gives 20 concurrent signatures 20 distinct consecutive seqs chained by prev', async () => {
    const signer = await unlockedSigner();
    const signed = await Promise.all(Array.from({ length: 20 }, (_, index) => signer.sign(commitment(index + 1))));
    expect(signed.map((object) => object.payload.seq)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(signed[0]!.payload.prev).toBeNull();
    for (let index = 1; index < 20; index++) expect(signed[index]!.payload.prev).toBe(signed[index - 1]!.id);
    expect(JSON.parse(await readFile(logStatePath(keyFile), 'utf8'))).toEqual({ keyid: keys['FRA-1'].keyid, seq: 20, id: signed[19]!.id });
    expect((await readdir(folder)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('lets two signers unlocked on one key file (by two names) take turns: concurrent signatures continue one log', async () => {
    const first = await unlockedSigner();
    const alias = join(folder, 'alias.key.json');
    await symlink(keyFile, alias);
    const second = new Signer({ highestStoredSeq: store.highest });
    await second.unlock(alias, PASSPHRASE);
    const signed = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).sign(commitment(index + 1))));
    expect(signed.map((object) => object.payload.seq)).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
    for (let index = 1; index < 10; index++) expect(signed[index]!.payload.prev).toBe(signed[index - 1]!.id);
    // One after the other, each reads where the other left the log.
    const third = await first.sign(commitment(11));
    const fourth = await second.sign(commitment(12));
    expect([third.payload.seq, fourth.payload.seq, fourth.payload.prev]).toEqual([11, 12, third.id]);
  });

  it('previews the next statement without recording it: the next signature takes the same seq', async () => {
    const signer = await unlockedSigner();
    const first = await signer.sign(commitment(1));
    const [preview, next] = await Promise.all([signer.preview(commitment(2)), signer.sign(commitment(3))]);
    expect(preview.payload).toMatchObject({ seq: 2, prev: first.id, round: 2 });
    expect(next.payload).toMatchObject({ seq: 2, prev: first.id, round: 3 });
    expect(JSON.parse(await readFile(logStatePath(keyFile), 'utf8'))).toMatchObject({ seq: 2, id: next.id });
    const unchanged = await readFile(logStatePath(keyFile), 'utf8');
    await signer.preview(commitment(4));
    expect(await readFile(logStatePath(keyFile), 'utf8')).toBe(unchanged);
    await expect(signer.preview(commitment(5, 'DEU'))).rejects.toThrow('refusing to sign a commitment by DEU: the unlocked key belongs to FRA');
    signer.lock();
    await expect(signer.preview(commitment(5))).rejects.toThrow('the key is locked: unlock it to sign');
  });

  it('keeps its queue going after a refused signature', async () => {
    const signer = await unlockedSigner();
    const results = await Promise.allSettled([signer.sign(commitment(1)), signer.sign(commitment(2, 'DEU')), signer.sign(commitment(3))]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<SignedObject<'commitment'>>).value.payload.seq).toBe(2);
  });

  it('never reuses a seq after a crash between signing and storing', async () => {
    const before = await unlockedSigner();
    store.add(await before.sign(commitment(1)));
    const lost = await before.sign(commitment(2)); // signed, then the process died before the store held it
    expect(JSON.parse(await readFile(logStatePath(keyFile), 'utf8'))).toEqual({ keyid: keys['FRA-1'].keyid, seq: 2, id: lost.id });
    const after = await unlockedSigner();
    expect(store.highest(keys['FRA-1'].keyid)).toBe(1);
    const next = await after.sign(commitment(3));
    expect(next.payload.seq).toBe(3);
    expect(next.payload.prev).toBe(lost.id);
  });

  it('refuses when the store holds a seq beyond the log file (a restored backup, another window)', async () => {
    const signer = await unlockedSigner();
    store.add(await signer.sign(commitment(1)));
    const backup = await readFile(logStatePath(keyFile), 'utf8');
    store.add(await signer.sign(commitment(2)));
    await writeFile(logStatePath(keyFile), backup);
    const restored = await unlockedSigner();
    await expect(restored.sign(commitment(3))).rejects.toThrow(/^refusing to sign: the store holds seq 2 of key [0-9a-f]{8}… but its log file stops at 1 \(.*\); signing would reuse a seq$/);
    await rm(logStatePath(keyFile));
    await expect(restored.sign(commitment(3))).rejects.toThrow(/the store holds seq 2 of key [0-9a-f]{8}… but its log file stops at 0/);
  });

  it('refuses when the log file went back under the same signer, even before the store knows', async () => {
    const signer = await unlockedSigner();
    await signer.sign(commitment(1));
    const backup = await readFile(logStatePath(keyFile), 'utf8');
    await signer.sign(commitment(2));
    await writeFile(logStatePath(keyFile), backup);
    await expect(signer.sign(commitment(3))).rejects.toThrow(/^refusing to sign: the log file of key [0-9a-f]{8}… went back from seq 2 to 1 \(restored from a backup\?\); signing would reuse a seq$/);
  });

  it('refuses a damaged log file or one of another key with one line', async () => {
    const signer = await unlockedSigner();
    await signer.sign(commitment(1));
    await writeFile(logStatePath(keyFile), '{"keyid": "ab", "seq": ');
    const damaged = await rejection(signer.sign(commitment(2)));
    expect(damaged.message).toMatch(/^refusing to sign: .*fra\.key\.json\.log\.json: is damaged \(not valid JSON\); restore it before signing again$/);
    expect(damaged.message).not.toContain('\n');
    await writeFile(logStatePath(keyFile), JSON.stringify({ keyid: keys.DEU.keyid, seq: 7, id: 'ef'.repeat(32) }));
    await expect(signer.sign(commitment(2))).rejects.toThrow(/does not belong to key [0-9a-f]{8}… or is damaged/);
  });

  it('exposes no key material in its status, its errors or the object itself', async () => {
    const signer = await unlockedSigner();
    const secret = keys['FRA-1'].secretKey;
    const forms = [toHex(secret.slice(0, 32)), toBase64(secret.slice(0, 32)), toHex(secret.slice(0, 16)), toBase64(secret).slice(0, 24)];
    const error = await rejection(signer.sign(commitment(1, 'DEU')));
    const seen = [JSON.stringify(signer.status()), JSON.stringify(signer), inspect(signer, { depth: 5, showHidden: true }), error.message, String(error.stack)].join('\n');
    for (const form of forms) expect(seen).not.toContain(form);
    expect(Object.keys(signer.status()).sort()).toEqual(['keyFile', 'keyid', 'locksAt', 'member', 'unlocked']);
  });
});
