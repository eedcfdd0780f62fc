import type { Sha256 } from '../crypto/sha256';
import { ready } from '../crypto/sodium';
import { describeObject, issueAbout, objectIssue, shortHex, type Issue } from '../objects/issues';
import type { AnySignedObject } from '../objects/signed-object';
import { timestampMs } from '../objects/timestamp';
import type { MemberId, ObjectId, Role, RosterMember, Sha256Hex } from '../objects/types';
import { compareIds } from '../log/author-log';
import { findEquivocations, type Equivocation } from '../log/equivocation';
import type { RosterChain } from '../roster/verified-roster';
import { checkingSignatures, type AnyVerifiedStatement, type CheckedObject, type StatementChecker, type VerifiedStatement } from '../roster/verify-statement';
import type { Ballot, RoundBallots } from '../tally/ballot';
import { commitmentDigest } from './commitment-digest';

// Sealed assessments: a delegation first signs a commitment to SHA-256(JCS(body)); the chair's
// phase then opens the reveal and lists the commitments that count; the delegation reveals the
// body in a signed assessment. A reveal counts only if its digest matches the delegation's
// commitment listed in the phase, and it was not made before the phase (by its own `created`).
// The first phase of a round (by created, seq, id) binds: later phases could otherwise change the
// list after reveals were seen, so they are reported and ignored. A phase listing two commitments
// of one delegation would let it choose after seeing others' reveals: its ballot is invalid.
// Invalid objects attributable to a member in this round mark that member's ballot invalid (the
// store quarantines them at import, so in practice this concerns packs checked as given).

export interface ResolveRoundInput {
  readonly chain: RosterChain;
  readonly incident: ObjectId;
  readonly round: number;
  /** Exact object bytes in any order; objects of other incidents or rounds are ignored, except that they can expose an equivocation. */
  readonly objects: readonly Uint8Array[];
  readonly sha256: Sha256;
  /** How each object's bytes are checked: every signature verified unless the caller says otherwise (the store trusts its import's checks). */
  readonly check?: StatementChecker;
}

export interface RoundResolution {
  readonly ballots: RoundBallots;
  /** Refused objects and what the sealing rules report (early, unmatched and late reveals, ignored phases, missing commitments), in a stable order. */
  readonly issues: readonly Issue[];
  readonly equivocations: readonly Equivocation[];
  /** The commitments the binding phase lists that are among the objects, ascending (whatever became of each member's ballot). */
  readonly listedCommitments: readonly ObjectId[];
}

const ASSESSING_ROLES: readonly Role[] = ['voting', 'party', 'observer'];

type Commitment = VerifiedStatement<'commitment'>;
type Reveal = VerifiedStatement<'assessment'>;
type Phase = VerifiedStatement<'phase'>;

interface RoundObjects {
  readonly phase: Phase | undefined;
  readonly commitments: readonly Commitment[];
  readonly reveals: readonly Reveal[];
  readonly digests: ReadonlyMap<ObjectId, Sha256Hex>;
  readonly invalid: ReadonlyMap<MemberId, readonly Issue[]>;
  readonly equivocations: readonly Equivocation[];
}

/** The incident and round a statement belongs to; undefined for incidents and rosters. */
export function roundOf(object: AnySignedObject): { readonly incident: ObjectId; readonly round: number } | undefined {
  switch (object.kind) {
    case 'commitment':
    case 'phase':
    case 'closing':
      return object.payload;
    case 'assessment':
      return object.payload.body;
    case 'incident':
    case 'roster':
      return undefined;
    default: {
      const unreachable: never = object;
      return unreachable;
    }
  }
}

function short(statement: { readonly object: { readonly id: ObjectId } }): string {
  return shortHex(statement.object.id);
}

function created(statement: AnyVerifiedStatement): number {
  return timestampMs(statement.object.payload.created);
}

function bySeqThenId(a: AnyVerifiedStatement, b: AnyVerifiedStatement): number {
  return a.object.payload.seq - b.object.payload.seq || compareIds(a.object.id, b.object.id);
}

