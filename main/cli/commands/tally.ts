import { computeVerdict, type RoundVerdict } from '../../../shared/audit/verdict';
import { closesRound, roundCertificateIds } from '../../../shared/audit/closing-record';
import { verifyCertificate } from '../../../shared/audit/verify-certificate';
import { roundFinality } from '../../../shared/commission/round-finality';
import type { RoundFinality } from '../../../shared/commission/views';
import type { VerifiedStatement } from '../../../shared/roster/verify-statement';
import { mergeClosingSignatures } from '../../../shared/objects/sign-object';
import type { ObjectId } from '../../../shared/objects/types';
import type { TallyOutcome } from '../../../shared/tally/outcome';
import { nodeSha256 } from '../../crypto/node-sha256';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError, verificationError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, readJsonInput, report, requireString } from '../io';
import { caseRoster, caseRound, parseTallyCase, TallyCaseError } from '../../../shared/tally/tally-case';
import { tallyRound } from '../../../shared/tally/tally';
import type { Timestamp } from '../../../shared/objects/types';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks, verificationTime } from '../trust';
import { FORCE_HELP, FORCE_OPTION, outputFile } from '../output-path';
import { auditedIncidents, resolveIncident } from '../resolve-incident';
import { roundOption } from '../round-option';
import type { Audit } from '../../../shared/audit/audit-objects';
import type { LoadedPack } from '../../packs/pack-file';
import type { PackObjectKind } from '../../../shared/pack/pack-index';

export const ROUND_OPTIONS = { roster: { type: 'string' }, incident: { type: 'string' }, round: { type: 'string' }, ...AT_OPTION } as const;
export const ROUND_HELP = {
  roster: 'the roster you trust',
  incident: 'the incident: object id, unique prefix of it, or incident number',
  round: 'round, 1–1000 (default 1)',
  ...AT_HELP,
};

export interface RoundContext {
  readonly audit: Audit;
  readonly packs: readonly LoadedPack[];
  readonly verdict: RoundVerdict;
  readonly incident: ObjectId;
}

/** The packs' round of `--incident`/`--round`, resolved and tallied as of `asOf` (default `--at`, else now). */
export async function roundVerdict(context: CommandContext, asOf?: Timestamp): Promise<RoundContext> {
  const round = roundOption(context);
  const wanted = requireString(context, 'incident');
  const packs = await loadPacks(context.positionals);
  const audit = await auditPacks(context, packs);
  const incident = resolveIncident(wanted, auditedIncidents(audit), 'in the packs');
  const objects = packs.flatMap((pack) => [...pack.objects.values()].filter((o) => o.kind !== 'roster').map((o) => o.bytes));
  const verdict = await computeVerdict({ chain: audit.chain, incident, round, objects, asOf: asOf ?? verificationTime(context).timestamp, sha256: nodeSha256 });
  return { audit, packs, verdict, incident };
}

export function verdictLine(outcome: TallyOutcome): string {
  const v = outcome.verdict;
  switch (v.outcome) {
    case 'decided':
      return v.finding === 'violation' ? `DECIDED: violation, attribution ${v.attribution}` : `DECIDED: ${v.finding}`;
    case 'disputed':
      return `DISPUTED by ${v.disputedBy.join(', ')}`;
    case 'no-consensus':
      return 'NO CONSENSUS';
    case 'pending':
      return 'PENDING';
    default: {
      const unreachable: never = v;
      return String(unreachable);
    }
  }
}

function printOutcome(context: CommandContext, { verdict, audit }: RoundContext, extra: Record<string, unknown> = {}, extraLines: string[] = []): void {
  const { outcome, resolution } = verdict;
  report(context, { ...extra, roster: { id: audit.chain.current.id, version: audit.chain.current.version, status: audit.chain.status }, outcome, issues: resolution.issues }, () => [
    `incident ${outcome.incident} round ${outcome.round}, roster v${audit.chain.current.version}, as of ${outcome.asOf}`,
    `${verdictLine(outcome)} — ${outcome.reason}`,
    ...outcome.members.map((m) => `  ${m.member.padEnd(10)} ${m.role.padEnd(9)} ${m.standing.padEnd(18)} ${m.reason}`),
    ...resolution.issues.map((issue) => `  note ${issue.message}`),
    ...extraLines,
  ]);
}

/** `tally --case FILE`: the decision rules alone, on ballots an auditor writes (the golden tally vectors' format). */
async function tallyCaseFile(context: CommandContext, path: string): Promise<void> {
  let tallyCase;
  try {
    tallyCase = parseTallyCase(await readJsonInput(path, 'tally case'));
  } catch (error) {
    if (error instanceof TallyCaseError) throw usageError(`${path}: ${error.message}`);
    throw error;
  }
  const outcome = tallyRound(caseRoster(tallyCase), caseRound(tallyCase), tallyCase.asOf as Timestamp);
  report(context, { outcome }, () => [
    `${verdictLine(outcome)} — ${outcome.reason}`,
    ...outcome.members.map((m) => `  ${m.member.padEnd(10)} ${m.role.padEnd(9)} ${m.standing.padEnd(18)} ${m.reason}`),
    ...outcome.ignored.map((m) => `  ignored ${m.member}: ${m.reason}`),
  ]);
}

