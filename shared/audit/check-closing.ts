import { canonicalize } from '../encoding/canonical-json';
import { bytesEqual } from '../encoding/bytes';
import type { Sha256 } from '../crypto/sha256';
import { compareIds } from '../log/author-log';
import { describeObject, issueAbout, shortHex, type Issue, type IssueCode } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import type { ClosingPayload, MemberId, ObjectId, Timestamp } from '../objects/types';
import { countersigners } from '../roster/countersignatures';
import { rosterOfChain, type RosterChain, type VerifiedRoster } from '../roster/verified-roster';
import type { AnyVerifiedStatement, StatementChecker, VerifiedStatement } from '../roster/verify-statement';
import type { RoundResolution } from '../sealing/resolve-round';
import type { TallyOutcome } from '../tally/outcome';
import { closedEquivocations, closedVerdict, ballotReveals, namedObjects } from './closing-record';
import { computeVerdict } from './verdict';

// A closing record is checked against the objects it names, never against whatever else is at
// hand: the round is recomputed from exactly those objects (and the record's copies), as of the
// record's `created`, under the roster the record names. A verdict certificate and the store view
// share these checks; only the certificate also refuses objects the record does not name.

type Closing = VerifiedStatement<'closing'>;

export interface ClosingSummary {
  readonly ids: readonly ObjectId[];
  readonly author: MemberId;
  readonly created: Timestamp;
  readonly roster: { readonly id: ObjectId; readonly version: number };
  /** Voting members who countersigned (any copy), roster order. */
  readonly countersignedBy: readonly MemberId[];
  readonly votingMembers: number;
}

/** Where the objects were looked for, as the messages name it. */
export type ClosingHolder = 'certificate' | 'store' | 'packs';

export type ClosingCheck =
  { readonly ok: true; readonly resolution: RoundResolution; readonly outcome: TallyOutcome; readonly closing: ClosingSummary } | { readonly ok: false; readonly issue: Issue };

export interface ClosingCheckInput {
  readonly chain: RosterChain;
  /** The copies of one closing record (one payload), ascending ids. */
  readonly copies: readonly Closing[];
  /** Every verified statement at hand, by id; recomputing uses only those the record names. */
  readonly held: ReadonlyMap<ObjectId, AnyVerifiedStatement>;
  readonly holder: ClosingHolder;
  readonly sha256: Sha256;
  /** How the named objects' bytes are checked when the round is recomputed (default: every signature verified). */
  readonly check?: StatementChecker;
}

function refuse(holder: ClosingHolder, code: IssueCode, id: ObjectId, text: string): { readonly ok: false; readonly issue: Issue } {
  return { ok: false, issue: issueAbout(code, holder === 'certificate' ? 'certificate' : describeObject('closing', id), id, text) };
}

/** The chain as it stood for a round tallied under `roster`: statements verify against it and its members and rule decide. */
function chainAt(chain: RosterChain, roster: VerifiedRoster): RosterChain {
  return { ...chain, current: roster };
}

function sameJson(a: unknown, b: unknown): boolean {
  return bytesEqual(canonicalize(a), canonicalize(b));
}

/** The roster the record names, once it is in the chain with the rule the record restates and every object the record names is held. */
export function closingPrerequisites(input: Omit<ClosingCheckInput, 'sha256' | 'check'>): { readonly ok: true; readonly roster: VerifiedRoster } | { readonly ok: false; readonly issue: Issue } {
  const closing = input.copies[0]!.object;
  const record = closing.payload;
  const at = closing.id;
  const roster = rosterOfChain(input.chain, record.roster);
  if (roster === undefined) {
    const hint = input.holder === 'certificate' ? ' (the certificate must carry every roster from yours to it)' : '';
    return refuse(input.holder, 'certificate-incomplete', at, `the closing record names roster ${shortHex(record.roster)}, which is not in the chain verified from your roster${hint}`);
  }
  if (!sameJson(record.rule, roster.payload.rule)) return refuse(input.holder, 'closing-inconsistent', at, `the closing record's rule differs from the rule of roster v${roster.version} it names`);
  const missing = namedObjects(record).filter(({ id }) => !input.held.has(id));
  if (missing.length > 0) {
    const list = missing.map(({ id, role }) => `${role} ${shortHex(id)}`).join(', ');
    return refuse(input.holder, 'certificate-incomplete', at, `incomplete: the closing record names ${missing.length} object(s) the ${input.holder} lacks: ${list}`);
  }
  return { ok: true, roster };
}

