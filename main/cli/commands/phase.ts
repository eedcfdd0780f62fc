import { parseTimestamp } from '../../../shared/objects/timestamp';
import type { PhasePayload, Timestamp } from '../../../shared/objects/types';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, report, requireString } from '../io';
import { FORCE_HELP, FORCE_OPTION, outputFile } from '../output-path';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { auditedIncidents, resolveIncident } from '../resolve-incident';
import { ROUND_HELP, ROUND_OPTION, roundOption } from '../round-option';
import { signNextStatement, unlockStatementKey } from '../signing';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks } from '../trust';

function deadline(context: CommandContext, option: string): Timestamp | undefined {
  const value = optionalString(context, option);
  if (value !== undefined && parseTimestamp(value) === undefined) throw usageError(`--${option} "${value}": give an RFC 3339 UTC time such as 2026-11-22T19:00:00Z`);
  return value as Timestamp | undefined;
}

export const phaseOpenCommand: Command = {
  path: ['phase', 'open'],
  summary: 'the chair opens the reveal of a round, listing the commitments that count',
  usage: 'PACK… --roster ROSTER --key KEYFILE --incident ID [--round N] [--reveal-deadline T] [--silence-deadline T] --out PACK',
  help: {
    roster: 'the trusted roster the commitments are verified against',
    key: "the chair's secret key file (a key the chair holds in the current roster)",
    incident: 'the incident: object id, unique prefix of it, or incident number',
    ...ROUND_HELP,
    'reveal-deadline': 'reveals signed after this RFC 3339 UTC time are reported late',
    'silence-deadline': 'with the silence procedure: after this time, silence counts as no objection',
    out: 'pack to write with the signed phase object',
    ...FORCE_HELP,
    ...AT_HELP,
    ...PASSPHRASE_HELP,
  },
  options: {
    roster: { type: 'string' },
    key: { type: 'string' },
    incident: { type: 'string' },
    ...ROUND_OPTION,
    'reveal-deadline': { type: 'string' },
    'silence-deadline': { type: 'string' },
    out: { type: 'string' },
    ...FORCE_OPTION,
    ...AT_OPTION,
    ...PASSPHRASE_OPTIONS,
  },
  run: async (context) => {
    const wanted = requireString(context, 'incident');
    const round = roundOption(context);
    const out = await outputFile(context);
    const audit = await auditPacks(context, await loadPacks(context.positionals));
    const incident = resolveIncident(wanted, auditedIncidents(audit), 'in the packs', { acceptAbsentId: true });
    const commitments = audit.statements.flatMap((s) => (s.object.kind === 'commitment' && s.object.payload.incident === incident && s.object.payload.round === round ? [s.object.id] : [])).sort();
    if (commitments.length === 0) throw usageError(`no verified commitment for incident ${incident.slice(0, 8)}… round ${round} in the packs given`);
    const revealDeadline = deadline(context, 'reveal-deadline');
    const silenceDeadline = deadline(context, 'silence-deadline');
    const chair = await unlockStatementKey(context, requireString(context, 'key'), audit.statements);
    const phase = await signNextStatement<PhasePayload>(
      chair,
      (log) => ({
        kind: 'phase',
        ...log,
        incident,
        round,
        action: 'open-reveal',
        commitments,
        ...(revealDeadline === undefined ? {} : { revealDeadline }),
        ...(silenceDeadline === undefined ? {} : { silenceDeadline }),
      }),
      audit.chain,
    );
    await writePackFile(out, 'sync', [{ kind: 'phase', bytes: phase.bytes }]);
    report(context, { phase: phase.id, commitments, out }, () => [`phase ${phase.id}: ${chair.member} opened the reveal of round ${round} with ${commitments.length} commitments`]);
    return EXIT.ok;
  },
};
