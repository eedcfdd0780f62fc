import sodium from 'libsodium-wrappers-sumo';

/**
 * A device's Ed25519 secret key at rest: the 32-byte seed sealed with XSalsa20-Poly1305 under a
 * key derived from the passphrase by Argon2id. Secret keys exist in clear only in the main
 * process (and the CLI), never on disk and never in the renderer.
 */
export interface KeyFile {
  readonly format: 'truceline-secret-key';
  readonly version: 1;
  readonly member: string;
  readonly keyid: string;
  /** Base64 of the raw 32-byte public key. */
  readonly publicKey: string;
  readonly kdf: { readonly algorithm: 'argon2id13'; readonly opslimit: number; readonly memlimit: number; readonly salt: string };
  readonly cipher: { readonly algorithm: 'xsalsa20poly1305'; readonly nonce: string; readonly ciphertext: string };
}

export type KdfStrength = 'interactive' | 'moderate' | 'sensitive';

export interface UnlockedKey {
  readonly member: string;
  readonly keyid: string;
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte Ed25519 secret key (seed ‖ public key). */
  readonly secretKey: Uint8Array;
}

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

const MIN_PASSPHRASE_LENGTH = 8;
const B64 = () => sodium.base64_variants.ORIGINAL;

async function ready(): Promise<void> {
  await sodium.ready;
}

function kdfLimits(strength: KdfStrength): { opslimit: number; memlimit: number } {
  switch (strength) {
    case 'interactive':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE };
    case 'moderate':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE, memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE };
    case 'sensitive':
      return { opslimit: sodium.crypto_pwhash_OPSLIMIT_SENSITIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE };
    default: {
      const never: never = strength;
      throw new KeyFileError(`unknown KDF strength ${String(never)}`);
    }
  }
}

function deriveKey(passphrase: string, salt: Uint8Array, opslimit: number, memlimit: number): Uint8Array {
  return sodium.crypto_pwhash(sodium.crypto_secretbox_KEYBYTES, passphrase, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
}

export interface SealOptions {
  readonly member: string;
  /** keyid of the public key: SHA-256 of its raw bytes, computed by the shared core. */
  readonly keyid: string;
  readonly passphrase: string;
  readonly strength?: KdfStrength;
}

export async function sealSecretKey(secretKey: Uint8Array, options: SealOptions): Promise<KeyFile> {
  await ready();
  if (options.passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyFileError(`passphrase: must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
  const { opslimit, memlimit } = kdfLimits(options.strength ?? 'moderate');
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(secretKey);
  const ciphertext = sodium.crypto_secretbox_easy(seed, nonce, deriveKey(options.passphrase, salt, opslimit, memlimit));
  return {
    format: 'truceline-secret-key',
    version: 1,
    member: options.member,
    keyid: options.keyid,
    publicKey: sodium.to_base64(sodium.crypto_sign_ed25519_sk_to_pk(secretKey), B64()),
    kdf: { algorithm: 'argon2id13', opslimit, memlimit, salt: sodium.to_base64(salt, B64()) },
    cipher: { algorithm: 'xsalsa20poly1305', nonce: sodium.to_base64(nonce, B64()), ciphertext: sodium.to_base64(ciphertext, B64()) },
  };
}

/** Opens a key file; a wrong passphrase or a tampered file gives one clear error. */
export async function unlockKeyFile(raw: unknown, passphrase: string): Promise<UnlockedKey> {
  await ready();
  const file = parseKeyFile(raw);
  const salt = fromBase64(file.kdf.salt, 'kdf.salt');
  const nonce = fromBase64(file.cipher.nonce, 'cipher.nonce');
  const ciphertext = fromBase64(file.cipher.ciphertext, 'cipher.ciphertext');
  const publicKey = fromBase64(file.publicKey, 'publicKey');
  let seed: Uint8Array;
  try {
    seed = sodium.crypto_secretbox_open_easy(ciphertext, nonce, deriveKey(passphrase, salt, file.kdf.opslimit, file.kdf.memlimit));
  } catch {
    throw new KeyFileError(`key file of ${file.member}: wrong passphrase, or the file was altered`);
  }
  const pair = sodium.crypto_sign_seed_keypair(seed);
  if (sodium.compare(pair.publicKey, publicKey) !== 0) {
    throw new KeyFileError(`key file of ${file.member}: the secret key does not match its public key`);
  }
  return { member: file.member, keyid: file.keyid, publicKey, secretKey: pair.privateKey };
}

function fromBase64(value: string, field: string): Uint8Array {
  try {
    return sodium.from_base64(value, B64());
  } catch {
    throw new KeyFileError(`key file: ${field} is not base64`);
  }
}

const MAX_OPSLIMIT = 16;
const MAX_MEMLIMIT = 1 << 30;

export function parseKeyFile(raw: unknown): KeyFile {
  const fail = (field: string, why: string): never => {
    throw new KeyFileError(`key file: ${field} ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('', 'is not a JSON object');
  const file = raw as Record<string, unknown>;
  if (file['format'] !== 'truceline-secret-key') fail('format', 'is not "truceline-secret-key"');
  if (file['version'] !== 1) fail('version', 'is not 1');
  for (const field of ['member', 'keyid', 'publicKey'] as const) if (typeof file[field] !== 'string') fail(field, 'is missing');
  const kdf = file['kdf'] as Record<string, unknown> | undefined;
  if (!kdf || kdf['algorithm'] !== 'argon2id13') fail('kdf.algorithm', 'is not argon2id13');
  // Bounds keep a hostile key file from pinning the CPU or exhausting memory.
  if (!Number.isInteger(kdf!['opslimit']) || (kdf!['opslimit'] as number) < 1 || (kdf!['opslimit'] as number) > MAX_OPSLIMIT) fail('kdf.opslimit', 'is out of range');
  if (!Number.isInteger(kdf!['memlimit']) || (kdf!['memlimit'] as number) < 8192 || (kdf!['memlimit'] as number) > MAX_MEMLIMIT) fail('kdf.memlimit', 'is out of range');
  if (typeof kdf!['salt'] !== 'string') fail('kdf.salt', 'is missing');
  const cipher = file['cipher'] as Record<string, unknown> | undefined;
  if (!cipher || cipher['algorithm'] !== 'xsalsa20poly1305') fail('cipher.algorithm', 'is not xsalsa20poly1305');
  if (typeof cipher!['nonce'] !== 'string' || typeof cipher!['ciphertext'] !== 'string') fail('cipher', 'lacks nonce or ciphertext');
  return raw as KeyFile;
}
