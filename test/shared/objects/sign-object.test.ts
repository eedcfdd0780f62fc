import { beforeAll, describe, expect, it } from 'vitest';
import { nextLogPosition } from '../../../shared/log/log-position';
import { mergeRosterSignatures, signRoster, signStatement } from '../../../shared/objects/sign-object';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { LogWriter, NOW, incidentPayload, keyring, rosterPayload, sha256, type Keyring } from '../../vectors/commission';

describe('builders', () => {
  let keys: Keyring;
  beforeAll(async () => {
    keys = await keyring();
  });

  it('signRoster orders signatures by keyid, so one signer set gives one id', async () => {
    const payload = rosterPayload(keys);
    const a = await signRoster(payload, [keys.POL, keys.CHAIR, keys.DEU], sha256);
    const b = await signRoster(payload, [keys.DEU, keys.POL, keys.CHAIR], sha256);
    expect(a.id).toBe(b.id);
    const keyids = a.envelope.signatures.map((signature) => signature.keyid);
    expect(keyids).toEqual([...keyids].sort());
  });

  it('mergeRosterSignatures gathers signatures made apart into one roster that meets the threshold', async () => {
    const payload = rosterPayload(keys);
    const copies = await Promise.all([keys.CHAIR, keys.DEU, keys.POL, keys.DEU].map((key) => signRoster(payload, [key], sha256)));
    for (const copy of copies) expect(await verifyRosterChain({ trusted: copy.bytes, now: NOW, sha256 })).toMatchObject({ ok: false, error: { code: 'roster-below-threshold' } });
    const merged = await mergeRosterSignatures(copies, sha256);
    expect(merged.envelope.signatures).toHaveLength(3);
    expect(merged.id).toBe((await signRoster(payload, [keys.CHAIR, keys.DEU, keys.POL], sha256)).id);
    expect(await verifyRosterChain({ trusted: merged.bytes, now: NOW, sha256 })).toMatchObject({ ok: true, value: { current: { approvedBy: ['CHAIR', 'DEU', 'POL'] } } });
  });

  it('mergeRosterSignatures refuses copies of different rosters', async () => {
    const a = await signRoster(rosterPayload(keys), [keys.CHAIR], sha256);
    const b = await signRoster(rosterPayload(keys, { commission: 'Another commission' }), [keys.DEU], sha256);
    await expect(mergeRosterSignatures([a, b], sha256)).rejects.toThrow(RangeError);
  });

  it('nextLogPosition continues a key log from its latest statement', async () => {
    expect(nextLogPosition(undefined)).toEqual({ seq: 1, prev: null });
    const log = new LogWriter(keys);
    const first = await signStatement(incidentPayload(log), keys.MISSION, sha256);
    expect(nextLogPosition(first)).toEqual({ seq: 2, prev: first.id });
  });
});
