import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKeyFile, sealSecretKey, unlockKeyFile } from '../../../main/keys/key-file';

describe('secret key files', () => {
  let secretKey: Uint8Array;
  let publicKey: Uint8Array;
  beforeAll(async () => {
    await sodium.ready;
    const pair = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(7));
    secretKey = pair.privateKey;
    publicKey = pair.publicKey;
  });

  const seal = () => sealSecretKey(secretKey, { member: 'FRA', keyid: 'ab'.repeat(32), passphrase: 'correct horse battery', strength: 'interactive' });

  it('round-trips the key under the right passphrase, and stores no secret in clear', async () => {
    const file = await seal();
    const text = JSON.stringify(file);
    expect(text).not.toContain(sodium.to_base64(secretKey.slice(0, 32), sodium.base64_variants.ORIGINAL));
    expect(file.kdf.algorithm).toBe('argon2id13');
    const unlocked = await unlockKeyFile(JSON.parse(text), 'correct horse battery');
    expect(Buffer.from(unlocked.secretKey)).toEqual(Buffer.from(secretKey));
    expect(Buffer.from(unlocked.publicKey)).toEqual(Buffer.from(publicKey));
  });

  it('refuses a wrong passphrase with one clear line', async () => {
    await expect(unlockKeyFile(await seal(), 'wrong horse battery')).rejects.toThrow('key file of FRA: wrong passphrase, or the file was altered');
  });

  it('detects a tampered ciphertext or a swapped public key', async () => {
    const file = await seal();
    const bytes = sodium.from_base64(file.cipher.ciphertext, sodium.base64_variants.ORIGINAL);
    bytes[3]! ^= 1;
    const tampered = { ...file, cipher: { ...file.cipher, ciphertext: sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL) } };
    await expect(unlockKeyFile(tampered, 'correct horse battery')).rejects.toThrow(/wrong passphrase, or the file was altered/);
    const otherPublic = sodium.to_base64(new Uint8Array(32).fill(1), sodium.base64_variants.ORIGINAL);
    await expect(unlockKeyFile({ ...file, publicKey: otherPublic }, 'correct horse battery')).rejects.toThrow(/does not match its public key/);
  });

  it('refuses short passphrases and hostile KDF parameters', async () => {
    await expect(sealSecretKey(secretKey, { member: 'FRA', keyid: 'x', passphrase: 'short' })).rejects.toThrow(/at least 8 characters/);
    const file = await seal();
    expect(() => parseKeyFile({ ...file, kdf: { ...file.kdf, memlimit: 2 ** 40 } })).toThrow('key file: kdf.memlimit is out of range');
    expect(() => parseKeyFile({ ...file, format: 'pem' })).toThrow(/format/);
    expect(() => parseKeyFile('hello')).toThrow(/not a JSON object/);
  });
});
