import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { generateKeypair, keypairFromSeed, signDetached, verifyDetached } from '../../../shared/crypto/ed25519';
import { keyIdOf, signingKeyFromSeed } from '../../../shared/crypto/signing-key';
import { ready } from '../../../shared/crypto/sodium';
import { toHex } from '../../../shared/encoding/hex';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

// RFC 8032 §7.1, TEST 1 and TEST 2.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

describe('Ed25519 (libsodium)', () => {
  beforeAll(ready);

  it.each(RFC8032)('RFC 8032 vector: public key $publicKey', ({ seed, publicKey, message, signature }) => {
    const keypair = keypairFromSeed(hex(seed));
    expect(toHex(keypair.publicKey)).toBe(publicKey);
    expect(toHex(signDetached(hex(message), keypair.secretKey))).toBe(signature);
    expect(verifyDetached(hex(signature), hex(message), keypair.publicKey)).toBe(true);
  });

  it('rejects a signature over other bytes, by another key, or of the wrong length, without throwing', () => {
    const a = generateKeypair();
    const b = generateKeypair();
    const message = new TextEncoder().encode('assessment');
    const signature = signDetached(message, a.secretKey);
    expect(verifyDetached(signature, new TextEncoder().encode('assessmenT'), a.publicKey)).toBe(false);
    expect(verifyDetached(signature, message, b.publicKey)).toBe(false);
    expect(verifyDetached(signature.slice(1), message, a.publicKey)).toBe(false);
    expect(verifyDetached(signature, message, a.publicKey.slice(1))).toBe(false);
    expect(verifyDetached(new Uint8Array(64), message, new Uint8Array(32))).toBe(false);
  });

  it('refuses a seed of the wrong length', () => {
    expect(() => keypairFromSeed(new Uint8Array(31))).toThrow(RangeError);
  });

  it('keyid is the SHA-256 of the raw public key', async () => {
    const key = await signingKeyFromSeed(hex(RFC8032[0]!.seed), nodeSha256);
    expect(key.keyid).toBe('21fe31dfa154a261626bf854046fd2271b7bed4b6abe45aa58877ef47f9721b9');
    expect(await keyIdOf(key.publicKey, nodeSha256)).toBe(key.keyid);
  });
});
