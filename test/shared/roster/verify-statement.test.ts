import { beforeAll, describe, expect, it } from 'vitest';
import { signStatement } from '../../../shared/objects/sign-object';
import type { MemberId } from '../../../shared/objects/types';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes, verifyStatement } from '../../../shared/roster/verify-statement';
import { LogWriter, NOW, assessmentBody, assessmentPayload, commitmentPayload, incidentPayload, phasePayload, rosterFixture, sha256, type RosterFixture } from '../../vectors/commission';

describe('verifyStatement against the current roster', () => {
  let fixture: RosterFixture;
  let chain: RosterChain;
  let genesisOnly: RosterChain;
  const incidentId = 'e1'.repeat(32) as never;

  beforeAll(async () => {
    fixture = await rosterFixture();
    const full = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    const first = await verifyRosterChain({ trusted: fixture.genesis.bytes, now: NOW, sha256 });
    if (!full.ok || !first.ok) throw new Error('chain');
    chain = full.value;
    genesisOnly = first.value;
  });

  it('accepts a statement by a listed key of its author, naming the key and member', async () => {
    const log = new LogWriter(fixture.keys);
    const object = await signStatement(await commitmentPayload(log, 'FRA-3', 'FRA', await assessmentBody(incidentId, 'FRA')), fixture.keys['FRA-3'], sha256);
    const result = verifyStatement(object, chain);
    expect(result).toMatchObject({ ok: true, value: { keyid: fixture.keys['FRA-3'].keyid, member: { id: 'FRA' } } });
  });

  it('a key removed by the current roster signs nothing that counts, even statements made before', async () => {
    const log = new LogWriter(fixture.keys);
    const object = await signStatement(await commitmentPayload(log, 'FRA-1', 'FRA', await assessmentBody(incidentId, 'FRA')), fixture.keys['FRA-1'], sha256);
    expect(verifyStatement(object, genesisOnly).ok).toBe(true);
    const result = verifyStatement(object, chain);
    expect(result).toMatchObject({ ok: false, error: { code: 'key-removed', object: object.id } });
    if (!result.ok) expect(result.error.message).toBe(`commitment ${object.id.slice(0, 8)}…: signature by key ${fixture.keys['FRA-1'].keyid.slice(0, 8)}… of FRA, which roster v2 removed`);
  });

  it('a key not in the roster: names the key, the roster version and the member', async () => {
    const log = new LogWriter(fixture.keys);
    const object = await signStatement(assessmentPayload(log, 'OUTSIDER', await assessmentBody(incidentId, 'FRA')), fixture.keys.OUTSIDER, sha256);
    const result = verifyStatement(object, chain);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-key' } });
    if (!result.ok) expect(result.error.message).toBe(`assessment ${object.id.slice(0, 8)}…: signature by key ${fixture.keys.OUTSIDER.keyid.slice(0, 8)}… which roster v2 does not list for FRA`);
  });

  it('a key of another member', async () => {
    const log = new LogWriter(fixture.keys);
    const object = await signStatement(assessmentPayload(log, 'DEU', await assessmentBody(incidentId, 'FRA')), fixture.keys.DEU, sha256);
    expect(verifyStatement(object, chain)).toMatchObject({ ok: false, error: { code: 'key-of-other-member' } });
  });

  it('an author the roster does not know', async () => {
    const log = new LogWriter(fixture.keys);
    const object = await signStatement(assessmentPayload(log, 'OUTSIDER', await assessmentBody(incidentId, 'NOR')), fixture.keys.OUTSIDER, sha256);
    expect(verifyStatement(object, chain)).toMatchObject({ ok: false, error: { code: 'unknown-author', field: 'author' } });
  });

  it.each([
    ['a phase by a voting member', 'phase'],
    ['an incident by the chair', 'incident'],
    ['a commitment by the producer', 'commitment'],
  ] as const)('role rules: %s is refused', async (_label, kind) => {
    const log = new LogWriter(fixture.keys);
    const object =
      kind === 'phase'
        ? await signStatement({ ...phasePayload(log, incidentId, []), author: 'DEU' as MemberId }, fixture.keys.DEU, sha256)
        : kind === 'incident'
          ? await signStatement({ ...incidentPayload(log), author: 'CHAIR' as MemberId }, fixture.keys.CHAIR, sha256)
          : await signStatement(await commitmentPayload(log, 'MISSION', 'MISSION', await assessmentBody(incidentId, 'MISSION')), fixture.keys.MISSION, sha256);
    expect(verifyStatement(object, chain)).toMatchObject({ ok: false, error: { code: 'wrong-role', field: 'author' } });
  });

  it('a party and an observer may assess; the attribution must name a party', async () => {
    const log = new LogWriter(fixture.keys);
    for (const [key, delegation] of [
      ['EAST', 'EAST'],
      ['OBS', 'OBS'],
    ] as const) {
      const object = await signStatement(assessmentPayload(log, key, await assessmentBody(incidentId, delegation, { attribution: 'WEST' as MemberId })), fixture.keys[key], sha256);
      expect(verifyStatement(object, chain).ok).toBe(true);
    }
    const wrong = await signStatement(assessmentPayload(log, 'DEU', await assessmentBody(incidentId, 'DEU', { attribution: 'OBS' as MemberId })), fixture.keys.DEU, sha256);
    expect(verifyStatement(wrong, chain)).toMatchObject({ ok: false, error: { code: 'attribution-not-a-party', field: 'body.attribution' } });
  });

  it('checkStatementBytes turns garbage into an issue, never an exception', async () => {
    for (const bytes of [new Uint8Array(), Uint8Array.of(0xff), new TextEncoder().encode('{"payload":1}'), new TextEncoder().encode('[]')]) {
      const result = await checkStatementBytes(bytes, chain, sha256);
      expect(result.ok).toBe(false);
    }
  });
});

