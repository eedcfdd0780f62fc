import { beforeAll, describe, expect, it } from 'vitest';
import { checkEnvelopeSignatures, pae, signEnvelope } from '../../../shared/crypto/dsse';
import type { SigningKey } from '../../../shared/crypto/signing-key';
import { fromBase64 } from '../../../shared/encoding/base64';
import type { KeyId } from '../../../shared/objects/types';
import { keyring, type Keyring } from '../../vectors/commission';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const TYPE = 'application/vnd.truceline.roster+json';

describe('DSSE', () => {
  let keys: Keyring;
  beforeAll(async () => {
    keys = await keyring();
  });
  const lookup = (known: readonly SigningKey[]) => (keyid: KeyId) => known.find((key) => key.keyid === keyid)?.publicKey;

  it('PAE counts bytes, not characters', () => {
    expect(Buffer.from(pae('t€', text('é'))).toString('utf8')).toBe('DSSEv1 4 t€ 2 é');
    expect(Buffer.from(pae('', new Uint8Array())).toString('utf8')).toBe('DSSEv1 0  0 ');
  });

  it('signs the payload bytes in base64 with one signature per key, in order', () => {
    const envelope = signEnvelope(TYPE, text('{"a":1}'), [keys.CHAIR, keys.DEU]);
    expect(envelope.payloadType).toBe(TYPE);
    expect(fromBase64(envelope.payload)).toEqual(text('{"a":1}'));
    expect(envelope.signatures.map((signature) => signature.keyid)).toEqual([keys.CHAIR.keyid, keys.DEU.keyid]);
  });

  it('reports each signature: valid, unknown key, invalid, duplicate', () => {
    const payload = text('{"a":1}');
    const envelope = signEnvelope(TYPE, payload, [keys.CHAIR, keys.OUTSIDER, keys.DEU]);
    const forged = { ...envelope.signatures[2]!, sig: envelope.signatures[0]!.sig };
    const tampered = { ...envelope, signatures: [envelope.signatures[0]!, envelope.signatures[1]!, forged, envelope.signatures[0]!] };
    expect(checkEnvelopeSignatures(tampered, payload, lookup([keys.CHAIR, keys.DEU])).map((check) => check.status)).toEqual(['valid', 'unknown-key', 'invalid', 'duplicate']);
  });

  it('binds the payload type: the same signature does not verify under another type', () => {
    const payload = text('{"a":1}');
    const envelope = signEnvelope(TYPE, payload, [keys.CHAIR]);
    const retyped = { ...envelope, payloadType: 'application/vnd.truceline.phase+json' };
    expect(checkEnvelopeSignatures(retyped, payload, lookup([keys.CHAIR]))[0]!.status).toBe('invalid');
  });

  it('treats a signature that is not 64 bytes of strict base64 as invalid', () => {
    const payload = text('{}');
    const envelope = signEnvelope(TYPE, payload, [keys.CHAIR]);
    const broken = { ...envelope, signatures: [{ keyid: keys.CHAIR.keyid, sig: 'not base64!' }] };
    expect(checkEnvelopeSignatures(broken, payload, lookup([keys.CHAIR]))[0]!.status).toBe('invalid');
  });
});
