import { realpath } from 'node:fs/promises';
import { LockHeldError, withProcessLock } from './process-lock';
import { logStatePath } from './author-log-state';
import type { SigningKey } from '../../shared/crypto/signing-key';
import { nextLogPosition, type LogPosition } from '../../shared/log/log-position';
import { signStatement } from '../../shared/objects/sign-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { KeyId, MemberId, StatementPayload } from '../../shared/objects/types';
import { nodeSha256 } from '../crypto/node-sha256';
import { KeyFileError } from './key-file';
import { LogStateError, readLogState, recordLogStateDurably } from './log-state-file';
import { openKeyFile } from './open-key-file';

/** A statement as its author drafts it: the signer fills in `seq` and `prev` from the key's log. */
export type UnsequencedPayload<P extends StatementPayload = StatementPayload> = P extends StatementPayload ? Omit<P, 'seq' | 'prev'> : never;

/** Why the signer refused; the message is one line and never holds key material. */
export class SignerError extends Error {
  override readonly name = 'SignerError';
}

export type HighestStoredSeq = (keyid: KeyId) => number | undefined | Promise<number | undefined>;

export interface SignerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SignerOptions {
  /** The highest `seq` the store holds for the key, undefined when it holds none of its statements. */
  readonly highestStoredSeq: HighestStoredSeq;
  /** What `highestStoredSeq` answers from, as a refusal names it: "the store" unless said otherwise (the CLI has its packs). */
  readonly storedIn?: string;
  /** The key locks itself this long after its unlock or its last signature. */
  readonly idleLockMs?: number;
  readonly clock?: SignerClock;
}

export type SignerStatus =
  | { readonly unlocked: false; readonly lockedBy: 'never-unlocked' | 'user' | 'idle' }
  | { readonly unlocked: true; readonly keyid: KeyId; readonly member: MemberId; readonly keyFile: string; readonly locksAt: number };

export const DEFAULT_IDLE_LOCK_MS = 15 * 60 * 1000;

const systemClock: SignerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Unlocked {
  readonly keyFile: string;
  /** The key file's real path: signers that unlocked it by different names (a link, a relative path) share one turn and one log file beside it. */
  readonly realKeyFile: string;
  readonly member: MemberId;
  readonly key: SigningKey;
  lastUse: number;
  timer: unknown;
}

/**
 * Signings in this process take turns per key file, across every Signer: two signers unlocked on
 * one key file (two windows, the app and a command run in its process) then continue one log in
 * turn instead of both reading the same position. Across processes (the app and a `truceline`
 * command on one machine) a lock file beside the log does the same.
 */
const turns = new Map<string, Promise<void>>();

async function withKeyLock<T>(realKeyFile: string, run: () => Promise<T>): Promise<T> {
  try {
    return await withProcessLock(`${logStatePath(realKeyFile)}.lock`, run);
  } catch (error) {
    if (error instanceof LockHeldError) throw new SignerError(`refusing to sign: another process (pid ${error.holder}) is signing with this key; try again when it is done`);
    throw error;
  }
}

function inTurn<T>(realKeyFile: string, run: () => Promise<T>): Promise<T> {
  const result = (turns.get(realKeyFile) ?? Promise.resolve()).then(() => withKeyLock(realKeyFile, run));
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  turns.set(realKeyFile, settled);
  void settled.then(() => {
    if (turns.get(realKeyFile) === settled) turns.delete(realKeyFile);
  });
  return result;
}

/**
 * The workstation's one holder of an unlocked device key (DESIGN §2): it signs statements one at a
 * time, continuing the key's log. Before a signature leaves it, the new log position is on disk
 * (fsynced), so a crash can lose a statement but never reuse its seq; and it refuses to sign when
 * the store already holds a seq beyond the log file (a restored backup, another window or
 * workstation signing with the same key), since that seq could be signed twice.
 * The secret key stays in a private field: no method returns it and no error quotes it.
 */
export class Signer {
  readonly #highestStoredSeq: HighestStoredSeq;
  readonly #storedIn: string;
  readonly #idleLockMs: number;
  readonly #clock: SignerClock;
  #unlocked: Unlocked | undefined;
  #lockedBy: 'never-unlocked' | 'user' | 'idle' = 'never-unlocked';
  /** The last seq this signer recorded per key: a log file read back lower went back in time. */
  readonly #recorded = new Map<KeyId, number>();

