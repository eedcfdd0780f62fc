import { utf8DecodeFatal } from '../encoding/bytes';
import { FAST_PATH_MAX_BYTES } from '../encoding/strict-canonical-json';
import { kindOfPayloadType, readEnvelopeAndPayload, type EnvelopeAndPayload } from './envelope';
import { ENVELOPE_JSON_LIMITS } from './limits';
import type { DsseEnvelope } from './types';

/**
 * The RFC 8785 text of an envelope that readEnvelope accepted and whose payloadType is a Truceline
 * one: its strings are then strict base64, lowercase hex and a known ASCII media type, which JCS
 * writes between quotes unescaped, and its member names are in code-unit order here.
 */
function canonicalEnvelopeText({ payload, payloadType, signatures }: DsseEnvelope): string {
  let text = `{"payload":"${payload}","payloadType":"${payloadType}","signatures":[`;
  for (let i = 0; i < signatures.length; i++) text += `${i > 0 ? ',' : ''}{"keyid":"${signatures[i]!.keyid}","sig":"${signatures[i]!.sig}"}`;
  return `${text}]}`;
}

/**
 * The common case of decodeObject's first steps, natively: the envelope and its payload bytes when
 * `bytes` are the canonical JSON of a valid envelope of a known payload type, else undefined (the
 * caller then takes the strict path, which names what is wrong). Sound because the text then is
 * canonicalJson of that envelope, which has depth 3, no numbers, no lone surrogate (all ASCII) and
 * distinct member names: the strict parser accepts it and yields the value JSON.parse yields. The
 * size limit and the BOM are checked on the bytes (TextDecoder strips a BOM); FAST_PATH_MAX_BYTES
 * bounds what JSON.parse spends on refused input.
 */
export function readCanonicalEnvelope(bytes: Uint8Array): EnvelopeAndPayload | undefined {
  if (bytes.length > Math.min(ENVELOPE_JSON_LIMITS.maxBytes, FAST_PATH_MAX_BYTES) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return undefined;
  try {
    const text = utf8DecodeFatal(bytes);
    const read = readEnvelopeAndPayload(JSON.parse(text));
    if (kindOfPayloadType(read.envelope.payloadType) === undefined) return undefined;
    return canonicalEnvelopeText(read.envelope) === text ? read : undefined;
  } catch {
    return undefined;
  }
}
