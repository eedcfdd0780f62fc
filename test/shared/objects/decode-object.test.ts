import { beforeAll, describe, expect, it } from 'vitest';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { signEnvelope } from '../../../shared/crypto/dsse';
import { toHex } from '../../../shared/encoding/hex';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import { decodeObject } from '../../../shared/objects/decode-object';
import { encodeEnvelope } from '../../../shared/objects/envelope';
import { PAYLOAD_TYPES, type KeyId } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes } from '../../../shared/roster/verify-statement';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { LogWriter, NOW, assessmentBody, commitmentPayload, incidentPayload, rosterFixture, rosterPayload, sha256, type RosterFixture } from '../../vectors/commission';

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
