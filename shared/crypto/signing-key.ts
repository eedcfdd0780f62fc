import { toBase64 } from '../encoding/base64';
import type { KeyId } from '../objects/types';
import { generateKeypair, keypairFromSeed, type Ed25519Keypair } from './ed25519';
import { sha256Hex, type Sha256 } from './sha256';

/** A device key ready to sign: the keypair and its keyid. */
export interface SigningKey extends Ed25519Keypair {
  readonly keyid: KeyId;
}

/** keyid = SHA-256 of the raw 32-byte public key, lowercase hex. */
export async function keyIdOf(publicKey: Uint8Array, sha256: Sha256): Promise<KeyId> {
  return (await sha256Hex(sha256, publicKey)) as string as KeyId;
}

export async function signingKeyFromKeypair(keypair: Ed25519Keypair, sha256: Sha256): Promise<SigningKey> {
  return { publicKey: keypair.publicKey, secretKey: keypair.secretKey, keyid: await keyIdOf(keypair.publicKey, sha256) };
}

export async function signingKeyFromSeed(seed: Uint8Array, sha256: Sha256): Promise<SigningKey> {
  return signingKeyFromKeypair(keypairFromSeed(seed), sha256);
}

export async function generateSigningKey(sha256: Sha256): Promise<SigningKey> {
  return signingKeyFromKeypair(generateKeypair(), sha256);
}

/** The roster entry for a key: `{keyid, publicKey}` with the public key in base64. */
export function memberKeyOf(key: Pick<SigningKey, 'keyid' | 'publicKey'>): { readonly keyid: KeyId; readonly publicKey: string } {
  return { keyid: key.keyid, publicKey: toBase64(key.publicKey) };
}
