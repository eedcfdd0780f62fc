import { describe, expect, it } from 'vitest';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes } from '../../../shared/roster/verify-statement';
import { closedRound } from '../../vectors/closed-round';
import { NOW, sha256 } from '../../vectors/commission';

describe('checking statement bytes against a chain, memoised', () => {
  it('answers the same bytes the same way, and altered bytes afresh', async () => {
    const round = await closedRound();
    const chain = await verifyRosterChain({ trusted: round.genesis.bytes, candidates: [round.v2.bytes], now: NOW, sha256 });
    if (!chain.ok) throw new Error(chain.error.message);
    const reveal = round.reveals[0]!;
    const first = await checkStatementBytes(reveal.bytes, chain.value, sha256);
    expect(first.ok).toBe(true);
    expect(await checkStatementBytes(reveal.bytes.slice(), chain.value, sha256)).toBe(first);
    const altered = reveal.bytes.slice();
    altered[altered.length - 20]! ^= 0x01;
    const again = await checkStatementBytes(altered, chain.value, sha256);
    expect(again.ok).toBe(false);
    // Another chain (a verifier pinning v2 alone) checks for itself.
    const other = await verifyRosterChain({ trusted: round.v2.bytes, now: NOW, sha256 });
    if (!other.ok) throw new Error(other.error.message);
    expect(await checkStatementBytes(reveal.bytes, other.value, sha256)).not.toBe(first);
  });
});