describe('verifyRosterChain', () => {
  let fixture: RosterFixture;
  beforeAll(async () => {
    fixture = await rosterFixture();
  });

  it('records who approved each roster, each member once', async () => {
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [fixture.v2.bytes], now: NOW, sha256 });
    expect(result).toMatchObject({ ok: true, value: { status: 'current', current: { version: 2, id: fixture.v2.id } } });
    if (result.ok)
      expect(result.value.rosters.map((roster) => roster.approvedBy)).toEqual([
        ['CHAIR', 'FRA', 'DEU', 'POL'],
        ['CHAIR', 'FRA', 'DEU', 'POL'],
      ]);
  });

  it('a trusted object that is not a roster fails the call; a non-roster candidate is an issue', async () => {
    const log = new LogWriter(fixture.keys);
    const incident = await signStatement(incidentPayload(log), fixture.keys.MISSION, sha256);
    expect(await verifyRosterChain({ trusted: incident.bytes, now: NOW, sha256 })).toMatchObject({ ok: false, error: { code: 'payload-kind-mismatch' } });
    const result = await verifyRosterChain({ trusted: fixture.genesis.bytes, candidates: [incident.bytes, Uint8Array.of(1)], now: NOW, sha256 });
    expect(result.ok && result.value.issues.map((issue) => issue.code)).toEqual(['payload-kind-mismatch', 'malformed-json']);
  });

  it('an expired roster is reported at exactly its expiry time, not before', async () => {
    const expires = Date.parse(fixture.genesis.payload.expires);
    const before = await verifyRosterChain({ trusted: fixture.genesis.bytes, now: expires - 1, sha256 });
    const at = await verifyRosterChain({ trusted: fixture.genesis.bytes, now: expires, sha256 });
    expect(before.ok && before.value.status).toBe('current');
    expect(at.ok && at.value.status).toBe('expired');
  });
});
