import { describe, expect, it } from 'vitest';
import { findEquivocations } from '../../../shared/log/equivocation';
import { signStatement } from '../../../shared/objects/sign-object';
import type { PhasePayload } from '../../../shared/objects/types';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { verifyStatement, type AnyVerifiedStatement } from '../../../shared/roster/verify-statement';
import { closedRound } from '../../vectors/closed-round';
import { NOW, sha256, ts } from '../../vectors/commission';

describe("copies of a closing record in the chair's log", () => {
  it('are one statement: no equivocation between copies, and a next statement naming another copy in prev is no fork', async () => {
    const round = await closedRound();
    const chain = await verifyRosterChain({ trusted: round.genesis.bytes, candidates: [round.v2.bytes], now: NOW, sha256 });
    if (!chain.ok) throw new Error(chain.error.message);
    const chairOnly = await signStatement(round.closing.payload, round.keys.CHAIR, sha256);
    // The chair's next statement names the copy it signed first, the verifier holds only the countersigned one.
    const next = await signStatement<PhasePayload>(
      { ...round.phase.payload, seq: round.closing.payload.seq + 1, prev: chairOnly.id, created: ts('2026-11-25T09:00:00Z'), round: 2 },
      round.keys.CHAIR,
      sha256,
    );
    const verified = (objects: readonly { readonly kind: string }[]) =>
      objects
        .map((o) => verifyStatement(o as never, chain.value))
        .map((r) => (r.ok ? r.value : undefined))
        .filter((s): s is AnyVerifiedStatement => s !== undefined);
    expect(findEquivocations(verified([round.closing, chairOnly, next]))).toEqual([]);
    expect(findEquivocations(verified([round.closing, next]))).toEqual([]);
    // A different statement at the same seq is still a fork.
    const other = await signStatement({ ...round.closing.payload, created: ts('2026-11-24T10:00:00Z') }, round.keys.CHAIR, sha256);
    expect(findEquivocations(verified([round.closing, other])).map((e) => e.claim.kind)).toEqual(['same-seq']);
  });
});
