import { fromBase64, toBase64 } from '../encoding/base64';
import { concatBytes, utf8Encode } from '../encoding/bytes';
import type { DsseEnvelope, DsseSignature, KeyId } from '../objects/types';
import { signDetached, verifyDetached, type VerifySignature } from './ed25519';
import type { SigningKey } from './signing-key';

const SPACE = utf8Encode(' ');
const PAE_PREFIX = utf8Encode('DSSEv1 ');

/** The DSSE v1 pre-authentication encoding: the exact bytes every signature covers. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8Encode(payloadType);
  // "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN = byte length in ASCII decimal, no leading zeros.
  return concatBytes([PAE_PREFIX, utf8Encode(String(type.length)), SPACE, type, SPACE, utf8Encode(String(payload.length)), SPACE, payload]);
}

/** An envelope over `payload` with one signature per key, in the order given. */
export function signEnvelope(payloadType: string, payload: Uint8Array, keys: readonly SigningKey[]): DsseEnvelope {
  const message = pae(payloadType, payload);
  const signatures: DsseSignature[] = keys.map((key) => ({ keyid: key.keyid, sig: toBase64(signDetached(message, key.secretKey)) }));
  return { payloadType, payload: toBase64(payload), signatures };
}

export type SignatureStatus =
  /** Verifies under the key the keyid names. */
  | 'valid'
  /** The key is known, the signature does not verify (or is not 64 bytes of strict base64). */
  | 'invalid'
  /** The caller knows no key with this keyid. */
  | 'unknown-key'
  /** The keyid already signed earlier in this envelope: never counted twice. */
  | 'duplicate';

export interface SignatureCheck {
  readonly keyid: KeyId;
  readonly status: SignatureStatus;
}

/** Checks each signature of an envelope whose payload decodes to `payload`; a bad signature is a status, never an exception. */
export function checkEnvelopeSignatures(
  envelope: DsseEnvelope,
  payload: Uint8Array,
  publicKeyOf: (keyid: KeyId) => Uint8Array | undefined,
  verify: VerifySignature = verifyDetached,
): readonly SignatureCheck[] {
  const message = pae(envelope.payloadType, payload);
  const seen = new Set<string>();
  return envelope.signatures.map(({ keyid, sig }): SignatureCheck => {
    if (seen.has(keyid)) return { keyid, status: 'duplicate' };
    seen.add(keyid);
    const publicKey = publicKeyOf(keyid);
    if (publicKey === undefined) return { keyid, status: 'unknown-key' };
    const signature = fromBase64(sig);
    const valid = signature !== undefined && verify(signature, message, publicKey);
    return { keyid, status: valid ? 'valid' : 'invalid' };
  });
}
