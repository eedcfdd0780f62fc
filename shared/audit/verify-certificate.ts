import { canonicalize } from '../encoding/canonical-json';
import { bytesEqual } from '../encoding/bytes';
import type { Sha256 } from '../crypto/sha256';
import { compareIds } from '../log/author-log';
import { issueAbout, objectIssue, shortHex, type Issue, type IssueCode } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import { formatTimestamp } from '../objects/timestamp';
import type { MemberId, ObjectId, Timestamp } from '../objects/types';
import { countersigners } from '../roster/countersignatures';
import { rosterOfChain, type RosterChain, type VerifiedRoster } from '../roster/verified-roster';
import type { AnyVerifiedStatement, VerifiedStatement } from '../roster/verify-statement';
import type { RoundResolution } from '../sealing/resolve-round';
import type { TallyOutcome } from '../tally/outcome';
import { auditObjects, type Audit } from './audit-objects';
import { closedEquivocations, closedVerdict, ballotReveals, namedObjects } from './closing-record';
import { computeVerdict } from './verdict';

// A verdict certificate proves one round's verdict to anyone holding a trusted roster. It is
// accepted only when every object verifies and, if it carries a closing record, when it holds
// exactly what that record names and recomputing the round from those objects gives exactly what
// the record states. Nothing unsigned takes part: the pack's index is not an input here, and a
// certificate that is refused yields no verdict at all.

export interface CertificateInput {
  readonly trustedRoster: Uint8Array;
  /** The exact bytes of every signed object the certificate holds (rosters included), whatever its index claims. */
  readonly objects: readonly Uint8Array[];
  /** Pack-level refusals (bad names, sizes, unlisted or missing entries, lying index): any one refuses the certificate. */
  readonly packProblems: readonly string[];
  readonly now: number;
  readonly sha256: Sha256;
}

export interface ClosingSummary {
  readonly ids: readonly ObjectId[];
  readonly author: MemberId;
  readonly created: Timestamp;
  readonly roster: { readonly id: ObjectId; readonly version: number };
  /** Voting members who countersigned (any copy), roster order. */
  readonly countersignedBy: readonly MemberId[];
  readonly votingMembers: number;
}

export type CertificateResult =
  | { readonly status: 'refused'; readonly reasons: readonly Issue[]; readonly audit?: Audit }
  | {
      readonly status: 'final' | 'provisional';
      readonly audit: Audit;
      readonly resolution: RoundResolution;
      readonly outcome: TallyOutcome;
      /** Present exactly when the status is final. */
      readonly closing?: ClosingSummary;
    };

type Closing = VerifiedStatement<'closing'>;

function certificateIssue(code: IssueCode, id: ObjectId, text: string): Issue {
  return issueAbout(code, 'certificate', id, text);
}

function refused(reasons: readonly Issue[], audit?: Audit): CertificateResult {
  return audit === undefined ? { status: 'refused', reasons } : { status: 'refused', reasons, audit };
}

/** The chain as it stood for a round tallied under `roster`: statements verify against it and its members and rule decide. */
function chainAt(chain: RosterChain, roster: VerifiedRoster): RosterChain {
  return { ...chain, current: roster };
}

function sameJson(a: unknown, b: unknown): boolean {
  return bytesEqual(canonicalize(a), canonicalize(b));
}

function roundKey(statement: AnyVerifiedStatement): string | undefined {
  switch (statement.object.kind) {
    case 'commitment':
    case 'phase':
    case 'closing':
      return `${statement.object.payload.incident} ${statement.object.payload.round}`;
    case 'assessment':
      return `${statement.object.payload.body.incident} ${statement.object.payload.body.round}`;
    case 'incident':
      return undefined;
    default: {
      const unreachable: never = statement.object;
      return unreachable;
    }
  }
}