function revealIssue(code: Issue['code'], reveal: Reveal, text: string): Issue {
  return objectIssue(code, 'assessment', reveal.object.id, `reveal by ${reveal.member.id} ${text}`);
}

function revealed(reveal: Reveal): Pick<Ballot, 'finding' | 'attribution' | 'confidence'> {
  const { finding, attribution, confidence } = reveal.object.payload.body;
  return { finding, attribution, confidence };
}

/** The reveal no other reveal supersedes (the delegation's latest view); the lowest id among several. */
function latest(reveals: readonly Reveal[]): Reveal {
  const superseded = new Set(reveals.map((reveal) => reveal.object.payload.supersedes));
  return reveals.find((reveal) => !superseded.has(reveal.object.id)) ?? reveals[0]!;
}

function uniqueSorted(ids: readonly ObjectId[]): ObjectId[] {
  return [...new Set(ids)].sort(compareIds);
}

async function collect(input: ResolveRoundInput, issues: Issue[]): Promise<RoundObjects> {
  const checkedById = new Map<ObjectId, CheckedObject>();
  const check = input.check ?? checkingSignatures(input.sha256);
  for (const checked of await Promise.all(input.objects.map((bytes) => check(bytes, input.chain)))) checkedById.set(checked.id, checked);
  const checked = [...checkedById.values()].sort((a, b) => compareIds(a.id, b.id));
  const concerns = (object: AnySignedObject): boolean => {
    if (object.kind === 'incident') return object.id === input.incident;
    const round = roundOf(object);
    return round !== undefined && round.incident === input.incident && round.round === input.round;
  };

  const verified: AnyVerifiedStatement[] = [];
  const invalid = new Map<MemberId, Issue[]>();
  for (const entry of checked) {
    if (entry.ok) verified.push(entry.statement);
    else if (entry.object === undefined) issues.push(entry.issue);
    else if (concerns(entry.object)) {
      issues.push(entry.issue);
      if (entry.object.kind !== 'roster' && roundOf(entry.object) !== undefined) {
        const author = entry.object.payload.author;
        invalid.set(author, [...(invalid.get(author) ?? []), entry.issue]);
      }
    }
  }

  const equivocations = findEquivocations(verified).filter((found) => found.statements.some((statement) => concerns(statement.object)));
  for (const found of equivocations) {
    const [first] = found.statements;
    issues.push(issueAbout('equivocation', describeObject(first.object.kind, first.object.id), first.object.id, found.explanation));
  }

  const inRound = verified.filter((statement) => statement.object.kind !== 'incident' && concerns(statement.object));
  const phases = inRound.filter((s): s is Phase => s.object.kind === 'phase').sort((a, b) => created(a) - created(b) || bySeqThenId(a, b));
  const [phase, ...laterPhases] = phases;
  for (const ignored of laterPhases) {
    issues.push(objectIssue('phase-ignored', 'phase', ignored.object.id, `phase ${short(phase!)} opened this round's reveal first; this one is ignored`));
  }
  const commitments = inRound.filter((s): s is Commitment => s.object.kind === 'commitment');
  if (phase !== undefined) {
    const held = new Set(commitments.map((commitment) => commitment.object.id));
    phase.object.payload.commitments.forEach((id, index) => {
      if (!held.has(id)) {
        issues.push(
          objectIssue('listed-commitment-missing', 'phase', phase.object.id, `lists ${shortHex(id)}, which is not a valid commitment of this round among the objects given`, `commitments[${index}]`),
        );
      }
    });
  }
  const reveals = inRound.filter((s): s is Reveal => s.object.kind === 'assessment');
  const digests = new Map<ObjectId, Sha256Hex>();
  for (const reveal of reveals) digests.set(reveal.object.id, await commitmentDigest(reveal.object.payload.body, input.sha256));
  return { phase, commitments, reveals, digests, invalid, equivocations };
}

