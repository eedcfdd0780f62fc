import { readFile } from 'node:fs/promises';
import { ready } from '../../shared/crypto/sodium';
import { keyIdOf, type SigningKey } from '../../shared/crypto/signing-key';
import type { MemberId } from '../../shared/objects/types';
import { nodeSha256 } from '../crypto/node-sha256';
import { KeyFileError, unlockKeyFile } from './key-file';

export interface OpenedKey {
  readonly member: MemberId;
  readonly key: SigningKey;
}

/** Reads and opens a sealed key file: the one way the app and the CLI get at a secret key. A failure is a one-line `KeyFileError`. */
export async function openKeyFile(keyFile: string, passphrase: string): Promise<OpenedKey> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(keyFile, 'utf8'));
  } catch (error) {
    throw new KeyFileError(`key file ${keyFile}: ${error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`}`);
  }
  await ready();
  const opened = await unlockKeyFile(raw, passphrase);
  const keyid = await keyIdOf(opened.publicKey, nodeSha256);
  if (keyid !== opened.keyid) throw new KeyFileError(`key file of ${opened.member}: its keyid does not match its public key`);
  return { member: opened.member as MemberId, key: { publicKey: opened.publicKey, secretKey: opened.secretKey, keyid } };
}