/** Whether the packs hold a closing record of the round that makes this verdict final (the workstation's rule, over everything at hand). */
export async function packFinality(audit: Audit, incident: ObjectId, outcome: TallyOutcome): Promise<RoundFinality> {
  const objects = audit.statements.map((statement) => statement.object.bytes);
  const byId = new Map(audit.statements.map((statement) => [statement.object.id, statement]));
  const statement = byId.get(incident);
  if (statement?.object.kind !== 'incident') return { status: 'provisional' };
  return roundFinality({
    chain: audit.chain,
    incident: statement as VerifiedStatement<'incident'>,
    round: outcome.round,
    objects,
    tally: outcome,
    stored: (ids) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!.object.bytes] : [])),
    sha256: nodeSha256,
    holder: 'packs',
  });
}

function finalityLine(finality: RoundFinality): string {
  switch (finality.status) {
    case 'final':
      return `FINAL: closed by ${finality.closedBy} at ${finality.closedAt}, countersigned by ${finality.countersignedBy.length} of ${finality.votingMembers} voting members`;
    case 'provisional':
      return 'PROVISIONAL: the packs hold no closing record of this round; this verdict may still change';
    case 'closing-refused':
      return `NOT FINAL: ${finality.reason}`;
    default: {
      const unreachable: never = finality;
      return String(unreachable);
    }
  }
}

export const tallyCommand: Command = {
  path: ['tally'],
  summary: "compute the consensus verdict of an incident's round from the packs, under the roster's decision rule",
  usage: 'PACK… --roster ROSTER --incident ID [--round N] [--at TIME]  |  --case FILE',
  help: { ...ROUND_HELP, case: 'tally a case of ballots instead (rule, members, ballots, asOf: the format of test/vectors/tally)' },
  options: { ...ROUND_OPTIONS, case: { type: 'string' } },
  run: async (context) => {
    const casePath = optionalString(context, 'case');
    if (casePath !== undefined) {
      await tallyCaseFile(context, casePath);
      return EXIT.ok;
    }
    const round = await roundVerdict(context);
    const finality = await packFinality(round.audit, round.incident, round.verdict.outcome);
    printOutcome(context, round, { finality }, [finalityLine(finality)]);
    return EXIT.ok;
  },
};

export const certificateCommand: Command = {
  path: ['certificate'],
  summary: 'write a verdict certificate: the minimal pack from which anyone can recompute the verdict',
  usage: 'PACK… --roster ROSTER --incident ID [--round N] [--at TIME] --out FILE',
  help: { ...ROUND_HELP, out: 'certificate pack to write', ...FORCE_HELP },
  options: { ...ROUND_OPTIONS, out: { type: 'string' }, ...FORCE_OPTION },
  run: async (context) => {
    const out = await outputFile(context);
    const round = await roundVerdict(context);
    const { audit } = round;
    const closings = audit.statements.flatMap((s) => (closesRound(s.object, round.incident, round.verdict.outcome.round) ? [s.object] : []));
    if (new Set(closings.map((closing) => closing.envelope.payload)).size > 1) {
      throw verificationError(`incident ${round.incident.slice(0, 8)}… round ${round.verdict.outcome.round}: the packs hold ${closings.length} different closing records; a certificate proves one`);
    }
    const closing = closings.length === 0 ? undefined : await mergeClosingSignatures(closings, nodeSha256);
    const held = new Map<string, { kind: PackObjectKind; bytes: Uint8Array }>(audit.statements.map((s) => [s.object.id, { kind: s.object.kind, bytes: s.object.bytes }]));
    for (const roster of [...audit.chain.ancestors, ...audit.chain.rosters]) held.set(roster.id, { kind: 'roster', bytes: roster.object.bytes });
    if (closing !== undefined) held.set(closing.id, { kind: 'closing', bytes: closing.bytes });
    const ids = roundCertificateIds(audit.chain, round.incident, round.verdict.resolution, closing === undefined ? [] : [closing]);
    const inputs = ids.flatMap((id) => (held.has(id) ? [held.get(id)!] : []));
    const check = await verifyCertificate({
      trustedRoster: audit.chain.rosters[0]!.object.bytes,
      objects: inputs.map((input) => input.bytes),
      packProblems: [],
      now: verificationTime(context).ms,
      sha256: nodeSha256,
    });
    if (check.status === 'refused') throw verificationError(`the packs cannot make a certificate of this round: ${check.reasons[0]!.message}`);
    const written = await writePackFile(out, 'certificate', inputs);
    const label = check.status === 'final' ? `FINAL, closed by ${check.closing!.author} at ${check.closing!.created}` : 'PROVISIONAL: no closing record yet';
    printOutcome(context, { ...round, verdict: { resolution: check.resolution, outcome: check.outcome } }, { certificate: out, objects: written.objects, status: check.status }, [
      `certificate ${out} (${label}): ${written.objects} objects, ${written.bytes} bytes`,
    ]);
    return EXIT.ok;
  },
};