type BallotOutcome = { readonly ballot: Ballot; readonly issues: readonly Issue[] };

function ballotWithoutPhase(member: MemberId, commitments: readonly Commitment[], reveals: readonly Reveal[]): BallotOutcome {
  const objects = uniqueSorted([...commitments, ...reveals].map((s) => s.object.id));
  if (reveals.length > 0) {
    const reveal = latest(reveals);
    return {
      ballot: { member, status: 'early-reveal', ...revealed(reveal), reason: `revealed ${short(reveal)} before the chair opened the reveal`, objects },
      issues: reveals.map((r) => revealIssue('early-reveal', r, 'was made before any phase opened the reveal')),
    };
  }
  if (commitments.length > 0) {
    return { ballot: { member, status: 'committed', reason: `committed ${short(commitments[0]!)}; the reveal is not open yet`, objects }, issues: [] };
  }
  return { ballot: { member, status: 'silent', reason: `nothing from ${member} in this round`, objects: [] }, issues: [] };
}

function ballotWithPhase(member: MemberId, phase: Phase, commitments: readonly Commitment[], reveals: readonly Reveal[], digests: ReadonlyMap<ObjectId, Sha256Hex>): BallotOutcome {
  const listedIds = new Set(phase.object.payload.commitments);
  const listed = commitments.filter((commitment) => listedIds.has(commitment.object.id));
  const p = short(phase);
  if (listed.length > 1) {
    const ids = listed.map(short).join(', ');
    const reason = `phase ${p} lists ${listed.length} commitments by ${member} (${ids}); none can count`;
    return {
      ballot: { member, status: 'invalid', reason, objects: uniqueSorted([phase.object.id, ...listed.map((c) => c.object.id)]) },
      issues: [objectIssue('several-listed-commitments', 'phase', phase.object.id, `lists ${listed.length} commitments by ${member} (${ids}); none can count`)],
    };
  }
  const [commitment] = listed;
  const matching = commitment === undefined ? [] : reveals.filter((reveal) => digests.get(reveal.object.id) === commitment.object.payload.digest).sort(bySeqThenId);
  const unmatched = reveals.filter((reveal) => !matching.includes(reveal));
  const opened = created(phase);
  const [counted] = matching.filter((reveal) => created(reveal) >= opened);
  const [early] = matching.filter((reveal) => created(reveal) < opened);
  const unmatchedIssues = unmatched.map((reveal) =>
    revealIssue('unmatched-reveal', reveal, commitment === undefined ? `matches no commitment listed in phase ${p}` : `does not match commitment ${short(commitment)} listed in phase ${p}`),
  );

  if (counted !== undefined && commitment !== undefined) {
    const deadline = phase.object.payload.revealDeadline;
    const late = deadline !== undefined && created(counted) > timestampMs(deadline);
    const notes = [late ? `; made after the reveal deadline ${deadline}` : '', unmatched.length > 0 ? `; ${unmatched.length} other reveal(s) match no listed commitment` : ''].join('');
    return {
      ballot: {
        member,
        status: 'counted',
        ...revealed(counted),
        reason: `revealed ${short(counted)} matching commitment ${short(commitment)} listed in phase ${p}${notes}`,
        objects: uniqueSorted([commitment.object.id, counted.object.id]),
      },
      issues: [...(late ? [revealIssue('late-reveal', counted, `was made at ${counted.object.payload.created}, after the reveal deadline ${deadline!}`)] : []), ...unmatchedIssues],
    };
  }
  if (early !== undefined && commitment !== undefined) {
    return {
      ballot: {
        member,
        status: 'early-reveal',
        ...revealed(early),
        reason: `revealed ${short(early)} at ${early.object.payload.created}, before phase ${p} opened the reveal at ${phase.object.payload.created}`,
        objects: uniqueSorted([commitment.object.id, early.object.id]),
      },
      issues: [revealIssue('early-reveal', early, `was made before phase ${p} opened the reveal`), ...unmatchedIssues],
    };
  }
  if (reveals.length > 0) {
    const reveal = latest(reveals);
    const reason =
      commitment === undefined ? `reveal ${short(reveal)} matches no commitment listed in phase ${p}` : `reveal ${short(reveal)} does not match commitment ${short(commitment)} listed in phase ${p}`;
    return {
      ballot: { member, status: 'unmatched-reveal', ...revealed(reveal), reason, objects: uniqueSorted([...listed, ...reveals].map((s) => s.object.id)) },
      issues: unmatchedIssues,
    };
  }
  if (commitment !== undefined) {
    return { ballot: { member, status: 'committed', reason: `commitment ${short(commitment)} is listed in phase ${p}; not revealed yet`, objects: [commitment.object.id] }, issues: [] };
  }
  if (commitments.length > 0) {
    const ids = commitments.map(short).join(', ');
    return { ballot: { member, status: 'silent', reason: `commitment ${ids} is not listed in phase ${p}; nothing revealed`, objects: uniqueSorted(commitments.map((c) => c.object.id)) }, issues: [] };
  }
  return { ballot: { member, status: 'silent', reason: `nothing from ${member} in this round`, objects: [] }, issues: [] };
}