/** Checks a closed certificate against its closing record: complete, nothing extra, and the record's statements recomputed. */
async function checkClosed(input: CertificateInput, audit: Audit, copies: readonly Closing[]): Promise<CertificateResult> {
  const closing = copies[0]!.object;
  const record = closing.payload;
  const ids = copies.map((copy) => copy.object.id).sort(compareIds);
  const at = closing.id;
  const roster = rosterOfChain(audit.chain, record.roster);
  if (roster === undefined) {
    return refused([certificateIssue('certificate-incomplete', at, `the closing record names roster ${shortHex(record.roster)}, which is not in the chain verified from your roster (the certificate must carry every roster from yours to it)`)], audit);
  }
  if (!sameJson(record.rule, roster.payload.rule)) {
    return refused([certificateIssue('closing-inconsistent', at, `the closing record's rule differs from the rule of roster v${roster.version} it names`)], audit);
  }
  const held = new Map(audit.statements.map((statement) => [statement.object.id, statement]));
  const named = namedObjects(record);
  const missing = named.filter(({ id }) => !held.has(id));
  if (missing.length > 0) {
    const list = missing.map(({ id, role }) => `${role} ${shortHex(id)}`).join(', ');
    return refused([certificateIssue('certificate-incomplete', at, `incomplete: the closing record names ${missing.length} object(s) the certificate lacks: ${list}`)], audit);
  }
  const expected = new Set<ObjectId>([...named.map(({ id }) => id), ...ids]);
  const extra = audit.statements.filter((statement) => !expected.has(statement.object.id));
  if (extra.length > 0) {
    const list = extra.map((statement) => `${statement.object.kind} ${shortHex(statement.object.id)}`).join(', ');
    return refused([certificateIssue('certificate-extra-object', at, `holds ${extra.length} object(s) the closing record does not name: ${list}`)], audit);
  }
  const wrongKind = named.filter(({ id, role }) => {
    const kind = held.get(id)!.object.kind;
    return (role === 'the incident' && kind !== 'incident') || (role === 'the phase' && kind !== 'phase') || (role.startsWith('commitment') && kind !== 'commitment') || (role === 'reveal' && kind !== 'assessment');
  });
  if (wrongKind.length > 0) {
    const { id, role } = wrongKind[0]!;
    return refused([certificateIssue('closing-inconsistent', at, `names ${shortHex(id)} as ${role}, but it is ${held.get(id)!.object.kind === 'incident' ? 'an' : 'a'} ${held.get(id)!.object.kind}`)], audit);
  }
  const phase = held.get(record.phase)!.object as SignedObject<'phase'>;
  if (phase.payload.incident !== record.incident || phase.payload.round !== record.round) {
    return refused([certificateIssue('closing-inconsistent', at, `names phase ${shortHex(phase.id)}, which opens another round`)], audit);
  }
  if (!sameJson([...phase.payload.commitments].sort(compareIds), record.commitments)) {
    return refused([certificateIssue('closing-inconsistent', at, `lists other commitments than phase ${shortHex(phase.id)} does`)], audit);
  }

  const objects = audit.statements.map((statement) => statement.object.bytes);
  const { resolution, outcome } = await computeVerdict({ chain: chainAt(audit.chain, roster), incident: record.incident, round: record.round, objects, asOf: record.created, sha256: input.sha256 });
  const differences: string[] = [];
  if (resolution.ballots.phase !== record.phase) differences.push(`the binding phase is ${shortHex(resolution.ballots.phase ?? 'none')}, not ${shortHex(record.phase)}`);
  const isAssessment = (id: ObjectId): boolean => held.get(id)?.object.kind === 'assessment';
  if (!sameJson(ballotReveals(resolution, isAssessment), record.reveals)) differences.push('the reveals behind the ballots differ from those it names');
  if (!sameJson(closedEquivocations(resolution.equivocations), record.equivocations)) differences.push('the equivocations found differ from those it names');
  const recomputed = closedVerdict(outcome.verdict);
  if (recomputed === undefined || !sameJson(recomputed, record.verdict)) differences.push(`the objects give ${outcome.verdict.outcome === 'decided' ? `decided ${outcome.verdict.finding}` : outcome.verdict.outcome}, not the verdict it states`);
  if (differences.length > 0) return refused([certificateIssue('closing-inconsistent', at, `recomputing the round contradicts the closing record: ${differences.join('; ')}`)], audit);

  const index = roster.index;
  return {
    status: 'final',
    audit,
    resolution,
    outcome,
    closing: {
      ids,
      author: record.author,
      created: record.created,
      roster: { id: roster.id, version: roster.version },
      countersignedBy: countersigners(copies.map((copy) => copy.object), index),
      votingMembers: roster.payload.members.filter((member) => member.role === 'voting').length,
    },
  };
}

