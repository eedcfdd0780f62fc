import { describe, expect, it } from 'vitest';
import { signRoster } from '../../../shared/objects/sign-object';
import { rosterOfChain } from '../../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { NOW, rosterFixture, rosterPayload, sha256, ts } from '../../vectors/commission';

describe('the ancestors of a pinned roster', () => {
  it('are part of the chain, in both directions of pinning, without becoming current', async () => {
    const { genesis, v2 } = await rosterFixture();
    const fromV2 = await verifyRosterChain({ trusted: v2.bytes, candidates: [genesis.bytes], now: NOW, sha256 });
    if (!fromV2.ok) throw new Error(fromV2.error.message);
    expect(fromV2.value.ancestors.map((r) => r.version)).toEqual([1]);
    expect(fromV2.value.current.version).toBe(2);
    expect(fromV2.value.issues).toEqual([]);
    expect(rosterOfChain(fromV2.value, genesis.id)?.version).toBe(1);

    const fromV1 = await verifyRosterChain({ trusted: genesis.bytes, candidates: [v2.bytes], now: NOW, sha256 });
    if (!fromV1.ok) throw new Error(fromV1.error.message);
    expect(fromV1.value.ancestors).toEqual([]);
    expect(fromV1.value.rosters.map((r) => r.version)).toEqual([1, 2]);
    expect(rosterOfChain(fromV1.value, v2.id)?.version).toBe(2);
  });

  it('exclude an older roster that prev does not name: that is a rollback', async () => {
    const { keys, v2 } = await rosterFixture();
    const rogue = await signRoster(rosterPayload(keys, { expires: ts('2027-12-01T00:00:00Z') }), [keys.CHAIR, keys['FRA-1'], keys.DEU, keys.POL], sha256);
    const chain = await verifyRosterChain({ trusted: v2.bytes, candidates: [rogue.bytes], now: NOW, sha256 });
    if (!chain.ok) throw new Error(chain.error.message);
    expect(chain.value.ancestors).toEqual([]);
    expect(rosterOfChain(chain.value, rogue.id)).toBeUndefined();
    expect(chain.value.issues.map((i) => i.code)).toEqual(['roster-rollback']);
  });
});
