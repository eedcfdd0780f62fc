import { describe, expect, it } from 'vitest';
import { verifyCertificate, type CertificateResult } from '../../../shared/audit/verify-certificate';
import { countersign, signStatement } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { ClosingPayload } from '../../../shared/objects/types';
import { NOW, sha256 } from '../../vectors/commission';
import { closedRound, type ClosedRound } from '../../vectors/closed-round';

async function check(round: ClosedRound, objects: readonly SignedObject[] = round.objects, trusted = round.genesis): Promise<CertificateResult> {
  return verifyCertificate({ trustedRoster: trusted.bytes, objects: objects.map((o) => o.bytes), packProblems: [], now: NOW, sha256 });
}

async function resign(round: ClosedRound, change: (payload: ClosingPayload) => ClosingPayload): Promise<SignedObject<'closing'>> {
  return signStatement(change(round.closing.payload), round.keys.CHAIR, sha256);
}

function without(round: ClosedRound, ...ids: string[]): SignedObject[] {
  return round.objects.filter((o) => !ids.includes(o.id));
}

describe('verifyCertificate', () => {
  it('accepts a complete certificate as final, with its countersignatures counted once each', async () => {
    const round = await closedRound();
    const result = await check(round);
    expect(result.status).toBe('final');
    if (result.status !== 'final') return;
    expect(result.outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'EAST' });
    expect(result.closing).toMatchObject({ author: 'CHAIR', countersignedBy: ['DEU', 'POL'], votingMembers: 4, roster: { version: 2 } });
  });

  it('refuses the removal of every single object the closing record names, saying what is missing', async () => {
    const round = await closedRound();
    const named = round.objects.filter((o) => o.kind !== 'roster' && o.kind !== 'closing');
    for (const object of named) {
      const result = await check(round, without(round, object.id));
      expect(result.status, `without ${object.kind} ${object.id}`).toBe('refused');
      if (result.status === 'refused') expect(result.reasons[0]!.message).toContain(object.id.slice(0, 8));
    }
  });

  it('refuses the removal of every pair of commitments', async () => {
    const round = await closedRound();
    const ids = round.commitments.map((c) => c.id);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) expect((await check(round, without(round, ids[i]!, ids[j]!))).status).toBe('refused');
  });

  it('without its closing record the same objects give the same verdict, labelled provisional, never final', async () => {
    const round = await closedRound();
    const result = await check(round, without(round, round.closing.id));
    expect(result.status).toBe('provisional');
    if (result.status === 'provisional') expect(result.outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'EAST' });
  });

  it('refuses an object the closing record does not name', async () => {
    const round = await closedRound();
    const extra = await round.log.sign('CHAIR', { ...round.phase.payload, ...round.log.position('CHAIR'), created: round.phase.payload.created });
    const result = await check(round, [...round.objects, extra]);
    expect(result).toMatchObject({ status: 'refused', reasons: [{ code: 'certificate-extra-object' }] });
  });

  it('refuses a closing record whose stated verdict, reveals or rule the objects contradict', async () => {
    const round = await closedRound();
    const lies: ((p: ClosingPayload) => ClosingPayload)[] = [
      (p) => ({ ...p, verdict: { outcome: 'decided', finding: 'no-violation' } }),
      (p) => ({ ...p, verdict: { outcome: 'decided', finding: 'violation', attribution: 'undetermined' } }),
      (p) => ({ ...p, verdict: { outcome: 'no-consensus' } }),
      (p) => ({ ...p, reveals: p.reveals.slice(1) }),
      (p) => ({ ...p, rule: { ...p.rule, method: 'unanimity' } }),
      (p) => ({ ...p, commitments: p.commitments.slice(1) }),
    ];
    for (const lie of lies) {
      const closing = await resign(round, lie);
      const result = await check(round, [...without(round, round.closing.id), closing]);
      expect(result.status).toBe('refused');
    }
  });

  it('refuses a closing record that names an object as what it is not', async () => {
    const round = await closedRound();
    const commitment = round.commitments[0]!.id;
    const closing = await resign(round, (p) => ({ ...p, reveals: [...p.reveals.slice(1), commitment].sort() }));
    const held = [...without(round, round.closing.id, round.reveals.find((r) => r.id === round.closing.payload.reveals[0])!.id), closing];
    const result = await check(round, held);
    expect(result).toMatchObject({
      status: 'refused',
      reasons: [{ code: 'closing-inconsistent', message: expect.stringContaining(`names ${commitment.slice(0, 8)}… as reveal, but it is a commitment`) }],
    });
  });

  it('refuses two different closing records of one round', async () => {
    const round = await closedRound();
    const other = await resign(round, (p) => ({ ...p, created: '2026-11-24T10:00:00Z' as ClosingPayload['created'] }));
    expect(await check(round, [...round.objects, other])).toMatchObject({ status: 'refused', reasons: [{ code: 'closing-conflict' }] });
  });

  it('treats copies that differ only in signatures as one record, counting each member once', async () => {
    const round = await closedRound();
    const chairOnly = await signStatement(round.closing.payload, round.keys.CHAIR, sha256);
    const withIta = await countersign(chairOnly, round.keys.ITA, sha256);
    const result = await check(round, [...round.objects, chairOnly, withIta]);
    expect(result.status).toBe('final');
    if (result.status === 'final') expect(result.closing!.countersignedBy).toEqual(['DEU', 'POL', 'ITA']);
  });

  it('refuses a countersignature by a party, an observer or an unknown key', async () => {
    const round = await closedRound();
    const chairOnly = await signStatement(round.closing.payload, round.keys.CHAIR, sha256);
    for (const key of ['EAST', 'OBS', 'OUTSIDER', 'FRA-1'] as const) {
      const copy = await countersign(chairOnly, round.keys[key], sha256);
      const result = await check(round, [...without(round, round.closing.id), copy]);
      expect(result.status, key).toBe('refused');
    }
  });

  it('accepts a certificate carrying v1 and v2 when the verifier pins v2 (ancestors are part of the chain)', async () => {
    const round = await closedRound();
    expect((await check(round, round.objects, round.v2)).status).toBe('final');
  });

  it('refuses when the verifier pins the genesis roster and the certificate lacks v2, which the closing names', async () => {
    const round = await closedRound();
    const result = await check(round, without(round, round.v2.id));
    expect(result.status).toBe('refused');
  });
});