/** Every id the record names and the ids of its copies: the objects its round is recomputed from. */
export function closingObjectIds(copies: readonly Closing[]): ReadonlySet<ObjectId> {
  return new Set<ObjectId>([...namedObjects(copies[0]!.object.payload).map(({ id }) => id), ...copies.map((copy) => copy.object.id)]);
}

/** Recomputes the round from what the record names (all held, see closingPrerequisites) and compares it with what the record states. */
export async function recomputeClosing(input: ClosingCheckInput, roster: VerifiedRoster): Promise<ClosingCheck> {
  const { copies, held } = input;
  const closing = copies[0]!.object;
  const record: ClosingPayload = closing.payload;
  const at = closing.id;
  const named = namedObjects(record);
  const wrongKind = named.filter(({ id, kind }) => kind !== undefined && held.get(id)!.object.kind !== kind);
  if (wrongKind.length > 0) {
    const { id, role } = wrongKind[0]!;
    const kind = held.get(id)!.object.kind;
    return refuse(input.holder, 'closing-inconsistent', at, `names ${shortHex(id)} as ${role}, but it is ${kind === 'incident' ? 'an' : 'a'} ${kind}`);
  }
  const phase = held.get(record.phase)!.object as SignedObject<'phase'>;
  if (phase.payload.incident !== record.incident || phase.payload.round !== record.round)
    return refuse(input.holder, 'closing-inconsistent', at, `names phase ${shortHex(phase.id)}, which opens another round`);
  if (!sameJson([...phase.payload.commitments].sort(compareIds), record.commitments))
    return refuse(input.holder, 'closing-inconsistent', at, `lists other commitments than phase ${shortHex(phase.id)} does`);

  const used = closingObjectIds(copies);
  const objects = [...held.values()].filter((statement) => used.has(statement.object.id)).map((statement) => statement.object.bytes);
  const { resolution, outcome } = await computeVerdict({
    chain: chainAt(input.chain, roster),
    incident: record.incident,
    round: record.round,
    objects,
    asOf: record.created,
    sha256: input.sha256,
    ...(input.check ? { check: input.check } : {}),
  });
  const differences: string[] = [];
  if (resolution.ballots.phase !== record.phase) differences.push(`the binding phase is ${shortHex(resolution.ballots.phase ?? 'none')}, not ${shortHex(record.phase)}`);
  const isAssessment = (id: ObjectId): boolean => held.get(id)?.object.kind === 'assessment';
  if (!sameJson(ballotReveals(resolution, isAssessment), record.reveals)) differences.push('the reveals behind the ballots differ from those it names');
  if (!sameJson(closedEquivocations(resolution.equivocations), record.equivocations)) differences.push('the equivocations found differ from those it names');
  const recomputed = closedVerdict(outcome.verdict);
  if (recomputed === undefined || !sameJson(recomputed, record.verdict))
    differences.push(`the objects give ${outcome.verdict.outcome === 'decided' ? `decided ${outcome.verdict.finding}` : outcome.verdict.outcome}, not the verdict it states`);
  if (differences.length > 0) return refuse(input.holder, 'closing-inconsistent', at, `recomputing the round contradicts the closing record: ${differences.join('; ')}`);

  return {
    ok: true,
    resolution,
    outcome,
    closing: {
      ids: copies.map((copy) => copy.object.id).sort(compareIds),
      author: record.author,
      created: record.created,
      roster: { id: roster.id, version: roster.version },
      countersignedBy: countersigners(
        copies.map((copy) => copy.object),
        roster.index,
      ),
      votingMembers: roster.payload.members.filter((member) => member.role === 'voting').length,
    },
  };
}

/** A closing record checked against the objects at hand, which may hold more than it names (the store). */
export async function checkClosing(input: ClosingCheckInput): Promise<ClosingCheck> {
  const prerequisites = closingPrerequisites(input);
  return prerequisites.ok ? recomputeClosing(input, prerequisites.roster) : prerequisites;
}

/** Groups closing records into records: copies (envelopes with one payload) are one record, ascending ids. */
export function closingRecords(closings: readonly Closing[]): Closing[][] {
  const records = new Map<string, Closing[]>();
  for (const closing of closings) records.set(closing.object.envelope.payload, [...(records.get(closing.object.envelope.payload) ?? []), closing]);
  return [...records.values()].map((copies) => copies.sort((a, b) => compareIds(a.object.id, b.object.id)));
}
