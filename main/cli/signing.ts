import { describeObject } from '../../shared/objects/issues';
import type { AnySignedStatement, SignedObject } from '../../shared/objects/signed-object';
import { InvalidObjectError } from '../../shared/objects/sign-object';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { KeyId, MemberId, StatementPayload, Timestamp } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyStatement, type AnyVerifiedStatement } from '../../shared/roster/verify-statement';
import { KeyFileError } from '../keys/key-file';
import { openKeyFile, type OpenedKey } from '../keys/open-key-file';
import { Signer, SignerError, type UnsequencedPayload } from '../keys/signer';
import { ioError, usageError } from './cli-error';
import type { CommandContext } from './command';
import { readPassphrase } from './passphrase';

/** A key file the CLI unlocked to sign the next statements of its log, through the Signer the app uses too. */
export interface StatementKey {
  readonly file: string;
  readonly member: MemberId;
  readonly signer: Signer;
}

/** A key file the CLI opened for a signature outside the key's log: a roster's, a countersignature. */
export interface LoadedKey extends OpenedKey {
  readonly file: string;
}

/** An unlock failure as one line naming the file (exit 2, as for any file that cannot be used). */
function keyFileError(file: string, error: unknown): never {
  if (!(error instanceof KeyFileError || error instanceof SignerError)) throw error;
  throw ioError(error.message.includes(file) ? error.message : `${file}: ${error.message}`);
}

export async function loadSigningKey(context: CommandContext, file: string): Promise<LoadedKey> {
  const passphrase = await readPassphrase(context);
  try {
    return { file, ...(await openKeyFile(file, passphrase)) };
  } catch (error) {
    return keyFileError(file, error);
  }
}

/**
 * The CLI signs from packs, not from a store: the Signer cross-checks the key's log file against
 * the verified statements the command's packs hold (`atHand`), so a log file restored from a
 * backup is refused when the packs hold a later statement of the key, and goes unnoticed otherwise.
 */
export async function unlockStatementKey(context: CommandContext, file: string, atHand: readonly AnyVerifiedStatement[] = []): Promise<StatementKey> {
  const passphrase = await readPassphrase(context);
  const signer = new Signer({ highestStoredSeq: (keyid) => highestSeqOf(keyid, atHand), storedIn: 'a pack given' });
  try {
    const status = await signer.unlock(file, passphrase);
    if (!status.unlocked) throw new SignerError('the key did not unlock');
    return { file, member: status.member, signer };
  } catch (error) {
    return keyFileError(file, error);
  }
}

function highestSeqOf(keyid: KeyId, statements: readonly AnyVerifiedStatement[]): number | undefined {
  let highest: number | undefined;
  for (const statement of statements) if (statement.keyid === keyid && (highest === undefined || statement.object.payload.seq > highest)) highest = statement.object.payload.seq;
  return highest;
}

export function nowTimestamp(): Timestamp {
  return formatTimestamp(Date.now());
}

type Authored<P extends StatementPayload> = { author: P['author']; created: Timestamp };

/** Refuses a statement the chain's current roster would not count, the same check every verifier makes. */
export function requireCounts(statement: AnySignedStatement, chain: RosterChain): void {
  const verdict = verifyStatement(statement, chain);
  if (verdict.ok) return;
  const subject = `${describeObject(statement.kind, statement.id)}: `;
  const reason = verdict.error.message.startsWith(subject) ? verdict.error.message.slice(subject.length) : verdict.error.message;
  throw usageError(`refusing to sign ${statement.kind === 'assessment' || statement.kind === 'incident' ? 'an' : 'a'} ${statement.kind} that could never count: ${reason}`);
}

async function signing<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidObjectError) throw usageError(error.message);
    // The key's log file refused (damaged, gone back): a file to restore.
    if (error instanceof SignerError) throw ioError(error.message);
    throw error;
  }
}

/**
 * Checks the statement the key would sign next against `chain` without publishing it: the Signer
 * signs a throwaway copy (the check needs a signature) and records nothing in the key's log.
 */
export async function checkNextStatement<P extends StatementPayload>(key: StatementKey, build: (authored: Authored<P>) => UnsequencedPayload<P>, chain: RosterChain): Promise<void> {
  const preview = await signing(() => key.signer.preview(build({ author: key.member as P['author'], created: nowTimestamp() })));
  requireCounts(preview as AnySignedStatement, chain);
}

/** Signs the next statement of the key's log (the Signer records the new log position beside the key file first); with `chain`, only a statement it would count. */
export async function signNextStatement<P extends StatementPayload>(key: StatementKey, build: (authored: Authored<P>) => UnsequencedPayload<P>, chain?: RosterChain): Promise<SignedObject<P['kind']>> {
  const payload = build({ author: key.member as P['author'], created: nowTimestamp() });
  if (chain !== undefined) requireCounts((await signing(() => key.signer.preview(payload))) as AnySignedStatement, chain);
  return (await signing(() => key.signer.sign(payload))) as SignedObject<P['kind']>;
}
