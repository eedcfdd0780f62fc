import { describe, expect, it } from 'vitest';
import { computeVerdict } from '../../../shared/audit/verdict';
import { roundFinality } from '../../../shared/commission/round-finality';
import type { RoundFinality } from '../../../shared/commission/views';
import { signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { formatTimestamp } from '../../../shared/objects/timestamp';
import type { ClosingPayload, ObjectId } from '../../../shared/objects/types';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { checkStatementBytes, type VerifiedStatement } from '../../../shared/roster/verify-statement';
import { NOW, sha256 } from '../../vectors/commission';
import { closedRound, type ClosedRound } from '../../vectors/closed-round';

/** The round as the store holds it: every statement but the rosters, plus whatever a test adds or takes away. */
function stored(round: ClosedRound, change: { readonly without?: readonly ObjectId[]; readonly with?: readonly SignedObject[] } = {}): SignedObject[] {
  return [...round.objects.filter((o) => o.kind !== 'roster' && o.kind !== 'incident' && !change.without?.includes(o.id)), ...(change.with ?? [])];
}

/** `elsewhere`: stored, but not among the round's objects (the tally still sees them). */
async function finalityOf(round: ClosedRound, objects: readonly SignedObject[], elsewhere: readonly SignedObject[] = []): Promise<RoundFinality> {
  const chain = await verifyRosterChain({ trusted: round.genesis.bytes, candidates: [round.v2.bytes], now: NOW, sha256 });
  if (!chain.ok) throw new Error(chain.error.message);
  const checked = await checkStatementBytes(round.incident.bytes, chain.value, sha256);
  if (!checked.ok) throw new Error(checked.issue.message);
  const incident = checked.statement as VerifiedStatement<'incident'>;
  const bytes = objects.map((o) => o.bytes);
  const all = [round.incident.bytes, ...bytes, ...elsewhere.map((o) => o.bytes)];
  const { outcome } = await computeVerdict({ chain: chain.value, incident: round.incident.id, round: 1, objects: all, asOf: formatTimestamp(NOW), sha256 });
  const lookup = new Map(elsewhere.map((o) => [o.id, o.bytes]));
  return roundFinality({ chain: chain.value, incident, round: 1, objects: bytes, tally: outcome, stored: (ids) => ids.flatMap((id) => lookup.get(id) ?? []), sha256 });
}

async function resign(round: ClosedRound, change: (payload: ClosingPayload) => ClosingPayload): Promise<SignedObject<'closing'>> {
  return signStatement(change(round.closing.payload), round.keys.CHAIR, sha256);
}

describe('roundFinality', () => {
  it('is final with the chair, the time and each countersigning voting member once', async () => {
    const round = await closedRound();
    expect(await finalityOf(round, stored(round))).toEqual({ status: 'final', closedBy: 'CHAIR', closedAt: round.closing.payload.created, countersignedBy: ['DEU', 'POL'], votingMembers: 4 });
  });

  it('counts the countersignatures of every copy of the record, each member once', async () => {
    const round = await closedRound();
    const chairOnly = (await signStatement(round.closing.payload, round.keys.CHAIR, sha256)) as SignedObject<'closing'>;
    const finality = await finalityOf(round, stored(round, { with: [chairOnly] }));
    expect(finality).toMatchObject({ status: 'final', countersignedBy: ['DEU', 'POL'] });
    expect(await finalityOf(round, stored(round, { without: [round.closing.id], with: [chairOnly] }))).toMatchObject({ status: 'final', countersignedBy: [] });
  });

  it('is provisional without a closing record', async () => {
    const round = await closedRound();
    expect(await finalityOf(round, stored(round, { without: [round.closing.id] }))).toEqual({ status: 'provisional' });
  });

  it('is refused, naming what is missing, when the store lacks an object the record names', async () => {
    const round = await closedRound();
    const reveal = round.reveals[1]!;
    const finality = await finalityOf(round, stored(round, { without: [reveal.id] }));
    expect(finality.status).toBe('closing-refused');
    if (finality.status === 'closing-refused') expect(finality.reason).toMatch(new RegExp(`^closing ${round.closing.id.slice(0, 8)}.*incomplete: .*the store lacks: reveal ${reveal.id.slice(0, 8)}`));
  });

  it('finds a named object stored with other rounds', async () => {
    const round = await closedRound();
    const reveal = round.reveals[1]!;
    expect(await finalityOf(round, stored(round, { without: [reveal.id] }), [reveal])).toMatchObject({ status: 'final' });
  });

  it('is refused when recomputing from what the record names contradicts it', async () => {
    const round = await closedRound();
    const lie = await resign(round, (p) => ({ ...p, verdict: { outcome: 'no-consensus' } }));
    const finality = await finalityOf(round, stored(round, { without: [round.closing.id], with: [lie] }));
    expect(finality).toMatchObject({ status: 'closing-refused', reason: expect.stringMatching(/recomputing the round contradicts the closing record/) });
  });

  it('is refused when the objects stored now give another verdict than the record states', async () => {
    const round = await closedRound();
    // DEU signs a second assessment that does not supersede its first: the round is disputed now.
    const deu = round.reveals[1]!;
    const second = await round.log.sign('DEU', { ...deu.payload, ...round.log.position('DEU'), body: { ...deu.payload.body, finding: 'no-violation', attribution: 'undetermined', categories: [] } });
    const finality = await finalityOf(round, stored(round, { with: [second] }));
    expect(finality).toMatchObject({ status: 'closing-refused', reason: expect.stringMatching(/states decided — violation, attributed to EAST, but the stored objects now give disputed \(DEU\)/) });
  });

  it('is refused when two different closing records close the round', async () => {
    const round = await closedRound();
    const other = await resign(round, (p) => ({ ...p, created: '2026-11-24T10:00:00Z' as ClosingPayload['created'] }));
    const finality = await finalityOf(round, stored(round, { with: [other] }));
    expect(finality).toMatchObject({ status: 'closing-refused', reason: expect.stringMatching(/^2 different closing records close this round: .*none is final$/) });
  });
});
