import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { signEnvelope } from '../../../shared/crypto/dsse';
import { sha256Hex } from '../../../shared/crypto/sha256';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { bytesEqual } from '../../../shared/encoding/bytes';
import { toHex } from '../../../shared/encoding/hex';
import { err, ok } from '../../../shared/encoding/result';
import { FAST_PATH_MAX_BYTES } from '../../../shared/encoding/strict-canonical-json';
import { parseStrictJson } from '../../../shared/encoding/strict-json';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import { decodeObject, type DecodeResult } from '../../../shared/objects/decode-object';
import { encodeEnvelope, kindOfPayloadType, readEnvelope } from '../../../shared/objects/envelope';
import { FieldError } from '../../../shared/objects/field-checks';
import { objectIssue } from '../../../shared/objects/issues';
import { ENVELOPE_JSON_LIMITS, PAYLOAD_JSON_LIMITS } from '../../../shared/objects/limits';
import { PAYLOAD_TYPES, type DsseEnvelope, type KeyId, type ObjectId, type Sha256Hex } from '../../../shared/objects/types';
import { validatePayload } from '../../../shared/objects/validate-payload';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes } from '../../../shared/roster/verify-statement';
import type { AnySignedObject, SignedObject } from '../../../shared/objects/signed-object';
import { LogWriter, NOW, assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, rosterFixture, rosterPayload, sha256, type RosterFixture } from '../../vectors/commission';

