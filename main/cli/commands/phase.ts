import { parseTimestamp } from '../../../shared/objects/timestamp';
import type { ObjectId, PhasePayload, Timestamp } from '../../../shared/objects/types';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, report, requireString } from '../io';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { loadSigningKey, signNextStatement } from '../signing';
import { auditPacks, loadPacks } from '../trust';

function deadline(context: CommandContext, option: string): Timestamp | undefined {
  const value = optionalString(context, option);
  if (value !== undefined && parseTimestamp(value) === undefined) throw usageError(`--${option} "${value}": give an RFC 3339 UTC time such as 2026-11-22T19:00:00Z`);
  return value as Timestamp | undefined;
}

export const phaseOpenCommand: Command = {
  path: ['phase', 'open'],
  summary: "the chair opens the reveal of a round, listing the commitments that count",
  usage: 'PACK… --roster ROSTER --key KEYFILE --incident ID [--round N] [--reveal-deadline T] [--silence-deadline T] --out PACK',
  help: {
    roster: 'the trusted roster the commitments are verified against',
    key: "the chair's secret key file",
    incident: 'object id of the incident',
    round: 'round (default 1)',
    'reveal-deadline': 'reveals signed after this RFC 3339 UTC time are reported late',
    'silence-deadline': 'with the silence procedure: after this time, silence counts as no objection',
    out: 'pack to write with the signed phase object',
    ...PASSPHRASE_HELP,
  },
  options: {
    roster: { type: 'string' },
    key: { type: 'string' },
    incident: { type: 'string' },
    round: { type: 'string' },
    'reveal-deadline': { type: 'string' },
    'silence-deadline': { type: 'string' },
    out: { type: 'string' },
    ...PASSPHRASE_OPTIONS,
  },
  run: async (context) => {
    const incident = requireString(context, 'incident') as ObjectId;
    const roundText = optionalString(context, 'round') ?? '1';
    if (!/^\d+$/.test(roundText)) throw usageError(`--round "${roundText}": must be a whole number`);
    const round = Number(roundText);
    const audit = await auditPacks(context, await loadPacks(context.positionals));
    const commitments = audit.statements
      .flatMap((s) => (s.object.kind === 'commitment' && s.object.payload.incident === incident && s.object.payload.round === round ? [s.object.id] : []))
      .sort();
    if (commitments.length === 0) throw usageError(`no verified commitment for incident ${incident.slice(0, 8)}… round ${round} in the packs given`);
    const revealDeadline = deadline(context, 'reveal-deadline');
    const silenceDeadline = deadline(context, 'silence-deadline');
    const chair = await loadSigningKey(context, requireString(context, 'key'));
    const phase = await signNextStatement<PhasePayload>(chair, (log) => ({
      kind: 'phase',
      ...log,
      incident,
      round,
      action: 'open-reveal',
      commitments,
      ...(revealDeadline === undefined ? {} : { revealDeadline }),
      ...(silenceDeadline === undefined ? {} : { silenceDeadline }),
    }));
    const out = requireString(context, 'out');
    await writePackFile(out, 'sync', [{ kind: 'phase', bytes: phase.bytes }]);
    report(context, { phase: phase.id, commitments, out }, () => [`phase ${phase.id}: ${chair.member} opened the reveal of round ${round} with ${commitments.length} commitments`]);
    return EXIT.ok;
  },
};
