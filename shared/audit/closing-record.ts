import { compareIds } from '../log/author-log';
import { equivocationIds, type Equivocation } from '../log/equivocation';
import { shortHex } from '../objects/issues';
import type { ClosedEquivocation, ClosedVerdict, ClosingPayload, ObjectId } from '../objects/types';
import type { AnySignedObject, SignedObject, StatementKind } from '../objects/signed-object';
import { rosterOfChain, type RosterChain, type VerifiedRoster } from '../roster/verified-roster';
import type { RoundResolution } from '../sealing/resolve-round';
import type { TallyOutcome, Verdict } from '../tally/outcome';
import { certificateObjectIds } from './verdict';

/** Everything a closing record states besides its author's log position. */
export type ClosingContent = Omit<ClosingPayload, 'kind' | 'author' | 'seq' | 'prev' | 'created'>;

export type ClosingPlan = { readonly ok: true; readonly content: ClosingContent } | { readonly ok: false; readonly reason: string };

/** The verdict as a closing record states it; undefined while the round is pending. */
export function closedVerdict(verdict: Verdict): ClosedVerdict | undefined {
  switch (verdict.outcome) {
    case 'pending':
      return undefined;
    case 'decided':
      return verdict.finding === 'violation' ? { outcome: 'decided', finding: 'violation', attribution: verdict.attribution } : { outcome: 'decided', finding: verdict.finding };
    case 'no-consensus':
      return { outcome: 'no-consensus' };
    case 'disputed':
      return { outcome: 'disputed', disputedBy: verdict.disputedBy };
    default: {
      const unreachable: never = verdict;
      return unreachable;
    }
  }
}

export function closedEquivocations(found: readonly Equivocation[]): readonly ClosedEquivocation[] {
  const pairs = found.map((equivocation): ClosedEquivocation => {
    const [a, b] = [...equivocationIds(equivocation)].sort(compareIds) as [ObjectId, ObjectId];
    return { member: equivocation.author, statements: [a, b] };
  });
  const key = (entry: ClosedEquivocation): string => `${entry.member} ${entry.statements[0]} ${entry.statements[1]}`;
  return [...new Map(pairs.map((entry) => [key(entry), entry])).values()].sort((x, y) => compareIds(key(x), key(y)));
}

/** Every reveal (assessment) behind a member's ballot, ascending. */
export function ballotReveals(resolution: RoundResolution, isAssessment: (id: ObjectId) => boolean): readonly ObjectId[] {
  return [...new Set(resolution.ballots.ballots.flatMap((ballot) => ballot.objects).filter(isAssessment))].sort(compareIds);
}

/**
 * What the chair signs to close a round, from the round as resolved and tallied under `roster`.
 * A round can be closed once it has a phase, every commitment the phase lists is at hand, and the
 * tally is no longer pending (every voting member revealed, or the silence procedure settled it).
 */
export function planClosing(roster: VerifiedRoster, resolution: RoundResolution, outcome: TallyOutcome, isAssessment: (id: ObjectId) => boolean, listed: readonly ObjectId[]): ClosingPlan {
  const { phase } = resolution.ballots;
  if (phase === undefined) return { ok: false, reason: 'the chair has not opened the reveal of this round (no phase)' };
  const missing = resolution.issues.filter((issue) => issue.code === 'listed-commitment-missing');
  if (missing.length > 0) return { ok: false, reason: `${missing.length} commitment(s) the phase lists are not at hand: ${missing[0]!.message}` };
  const verdict = closedVerdict(outcome.verdict);
  if (verdict === undefined) {
    const awaited = outcome.members.filter((member) => member.standing === 'awaited').map((member) => member.member);
    return { ok: false, reason: `the round is pending: awaiting ${awaited.join(', ') || 'the reveal'}` };
  }
  return {
    ok: true,
    content: {
      incident: resolution.ballots.incident,
      round: resolution.ballots.round,
      roster: roster.id,
      rule: roster.payload.rule,
      phase,
      commitments: [...listed].sort(compareIds),
      reveals: ballotReveals(resolution, isAssessment),
      equivocations: closedEquivocations(resolution.equivocations),
      verdict,
    },
  };
}

/**
 * Every object id a closing record names, with what it is (`kind`; undefined for a statement of an
 * equivocation, which may be of any kind): the set a complete certificate holds besides rosters.
 */
export function namedObjects(closing: ClosingPayload): readonly { readonly id: ObjectId; readonly role: string; readonly kind: StatementKind | undefined }[] {
  return [
    { id: closing.incident, role: 'the incident', kind: 'incident' },
    { id: closing.phase, role: 'the phase', kind: 'phase' },
    ...closing.commitments.map((id) => ({ id, role: `commitment (listed by phase ${shortHex(closing.phase)})`, kind: 'commitment' as const })),
    ...closing.reveals.map((id) => ({ id, role: 'reveal', kind: 'assessment' as const })),
    ...closing.equivocations.flatMap((entry) => entry.statements.map((id) => ({ id, role: `statement of ${entry.member}'s equivocation`, kind: undefined }))),
  ];
}

/** The objects of a closed certificate: the rosters from the pinned one to the current one (from the closing's roster where that is older), everything the record names, and the record. */
export function closedCertificateIds(chain: RosterChain, closing: SignedObject<'closing'>): readonly ObjectId[] {
  const named = rosterOfChain(chain, closing.payload.roster);
  const rosters = [...chain.ancestors.filter((ancestor) => named !== undefined && ancestor.version >= named.version), ...chain.rosters];
  return [...new Set<ObjectId>([...rosters.map((roster) => roster.id), ...namedObjects(closing.payload).map(({ id }) => id), closing.id])].sort(compareIds);
}

/**
 * The objects of a round's certificate: closed, carrying every copy given of the round's one
 * closing record, when `closings` holds any; provisional (certificateObjectIds) otherwise.
 */
export function roundCertificateIds(chain: RosterChain, incident: ObjectId, resolution: RoundResolution, closings: readonly SignedObject<'closing'>[]): readonly ObjectId[] {
  const [closing] = closings;
  if (closing === undefined) return certificateObjectIds(chain, incident, resolution);
  return [...new Set<ObjectId>([...closedCertificateIds(chain, closing), ...closings.map((copy) => copy.id)])].sort(compareIds);
}

/** Whether an object is a closing record of this round of this incident. */
export function closesRound(object: AnySignedObject, incident: ObjectId, round: number): object is SignedObject<'closing'> {
  return object.kind === 'closing' && object.payload.incident === incident && object.payload.round === round;
}