describe('decodeObject', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  let commitment: SignedObject<'commitment'>;
  beforeAll(async () => {
    fixture = await rosterFixture();
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    if (!result.ok) throw new Error(result.error.message);
    chain = result.value;
    const log = new LogWriter(fixture.keys);
    const incident = await log.sign('MISSION', incidentPayload(log));
    commitment = await log.sign('FRA-2', await commitmentPayload(log, 'FRA-2', 'FRA', await assessmentBody(incident.id, 'FRA')));
  });

  it('gives id = SHA-256 of the exact bytes, the kind, the payload, and bytes that re-encode identically', async () => {
    const result = await decodeObject(commitment.bytes, sha256);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.id).toBe(toHex(await nodeSha256(commitment.bytes)));
    expect(result.value.kind).toBe('commitment');
    expect(result.value.payload).toEqual(commitment.payload);
    expect(encodeEnvelope(result.value.envelope)).toEqual(commitment.bytes);
    expect(canonicalize(result.value.payload)).toEqual(result.value.payloadBytes);
  });

  it('a flipped bit in any byte of an envelope is never accepted', async () => {
    const original = commitment.bytes;
    const accepted: number[] = [];
    for (let i = 0; i < original.length; i++) {
      for (const mask of [0x01, 0x20]) {
        const flipped = Uint8Array.from(original);
        flipped[i] = flipped[i]! ^ mask;
        const result = await checkStatementBytes(flipped, chain, sha256);
        if (result.ok) accepted.push(i);
      }
    }
    expect(original.length).toBeGreaterThan(500);
    expect(accepted).toEqual([]);
  });

  it('refuses an envelope larger than 1 MiB before parsing it', async () => {
    const huge = new TextEncoder().encode(`{"payload":"${'A'.repeat(1 << 20)}","payloadType":"x","signatures":[]}`);
    expect(await decodeObject(huge, sha256)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('refuses a roster whose keyid is not the SHA-256 of the key', async () => {
    const payload = rosterPayload(fixture.keys);
    const [first, ...rest] = payload.members;
    const wrong = { ...payload, members: [{ ...first!, keys: [{ ...first!.keys[0]!, keyid: fixture.keys.DEU.keyid }] }, ...rest.filter((m) => m.id !== 'DEU')] };
    const bytes = encodeEnvelope(signEnvelope(PAYLOAD_TYPES.roster, canonicalize(wrong), [fixture.keys.CHAIR]));
    expect(await decodeObject(bytes, sha256)).toMatchObject({ ok: false, error: { code: 'keyid-mismatch', field: 'members[0].keys[0].keyid' } });
  });

  it('names the object by the hash of its bytes even when the bytes are garbage', async () => {
    const garbage = Uint8Array.of(1, 2, 3);
    const result = await decodeObject(garbage, sha256);
    expect(result).toMatchObject({ ok: false, error: { code: 'malformed-json', object: toHex(await nodeSha256(garbage)) } });
    if (!result.ok) expect(result.error.message).toMatch(/^object [0-9a-f]{8}…: /);
  });

  it('refuses a keyid in uppercase hex', async () => {
    const upper = { ...commitment.envelope, signatures: [{ ...commitment.envelope.signatures[0]!, keyid: commitment.envelope.signatures[0]!.keyid.toUpperCase() as KeyId }] };
    expect(await decodeObject(encodeEnvelope(upper), sha256)).toMatchObject({ ok: false, error: { code: 'bad-format', field: 'signatures[0].keyid' } });
  });
});

/** decodeObject as it was before its fast paths (commit 11c2e1d): every input through the strict parser and a re-serialisation. */
async function strictDecode(bytes: Uint8Array): Promise<DecodeResult> {
  const id = (await sha256Hex(sha256, bytes)) as string as ObjectId;
  const parsed = parseStrictJson(bytes, ENVELOPE_JSON_LIMITS);
  if (!parsed.ok) return err(objectIssue(parsed.error.code, undefined, id, `envelope JSON refused: ${parsed.error.message}`));
  let envelope: DsseEnvelope;
  try {
    envelope = readEnvelope(parsed.value);
  } catch (error) {
    if (error instanceof FieldError) return err(objectIssue(error.code, undefined, id, error.detail, error.field));
    throw error;
  }
  if (!bytesEqual(canonicalize(parsed.value), bytes)) return err(objectIssue('not-canonical', undefined, id, 'envelope bytes are not RFC 8785 canonical JSON'));
  const kind = kindOfPayloadType(envelope.payloadType);
  if (kind === undefined) {
    return err(objectIssue('unknown-payload-type', undefined, id, `${JSON.stringify(envelope.payloadType)} is not a Truceline payload type`, 'payloadType'));
  }
  const payloadBytes = fromBase64(envelope.payload)!;
  const payloadJson = parseStrictJson(payloadBytes, PAYLOAD_JSON_LIMITS);
  if (!payloadJson.ok) return err(objectIssue(payloadJson.error.code, kind, id, `JSON refused: ${payloadJson.error.message}`, 'payload'));
  if (!bytesEqual(canonicalize(payloadJson.value), payloadBytes)) return err(objectIssue('not-canonical', kind, id, 'bytes are not RFC 8785 canonical JSON', 'payload'));
  const validated = validatePayload(kind, payloadJson.value);
  if (!validated.ok) {
    const { code, field, detail } = validated.problem;
    return err(objectIssue(code, kind, id, detail, field === '' ? undefined : field));
  }
  // The roster key check is left out: no case below reaches it with a roster.
  return ok({ id, kind, envelope, payload: validated.payload, bytes, payloadBytes } as AnySignedObject);
}

describe('decodeObject refuses what the strict path refuses, with the same issue', () => {
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
  let commitment: SignedObject<'commitment'>;
  let assessment: SignedObject<'assessment'>;
  let incident: SignedObject<'incident'>;
  let roster: Uint8Array;
  beforeAll(async () => {
    const fixture = await rosterFixture();
    roster = fixture.genesis.bytes;
    const log = new LogWriter(fixture.keys);
    incident = await log.sign('MISSION', incidentPayload(log));
    const body = await assessmentBody(incident.id, 'FRA', { rationale: 'Bearings agree: see chunk a/b. C:\\udir holds the notes.' });
    commitment = await log.sign('FRA-2', await commitmentPayload(log, 'FRA-2', 'FRA', body));
    assessment = await log.sign('FRA-2', assessmentPayload(log, 'FRA-2', body));
  });

  type Build = () => Uint8Array;
  const envelopeText = (): string => text(commitment.bytes);
  const withPayload = (payload: string | Uint8Array, object: SignedObject = commitment): Uint8Array =>
    encodeEnvelope({ ...object.envelope, payload: toBase64(typeof payload === 'string' ? utf8(payload) : payload) });
  const commitmentText = (): string => text(commitment.payloadBytes);
  const assessmentText = (): string => text(assessment.payloadBytes);
  const replaced = (source: string, from: string, to: string): string => {
    if (!source.includes(from)) throw new Error(`test input lacks ${from}`);
    return source.replace(from, to);
  };
  const prefixed = (bytes: Uint8Array, ...prefix: number[]): Uint8Array => Uint8Array.from([...prefix, ...bytes]);
  const withByte = (source: string, from: string, byte: number): Uint8Array => {
    const at = source.indexOf(from);
    return Uint8Array.from([...utf8(source.slice(0, at)), byte, ...utf8(source.slice(at + from.length))]);
  };
  const nested = (depth: number, inner: string): string => '['.repeat(depth) + inner + ']'.repeat(depth);

  const cases: [string, string, string | undefined, Build][] = [
    // The envelope.
    ['envelope: a duplicate key', 'duplicate-key', undefined, () => utf8(`{"payload":"e30=",${envelopeText().slice(1)}`)],
    [
      'envelope: members out of order',
      'not-canonical',
      undefined,
      () => {
        const { payload, payloadType, signatures } = commitment.envelope;
        return utf8(`{"payloadType":"${payloadType}","payload":"${payload}","signatures":${JSON.stringify(signatures)}}`);
      },
    ],
    ['envelope: a space', 'not-canonical', undefined, () => utf8(replaced(envelopeText(), '","payloadType"', '", "payloadType"'))],
    ['envelope: a trailing newline', 'not-canonical', undefined, () => utf8(`${envelopeText()}\n`)],
    ['envelope: \\u0065 for e in the payload', 'not-canonical', undefined, () => utf8(replaced(envelopeText(), '{"payload":"e', '{"payload":"\\u0065'))],
    ['envelope: an escaped solidus in payloadType', 'not-canonical', undefined, () => utf8(replaced(envelopeText(), 'application/vnd', 'application\\/vnd'))],
    ['envelope: a lone surrogate in payloadType', 'lone-surrogate', undefined, () => utf8(replaced(envelopeText(), 'application/vnd', '\\ud800application/vnd'))],
    ['envelope: a lone surrogate in a key', 'lone-surrogate', undefined, () => utf8(replaced(envelopeText(), '{"payload":', '{"\\udc00":1,"payload":'))],
    ['envelope: an integer beyond 2^53', 'number-out-of-range', undefined, () => utf8(replaced(envelopeText(), '{"payload":', '{"a":9007199254740993,"payload":'))],
    ['envelope: 1.0 in an extra member', 'unknown-field', 'a', () => utf8(replaced(envelopeText(), '{"payload":', '{"a":1.0,"payload":'))],
    ['envelope: a byte-order mark', 'not-utf8', undefined, () => prefixed(commitment.bytes, 0xef, 0xbb, 0xbf)],
    ['envelope: invalid UTF-8', 'not-utf8', undefined, () => withByte(envelopeText(), 'vnd', 0xff)],
    ['envelope: a UTF-8-encoded surrogate', 'not-utf8', undefined, () => Uint8Array.from([...utf8(envelopeText().slice(0, -2)), 0xed, 0xa0, 0x80, 0x5d, 0x7d])],
    ['envelope: nested 5 deep', 'too-deep', undefined, () => utf8(envelopeText().replace(/"signatures":\[.*\]\}$/, `"signatures":${nested(3, '[]')}}`))],
    ['envelope: nested 4 deep', 'wrong-type', 'signatures[0]', () => utf8(envelopeText().replace(/"signatures":\[.*\]\}$/, `"signatures":${nested(2, '[]')}}`))],
    ['envelope: over 1 MiB', 'too-large', undefined, () => withPayload(new Uint8Array(768 * 1024))],
    ['envelope: a "__proto__" member', 'unknown-field', '__proto__', () => utf8(replaced(envelopeText(), '{"payload":', '{"__proto__":{},"payload":'))],
    ['envelope: a "constructor" member', 'unknown-field', 'constructor', () => utf8(replaced(envelopeText(), '{"payload":', '{"constructor":{},"payload":'))],
    [
      'envelope: an unknown payload type',
      'unknown-payload-type',
      'payloadType',
      () => utf8(replaced(envelopeText(), 'application/vnd.truceline.commitment+json', 'application/vnd.truceline.other+json')),
    ],
    // The payload field's base64.
    ['base64: missing padding', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: 'e30' })],
    ['base64: a line feed', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: `${commitment.envelope.payload}\n` })],
    ['base64: a space inside', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: `e30= ${commitment.envelope.payload.slice(5)}` })],
    ['base64: URL-safe letters', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: '-_8=' })],
    ['base64: padding in the middle', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: `e30=${commitment.envelope.payload}` })],
    ['base64: non-zero unused bits', 'bad-format', 'payload', () => encodeEnvelope({ ...commitment.envelope, payload: 'e31=' })],
    [
      'base64: a signature in URL-safe letters',
      'bad-format',
      'signatures[0].sig',
      () => encodeEnvelope({ ...commitment.envelope, signatures: [{ ...commitment.envelope.signatures[0]!, sig: `${'_'.repeat(84)}AA==` }] }),
    ],
    // The payload.
    ['payload: a duplicate key', 'duplicate-key', 'payload', () => withPayload(`{"author":"FRA",${commitmentText().slice(1)}`)],
    [
      'payload: members out of order',
      'not-canonical',
      'payload',
      () => withPayload(replaced(commitmentText(), '{"author":"FRA","created"', '{"created"').replace('"delegation"', '"author":"FRA","delegation"')),
    ],
    ['payload: a space', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round": 1'))],
    ['payload: leading white space', 'not-canonical', 'payload', () => withPayload(` ${commitmentText()}`)],
    ['payload: \\u0063 for c', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"kind":"commitment"', '"kind":"\\u0063ommitment"'))],
    ['payload: an escaped solidus', 'not-canonical', 'payload', () => withPayload(replaced(assessmentText(), 'a/b', 'a\\/b'), assessment)],
    ['payload: an escaped é', 'not-canonical', 'payload', () => withPayload(replaced(assessmentText(), 'Bearings', 'B\\u00e9arings'), assessment)],
    ['payload: an escaped surrogate pair', 'not-canonical', 'payload', () => withPayload(replaced(assessmentText(), 'Bearings', '\\ud83d\\ude00Bearings'), assessment)],
    ['payload: an uppercase control escape', 'not-canonical', 'payload', () => withPayload(replaced(assessmentText(), 'Bearings', '\\u000BBearings'), assessment)],
    ['payload: a canonical control escape', 'bad-format', 'body.rationale', () => withPayload(replaced(assessmentText(), 'Bearings', '\\u000bBearings'), assessment)],
    ['payload: a lone high surrogate', 'lone-surrogate', 'payload', () => withPayload(replaced(assessmentText(), 'Bearings', '\\ud800Bearings'), assessment)],
    ['payload: a lone low surrogate', 'lone-surrogate', 'payload', () => withPayload(replaced(assessmentText(), 'Bearings', '\\udfffBearings'), assessment)],
    ['payload: an integer beyond 2^53', 'number-out-of-range', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":9007199254740993'))],
    ['payload: 1e20 written out', 'number-out-of-range', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":100000000000000000000'))],
    ['payload: a number that overflows', 'number-out-of-range', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":1e400'))],
    ['payload: 1.0', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":1.0'))],
    ['payload: 1e0', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":1e0'))],
    ['payload: 1e2 for 100', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":1e2'))],
    ['payload: -0', 'not-canonical', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', '"round":-0'))],
    ['payload: a canonical out-of-range round', 'out-of-range', 'round', () => withPayload(replaced(commitmentText(), '"round":1', '"round":0'))],
    ['payload: a byte-order mark', 'not-utf8', 'payload', () => withPayload(prefixed(commitment.payloadBytes, 0xef, 0xbb, 0xbf))],
    ['payload: invalid UTF-8', 'not-utf8', 'payload', () => withPayload(withByte(assessmentText(), 'Bearings', 0xff), assessment)],
    [
      'payload: an overlong encoding',
      'not-utf8',
      'payload',
      () => withPayload(Uint8Array.from([...withByte(assessmentText(), 'Bearings', 0xc0)].flatMap((b) => (b === 0xc0 ? [0xc0, 0xaf] : [b]))), assessment),
    ],
    ['payload: nested 9 deep', 'too-deep', 'payload', () => withPayload(replaced(commitmentText(), '"round":1', `"round":${nested(8, '1')}`))],
    ['payload: nested 8 deep', 'wrong-type', 'round', () => withPayload(replaced(commitmentText(), '"round":1', `"round":${nested(7, '1')}`))],
    ['payload: a "__proto__" member', 'unknown-field', '__proto__', () => withPayload(`{"__proto__":{},${commitmentText().slice(1)}`)],
    ['payload: a "constructor" member', 'unknown-field', 'constructor', () => withPayload(replaced(commitmentText(), '"created":', '"constructor":{},"created":'))],
    ['payload: fields only under "__proto__"', 'payload-kind-mismatch', 'kind', () => withPayload(`{"__proto__":${commitmentText()}}`)],
    ['payload: an integer-like key', 'unknown-field', '10', () => withPayload(`{"10":1,${commitmentText().slice(1)}`)],
    ['payload: integer-like keys in numeric order', 'not-canonical', 'payload', () => withPayload(`{"9":1,"10":1,${commitmentText().slice(1)}`)],
    ['payload: trailing text', 'malformed-json', 'payload', () => withPayload(`${commitmentText()}x`)],
    ['payload: an array', 'wrong-type', 'payload', () => withPayload('[]')],
  ];

  it.each(cases)('%s → %s', async (_label, code, field, build) => {
    const bytes = build();
    const result = await decodeObject(bytes, sha256);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.field).toBe(field);
    expect(result).toEqual(await strictDecode(bytes));
  });

  it('accepts what the strict path accepts, with the same object', async () => {
    const log = new LogWriter((await rosterFixture()).keys);
    const evidence = Array.from({ length: 600 }, (_, i) => ({
      ...incidentPayload(log).evidence[0]!,
      name: `detections-${i}.arrow`,
      sha256: toHex(Uint8Array.of(i >> 8, i & 255)).padStart(64, '0') as Sha256Hex,
    }));
    const large = await log.sign('MISSION', incidentPayload(log, { evidence }));
    expect(large.bytes.length).toBeGreaterThan(FAST_PATH_MAX_BYTES);
    const accepted = [commitment.bytes, assessment.bytes, incident.bytes, roster, large.bytes];
    for (const bytes of accepted) {
      const result = await decodeObject(bytes, sha256);
      expect(result.ok).toBe(true);
      expect(isDeepStrictEqual(result, await strictDecode(bytes))).toBe(true);
    }
  });

  it('agrees with the strict path on edited envelopes and payloads (seeded fast-check)', async () => {
    const junk = fc.constantFrom(' ', '"', '\\', '\\u0041', '\\ud800', '\\/', ',', '{', '}', '[', ']', '1.0', '-0', '=', '-', '_', 'é', '"__proto__":1,', '"a":1,');
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat(2), junk), { minLength: 1, maxLength: 3 });
    const edit = (source: string, list: readonly [number, number, string][]): string =>
      list.reduce((t, [at, cut, insert]) => t.slice(0, at % (t.length + 1)) + insert + t.slice((at % (t.length + 1)) + cut), source);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), edits, async (inPayload, list) => {
        const bytes = inPayload ? withPayload(edit(assessmentText(), list), assessment) : utf8(edit(envelopeText(), list));
        expect(await decodeObject(bytes, sha256)).toEqual(await strictDecode(bytes));
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });
});
