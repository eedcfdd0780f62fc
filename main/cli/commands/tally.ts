import { certificateObjectIds, computeVerdict, type RoundVerdict } from '../../../shared/audit/verdict';
import type { ObjectId } from '../../../shared/objects/types';
import type { TallyOutcome } from '../../../shared/tally/outcome';
import { nodeSha256 } from '../../crypto/node-sha256';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, readJsonInput, report, requireString } from '../io';
import { caseRoster, caseRound, parseTallyCase, TallyCaseError } from '../../../shared/tally/tally-case';
import { tallyRound } from '../../../shared/tally/tally';
import type { Timestamp } from '../../../shared/objects/types';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks, verificationTime } from '../trust';
import type { Audit } from '../../../shared/audit/audit-objects';
import type { LoadedPack } from '../../packs/pack-file';
import type { PackObjectKind } from '../../../shared/pack/pack-index';

const ROUND_OPTIONS = { roster: { type: 'string' }, incident: { type: 'string' }, round: { type: 'string' }, ...AT_OPTION } as const;
const ROUND_HELP = {
  roster: 'the roster you trust',
  incident: 'object id of the incident (or a unique prefix of it)',
  round: 'round (default 1)',
  ...AT_HELP,
};

interface RoundContext {
  readonly audit: Audit;
  readonly packs: readonly LoadedPack[];
  readonly verdict: RoundVerdict;
  readonly incident: ObjectId;
}

async function roundVerdict(context: CommandContext): Promise<RoundContext> {
  const packs = await loadPacks(context.positionals);
  const audit = await auditPacks(context, packs);
  const wanted = requireString(context, 'incident');
  const incidents = audit.statements.filter((s) => s.object.kind === 'incident' && s.object.id.startsWith(wanted));
  if (incidents.length !== 1) throw usageError(`--incident ${wanted}: ${incidents.length === 0 ? 'no verified incident with that id in the packs' : 'matches several incidents; give more of the id'}`);
  const incident = incidents[0]!.object.id;
  const roundText = optionalString(context, 'round') ?? '1';
  if (!/^\d+$/.test(roundText)) throw usageError(`--round "${roundText}": must be a whole number`);
  const objects = packs.flatMap((pack) => [...pack.objects.values()].filter((o) => o.kind !== 'roster').map((o) => o.bytes));
  const verdict = await computeVerdict({ chain: audit.chain, incident, round: Number(roundText), objects, asOf: verificationTime(context).timestamp, sha256: nodeSha256 });
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

export const tallyCommand: Command = {
  path: ['tally'],
  summary: "compute the consensus verdict of an incident's round from the packs, under the roster's decision rule",
  usage: 'PACK… --roster ROSTER --incident ID [--round N] [--at TIME]  |  --case FILE',
  help: { ...ROUND_HELP, case: 'tally a case of ballots instead (rule, members, ballots, asOf: the format of test/vectors/tally)' },
  options: { ...ROUND_OPTIONS, case: { type: 'string' } },
  run: async (context) => {
    const casePath = optionalString(context, 'case');
    if (casePath !== undefined) await tallyCaseFile(context, casePath);
    else printOutcome(context, await roundVerdict(context));
    return EXIT.ok;
  },
};

export const certificateCommand: Command = {
  path: ['certificate'],
  summary: 'write a verdict certificate: the minimal pack from which anyone can recompute the verdict',
  usage: 'PACK… --roster ROSTER --incident ID [--round N] [--at TIME] --out FILE',
  help: { ...ROUND_HELP, out: 'certificate pack to write' },
  options: { ...ROUND_OPTIONS, out: { type: 'string' } },
  run: async (context) => {
    const out = requireString(context, 'out');
    const round = await roundVerdict(context);
    const ids = certificateObjectIds(round.audit.chain, round.incident, round.verdict.resolution);
    const held = new Map<string, { kind: PackObjectKind | undefined; bytes: Uint8Array }>(round.packs.flatMap((pack) => [...pack.objects.entries()]));
    for (const roster of round.audit.chain.rosters) held.set(roster.id, { kind: 'roster', bytes: roster.object.bytes });
    const inputs = ids.flatMap((id) => {
      const object = held.get(id);
      return object?.kind ? [{ kind: object.kind, bytes: object.bytes }] : [];
    });
    const written = await writePackFile(out, 'certificate', inputs);
    printOutcome(context, round, { certificate: out, objects: written.objects }, [`certificate ${out}: ${written.objects} objects, ${written.bytes} bytes`]);
    return EXIT.ok;
  },
};
