import type { Sha256 } from '../crypto/sha256';
import { issueAbout, objectIssue, shortHex, type Issue, type IssueCode } from '../objects/issues';
import { formatTimestamp } from '../objects/timestamp';
import type { ObjectId } from '../objects/types';
import type { AnyVerifiedStatement, VerifiedStatement } from '../roster/verify-statement';
import { roundOf, type RoundResolution } from '../sealing/resolve-round';
import type { TallyOutcome } from '../tally/outcome';
import { auditObjects, type Audit } from './audit-objects';
import { closingObjectIds, closingPrerequisites, closingRecords, recomputeClosing, type ClosingSummary } from './check-closing';
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
  /** How many evidence chunks the pack holds besides its signed objects: a certificate holds none. */
  readonly chunks?: number;
  readonly now: number;
  readonly sha256: Sha256;
}

export type { ClosingSummary };

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

function roundKey(statement: AnyVerifiedStatement): string | undefined {
  const round = roundOf(statement.object);
  return round === undefined ? undefined : `${round.incident} ${round.round}`;
}

/** Checks a closed certificate against its closing record: complete, nothing extra, and the record's statements recomputed. */
async function checkClosed(input: CertificateInput, audit: Audit, copies: readonly Closing[]): Promise<CertificateResult> {
  const check = { chain: audit.chain, copies, held: new Map(audit.statements.map((statement) => [statement.object.id, statement])), holder: 'certificate' as const, sha256: input.sha256 };
  const prerequisites = closingPrerequisites(check);
  if (!prerequisites.ok) return refused([prerequisites.issue], audit);
  const expected = closingObjectIds(copies);
  const extra = audit.statements.filter((statement) => !expected.has(statement.object.id));
  if (extra.length > 0) {
    const list = extra.map((statement) => `${statement.object.kind} ${shortHex(statement.object.id)}`).join(', ');
    return refused([certificateIssue('certificate-extra-object', copies[0]!.object.id, `holds ${extra.length} object(s) the closing record does not name: ${list}`)], audit);
  }
  const recomputed = await recomputeClosing(check, prerequisites.roster);
  if (!recomputed.ok) return refused([recomputed.issue], audit);
  return { status: 'final', audit, resolution: recomputed.resolution, outcome: recomputed.outcome, closing: recomputed.closing };
}

/** Without a closing record: complete as far as the phase shows, and the verdict recomputed as of now, labelled provisional. */
async function checkProvisional(input: CertificateInput, audit: Audit): Promise<CertificateResult> {
  // The round is the phase's (or, before a phase, that of the commitments and reveals); statements of
  // other rounds may be present only as one side of an equivocation, which the resolution shows.
  const phases = audit.statements.filter((statement) => statement.object.kind === 'phase');
  const rounds = [...new Set((phases.length > 0 ? phases : audit.statements).map(roundKey).filter((key): key is string => key !== undefined))];
  const anyId = (audit.statements[0]?.object.id ?? audit.chain.current.id) as ObjectId;
  if (rounds.length !== 1) {
    return refused(
      [certificateIssue('certificate-mixed-rounds', anyId, rounds.length === 0 ? 'holds no object of any round' : `holds objects of ${rounds.length} rounds; a certificate proves one`)],
      audit,
    );
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
  if (input.packProblems.length > 0) return refused(input.packProblems.map((message) => ({ code: 'certificate-incomplete' as const, message })));
  if ((input.chunks ?? 0) > 0) return refused([{ code: 'certificate-extra-object', message: `certificate: holds ${input.chunks} evidence chunk(s); a certificate holds signed objects only` }]);
  const audited = await auditObjects({ trustedRoster: input.trustedRoster, objects: input.objects, chunks: [], now: input.now, sha256: input.sha256 });
  if (!audited.ok) return refused([audited.error]);
  const audit = audited.value;
  const reasons: Issue[] = [
    ...audit.objects.flatMap((object) =>
      object.verdict === 'rejected' ? [object.issue ?? objectIssue('certificate-incomplete', object.kind === 'chunk' ? undefined : object.kind, object.id, object.detail)] : [],
    ),
  ];
  if (reasons.length > 0) return refused(reasons, audit);

  const closings = audit.statements.filter((statement): statement is Closing => statement.object.kind === 'closing');
  const records = closingRecords(closings);
  if (records.length > 1) {
    const list = closings.map((closing) => shortHex(closing.object.id)).join(', ');
    return refused([certificateIssue('closing-conflict', closings[0]!.object.id, `holds ${records.length} different closing records (${list}); a certificate proves one`)], audit);
  }
  const [copies] = records;
  return copies === undefined ? checkProvisional(input, audit) : checkClosed(input, audit, copies);
}
