import { formatTimestamp } from '../../shared/objects/timestamp';
import { readFile } from 'node:fs/promises';
import { ready } from '../../shared/crypto/sodium';
import { keyIdOf, type SigningKey } from '../../shared/crypto/signing-key';
import { InvalidObjectError, signStatement } from '../../shared/objects/sign-object';
import { describeObject } from '../../shared/objects/issues';
import type { AnySignedStatement, SignedObject } from '../../shared/objects/signed-object';
import type { StatementPayload, Timestamp } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyStatement } from '../../shared/roster/verify-statement';
import { nodeSha256 } from '../crypto/node-sha256';
import { readLogPosition, recordLogPosition } from '../keys/author-log-state';
import { KeyFileError, unlockKeyFile } from '../keys/key-file';
import { ioError, usageError } from './cli-error';
import type { CommandContext } from './command';
import { describeFsError } from './io';
import { readPassphrase } from './passphrase';

export interface LoadedKey {
  readonly file: string;
  readonly member: string;
  readonly key: SigningKey;
}

export async function loadSigningKey(context: CommandContext, file: string): Promise<LoadedKey> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw ioError(`key file ${file}: ${error instanceof SyntaxError ? 'not valid JSON' : describeFsError(error)}`);
  }
  await ready();
  try {
    const unlocked = await unlockKeyFile(raw, await readPassphrase(context));
    const keyid = await keyIdOf(unlocked.publicKey, nodeSha256);
    if (keyid !== unlocked.keyid) throw ioError(`key file ${file}: its keyid does not match its public key`);
    return { file, member: unlocked.member, key: { publicKey: unlocked.publicKey, secretKey: unlocked.secretKey, keyid } };
  } catch (error) {
    if (error instanceof KeyFileError) throw ioError(`${file}: ${error.message}`);
    throw error;
  }
}

export function nowTimestamp(): Timestamp {
  return formatTimestamp(Date.now());
}

type LogFields<P extends StatementPayload> = { author: P['author']; seq: number; prev: P['prev']; created: Timestamp };

/** Refuses a statement the chain's current roster would not count, the same check every verifier makes. */
export function requireCounts(statement: AnySignedStatement, chain: RosterChain): void {
  const verdict = verifyStatement(statement, chain);
  if (verdict.ok) return;
  const subject = `${describeObject(statement.kind, statement.id)}: `;
  const reason = verdict.error.message.startsWith(subject) ? verdict.error.message.slice(subject.length) : verdict.error.message;
  throw usageError(`refusing to sign ${statement.kind === 'assessment' || statement.kind === 'incident' ? 'an' : 'a'} ${statement.kind} that could never count: ${reason}`);
}

async function signInMemory<P extends StatementPayload>(loaded: LoadedKey, build: (log: LogFields<P>) => P, chain: RosterChain | undefined): Promise<{ signed: SignedObject<P['kind']>; seq: number }> {
  const position = await readLogPosition(loaded.file, loaded.key.keyid);
  const payload = build({ author: loaded.member as P['author'], seq: position.seq, prev: position.prev, created: nowTimestamp() });
  let signed: SignedObject<P['kind']>;
  try {
    signed = await signStatement(payload, loaded.key, nodeSha256);
  } catch (error) {
    if (error instanceof InvalidObjectError) throw usageError(error.message);
    throw error;
  }
  if (chain !== undefined) requireCounts(signed as AnySignedStatement, chain);
  return { signed, seq: position.seq };
}

/**
 * Checks the statement the key would sign next against `chain` without publishing it: it is signed
 * in memory only (the check needs a signature), never recorded in the key's log nor written.
 */
export async function checkNextStatement<P extends StatementPayload>(loaded: LoadedKey, build: (log: LogFields<P>) => P, chain: RosterChain): Promise<void> {
  await signInMemory(loaded, build, chain);
}

/** Signs the next statement of the key's log and records the new log position beside the key file; with `chain`, only a statement it would count. */
export async function signNextStatement<P extends StatementPayload>(loaded: LoadedKey, build: (log: LogFields<P>) => P, chain?: RosterChain): Promise<SignedObject<P['kind']>> {
  const { signed, seq } = await signInMemory(loaded, build, chain);
  await recordLogPosition(loaded.file, { keyid: loaded.key.keyid, seq, id: signed.id });
  return signed;
}