  constructor(options: SignerOptions) {
    this.#highestStoredSeq = options.highestStoredSeq;
    this.#storedIn = options.storedIn ?? 'the store';
    this.#idleLockMs = options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /** Opens the sealed key file with the passphrase; replaces any key unlocked before. */
  async unlock(keyFile: string, passphrase: string): Promise<SignerStatus> {
    let opened: Awaited<ReturnType<typeof openKeyFile>>;
    try {
      opened = await openKeyFile(keyFile, passphrase);
    } catch (error) {
      if (error instanceof KeyFileError) throw new SignerError(error.message);
      throw error;
    }
    const realKeyFile = await realpath(keyFile);
    this.#forget('user');
    this.#unlocked = { keyFile, realKeyFile, member: opened.member, key: opened.key, lastUse: this.#clock.now(), timer: undefined };
    this.#armIdleLock();
    return this.status();
  }

  lock(): void {
    this.#forget('user');
  }

  status(): SignerStatus {
    const unlocked = this.#current();
    if (unlocked === undefined) return { unlocked: false, lockedBy: this.#lockedBy };
    return { unlocked: true, keyid: unlocked.key.keyid, member: unlocked.member, keyFile: unlocked.keyFile, locksAt: unlocked.lastUse + this.#idleLockMs };
  }

  /** Signs the statement as the next of the key's log; the log position is durable before this resolves. Calls run one at a time per key file, in call order. */
  sign<U extends UnsequencedPayload>(payload: U): Promise<SignedObject<U['kind']>> {
    return this.#inTurn((unlocked) => this.#signNext(unlocked, payload, 'record'));
  }

  /**
   * Signs the statement as `sign` would sign it next, with the same refusals, but records nothing:
   * a throwaway copy to check (say, that a roster would count it). It must never leave the caller,
   * since the next `sign` gives its seq to another statement.
   */
  preview<U extends UnsequencedPayload>(payload: U): Promise<SignedObject<U['kind']>> {
    return this.#inTurn((unlocked) => this.#signNext(unlocked, payload, 'preview'));
  }

  #inTurn<T>(run: (unlocked: Unlocked) => Promise<T>): Promise<T> {
    let unlocked: Unlocked;
    try {
      unlocked = this.#require();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return inTurn(unlocked.realKeyFile, () => run(unlocked));
  }

  async #signNext<U extends UnsequencedPayload>(unlocked: Unlocked, payload: U, mode: 'record' | 'preview'): Promise<SignedObject<U['kind']>> {
    const { realKeyFile, member, key } = unlocked;
    this.#requireStill(key);
    if (payload.author !== member) throw new SignerError(`refusing to sign a ${payload.kind} by ${payload.author}: the unlocked key belongs to ${member}`);
    const position = await this.#nextPosition(realKeyFile, key.keyid);
    this.#requireStill(key);
    const signed = await signStatement({ ...payload, seq: position.seq, prev: position.prev } as StatementPayload, key, nodeSha256);
    if (mode === 'record') {
      await recordLogStateDurably(realKeyFile, { keyid: key.keyid, seq: position.seq, id: signed.id });
      this.#recorded.set(key.keyid, position.seq);
    }
    unlocked.lastUse = this.#clock.now();
    this.#armIdleLock();
    return signed as SignedObject<U['kind']>;
  }

  /** Where the key's log goes on, from its log file, refused when that position could reuse a seq. */
  async #nextPosition(keyFile: string, keyid: KeyId): Promise<LogPosition> {
    const logged = await this.#readLogState(keyFile, keyid);
    const loggedSeq = logged?.seq ?? 0;
    const recorded = this.#recorded.get(keyid) ?? 0;
    if (loggedSeq < recorded) {
      throw new SignerError(`refusing to sign: the log file of key ${short(keyid)} went back from seq ${recorded} to ${loggedSeq} (restored from a backup?); signing would reuse a seq`);
    }
    const stored = await this.#highestStoredSeq(keyid);
    if (stored !== undefined && stored > loggedSeq) {
      throw new SignerError(
        `refusing to sign: ${this.#storedIn} holds seq ${stored} of key ${short(keyid)} but its log file stops at ${loggedSeq} (a restored backup, or another window or workstation signing with this key); signing would reuse a seq`,
      );
    }
    return nextLogPosition(logged === undefined ? undefined : { id: logged.id, payload: { seq: logged.seq } as StatementPayload });
  }

  /** A statement waits for its turn and for files: the key it was called with must still be the one unlocked. */
  #requireStill(key: SigningKey): void {
    if (this.#require().key !== key) throw new SignerError('refusing to sign: the key was changed while this statement waited');
  }

  async #readLogState(keyFile: string, keyid: KeyId): ReturnType<typeof readLogState> {
    try {
      return await readLogState(keyFile, keyid);
    } catch (error) {
      if (error instanceof LogStateError) throw new SignerError(`refusing to sign: ${error.message}`);
      throw error;
    }
  }

  #current(): Unlocked | undefined {
    const unlocked = this.#unlocked;
    // A timer can fire late (a sleeping laptop); the clock decides.
    if (unlocked !== undefined && this.#clock.now() - unlocked.lastUse >= this.#idleLockMs) this.#forget('idle');
    return this.#unlocked;
  }

  #require(): Unlocked {
    const unlocked = this.#current();
    if (unlocked === undefined) throw new SignerError(`the key is locked${this.#lockedBy === 'idle' ? ' (idle too long)' : ''}: unlock it to sign`);
    return unlocked;
  }

  #armIdleLock(): void {
    const unlocked = this.#unlocked;
    if (unlocked === undefined) return;
    if (unlocked.timer !== undefined) this.#clock.clearTimeout(unlocked.timer);
    unlocked.timer = this.#clock.setTimeout(() => {
      if (this.#unlocked === unlocked) this.#forget('idle');
    }, this.#idleLockMs);
  }

  #forget(by: 'user' | 'idle'): void {
    const unlocked = this.#unlocked;
    if (unlocked === undefined) return;
    if (unlocked.timer !== undefined) this.#clock.clearTimeout(unlocked.timer);
    unlocked.key.secretKey.fill(0);
    this.#unlocked = undefined;
    this.#lockedBy = by;
  }
}

function short(keyid: string): string {
  return `${keyid.slice(0, 8)}…`;
}
