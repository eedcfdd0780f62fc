import { loadedSodium } from './sodium';

export const PUBLIC_KEY_BYTES = 32;
export const SECRET_KEY_BYTES = 64;
export const SEED_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export interface Ed25519Keypair {
  readonly publicKey: Uint8Array;
  /** libsodium's 64-byte form: seed followed by the public key. */
  readonly secretKey: Uint8Array;
}

export function generateKeypair(): Ed25519Keypair {
  const { publicKey, privateKey } = loadedSodium().crypto_sign_keypair();
  return { publicKey, secretKey: privateKey };
}

/** The same 32-byte seed always gives the same keypair (RFC 8032). */
export function keypairFromSeed(seed: Uint8Array): Ed25519Keypair {
  if (seed.length !== SEED_BYTES) throw new RangeError(`an Ed25519 seed is ${SEED_BYTES} bytes, got ${seed.length}`);
  const { publicKey, privateKey } = loadedSodium().crypto_sign_seed_keypair(seed);
  return { publicKey, secretKey: privateKey };
}

export function signDetached(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== SECRET_KEY_BYTES) throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes`);
  return loadedSodium().crypto_sign_detached(message, secretKey);
}

/** Whether `signature` by `publicKey` covers `message`: libsodium's check, or one that defers or delegates it (a pool of threads). */
export type VerifySignature = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/** False, never an exception, for a wrong signature or a malformed key or signature. */
export function verifyDetached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return loadedSodium().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}