/** Without a closing record: complete as far as the phase shows, and the verdict recomputed as of now, labelled provisional. */
async function checkProvisional(input: CertificateInput, audit: Audit): Promise<CertificateResult> {
  const rounds = [...new Set(audit.statements.map(roundKey).filter((key): key is string => key !== undefined))];
  const anyId = (audit.statements[0]?.object.id ?? audit.chain.current.id) as ObjectId;
  if (rounds.length !== 1) {
    return refused([certificateIssue('certificate-mixed-rounds', anyId, rounds.length === 0 ? 'holds no object of any round' : `holds objects of ${rounds.length} rounds; a certificate proves one`)], audit);
  }
  const [incident, roundText] = rounds[0]!.split(' ') as [ObjectId, string];
  const round = Number(roundText);
  if (!audit.statements.some((statement) => statement.object.kind === 'incident' && statement.object.id === incident)) {
    return refused([certificateIssue('certificate-incomplete', incident, `incomplete: the incident ${shortHex(incident)} the round assesses is missing`)], audit);
  }
  const objects = audit.statements.map((statement) => statement.object.bytes);
  const { resolution, outcome } = await computeVerdict({ chain: audit.chain, incident, round, objects, asOf: formatTimestamp(input.now), sha256: input.sha256 });
  const missing = resolution.issues.filter((issue) => issue.code === 'listed-commitment-missing');
  if (missing.length > 0) {
    return refused([certificateIssue('certificate-incomplete', resolution.ballots.phase!, `incomplete: ${missing.map((issue) => issue.message).join('; ')}`)], audit);
  }
  return { status: 'provisional', audit, resolution, outcome };
}

/**
 * Verifies a verdict certificate with no input but a trusted roster. A closing record makes the
 * verdict final once everything it names is present and agrees; without one the verdict is
 * provisional (a relay could have held back a reveal) and is labelled so.
 */
export async function verifyCertificate(input: CertificateInput): Promise<CertificateResult> {
  const audited = await auditObjects({ trustedRoster: input.trustedRoster, objects: input.objects, chunks: [], now: input.now, sha256: input.sha256 });
  if (!audited.ok) return refused([audited.error]);
  const audit = audited.value;
  const reasons: Issue[] = [
    ...input.packProblems.map((message) => ({ code: 'certificate-incomplete' as const, message })),
    ...audit.objects.flatMap((object) => (object.verdict === 'rejected' ? [object.issue ?? objectIssue('certificate-incomplete', object.kind === 'chunk' ? undefined : object.kind, object.id, object.detail)] : [])),
  ];
  if (reasons.length > 0) return refused(reasons, audit);

  const closings = audit.statements.filter((statement): statement is Closing => statement.object.kind === 'closing');
  const records = new Map<string, Closing[]>();
  for (const closing of closings) records.set(closing.object.envelope.payload, [...(records.get(closing.object.envelope.payload) ?? []), closing]);
  if (records.size > 1) {
    const list = closings.map((closing) => shortHex(closing.object.id)).join(', ');
    return refused([certificateIssue('closing-conflict', closings[0]!.object.id, `holds ${records.size} different closing records (${list}); a certificate proves one`)], audit);
  }
  const [copies] = records.values();
  return copies === undefined ? checkProvisional(input, audit) : checkClosed(input, audit, copies.sort((a, b) => compareIds(a.object.id, b.object.id)));
}