function ballotFor(member: RosterMember, round: RoundObjects): BallotOutcome {
  const id = member.id;
  const equivocations = round.equivocations.filter((found) => found.author === id);
  if (equivocations.length > 0) {
    const more = equivocations.length > 1 ? ` (and ${equivocations.length - 1} more)` : '';
    const objects = uniqueSorted(equivocations.flatMap((found) => found.statements.map((statement) => statement.object.id)));
    return { ballot: { member: id, status: 'equivocated', reason: `${equivocations[0]!.explanation}${more}`, objects }, issues: [] };
  }
  const invalid = round.invalid.get(id) ?? [];
  if (invalid.length > 0) {
    const more = invalid.length > 1 ? ` (and ${invalid.length - 1} more)` : '';
    return { ballot: { member: id, status: 'invalid', reason: `${invalid[0]!.message}${more}`, objects: uniqueSorted(invalid.map((issue) => issue.object!)) }, issues: [] };
  }
  const commitments = round.commitments.filter((commitment) => commitment.member.id === id);
  const reveals = round.reveals.filter((reveal) => reveal.member.id === id);
  return round.phase === undefined ? ballotWithoutPhase(id, commitments, reveals) : ballotWithPhase(id, round.phase, commitments, reveals, round.digests);
}

/**
 * How each member stands in one round: verifies every object against the chain's current roster,
 * applies the sealing rules, and gives one ballot per member with role voting, party or observer,
 * in roster order. Deterministic and independent of the order (and repetition) of the objects.
 */
export async function resolveRound(input: ResolveRoundInput): Promise<RoundResolution> {
  await ready();
  const issues: Issue[] = [];
  const round = await collect(input, issues);
  const members = input.chain.current.payload.members.filter((member) => ASSESSING_ROLES.includes(member.role));
  const outcomes = members.map((member) => ballotFor(member, round));
  const phase = round.phase?.object.payload;
  const ballots: RoundBallots = {
    incident: input.incident,
    round: input.round,
    ...(round.phase === undefined ? {} : { phase: round.phase.object.id }),
    ...(phase?.revealDeadline === undefined ? {} : { revealDeadline: phase.revealDeadline }),
    ...(phase?.silenceDeadline === undefined ? {} : { silenceDeadline: phase.silenceDeadline }),
    ballots: outcomes.map((outcome) => outcome.ballot),
  };
  const listed = new Set(round.phase?.object.payload.commitments ?? []);
  const listedCommitments = uniqueSorted(round.commitments.filter((commitment) => listed.has(commitment.object.id)).map((commitment) => commitment.object.id));
  return { ballots, issues: [...issues, ...outcomes.flatMap((outcome) => outcome.issues)], equivocations: round.equivocations, listedCommitments };
}
