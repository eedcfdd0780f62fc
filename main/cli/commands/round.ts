import { closedCertificateIds, closesRound, planClosing } from '../../../shared/audit/closing-record';
import { verifyCertificate } from '../../../shared/audit/verify-certificate';
import { countersign, InvalidObjectError } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { shortHex } from '../../../shared/objects/issues';
import type { ClosingPayload, ObjectId } from '../../../shared/objects/types';
import { nodeSha256 } from '../../crypto/node-sha256';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError, verificationError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { report, requireString } from '../io';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { loadSigningKey, nowTimestamp, signNextStatement, unlockStatementKey } from '../signing';
import { auditPacks, loadPacks, verificationTime } from '../trust';
import { ROUND_HELP, ROUND_OPTIONS, roundVerdict, verdictLine } from './tally';

const { at: _at, ...CLOSE_OPTIONS } = ROUND_OPTIONS;
const { at: _atHelp, ...CLOSE_HELP } = ROUND_HELP;

export const roundCloseCommand: Command = {
  path: ['round', 'close'],
  summary: 'the chair closes a round: signs a closing record naming every object the verdict rests on and the verdict',
  usage: 'PACK… --roster ROSTER --key KEYFILE --incident ID [--round N] --out PACK',
  help: { ...CLOSE_HELP, key: "the chair's secret key file", out: 'pack to write with the signed closing record', ...PASSPHRASE_HELP },
  options: { ...CLOSE_OPTIONS, key: { type: 'string' }, out: { type: 'string' }, ...PASSPHRASE_OPTIONS },
  run: async (context) => {
    const out = requireString(context, 'out');
    const created = nowTimestamp();
    const round = await roundVerdict(context, created);
    const { audit, verdict } = round;
    const existing = audit.statements.find((s) => closesRound(s.object, round.incident, verdict.outcome.round));
    if (existing !== undefined) {
      throw usageError(
        `incident ${shortHex(round.incident)} round ${verdict.outcome.round} is already closed by ${shortHex(existing.object.id)}: a round has one closing record (a second would make neither final)`,
      );
    }
    const kinds = new Map(audit.statements.map((statement) => [statement.object.id, statement.object.kind]));
    const phase = audit.statements.find((statement) => statement.object.id === verdict.resolution.ballots.phase);
    const listed = phase?.object.kind === 'phase' ? phase.object.payload.commitments : [];
    const plan = planClosing(audit.chain.current, verdict.resolution, verdict.outcome, (id) => kinds.get(id) === 'assessment', listed);
    if (!plan.ok) throw usageError(`cannot close incident ${shortHex(round.incident)} round ${verdict.outcome.round}: ${plan.reason}`);
    const chair = await unlockStatementKey(context, requireString(context, 'key'), audit.statements);
    const closing = await signNextStatement<ClosingPayload>(chair, (log) => ({ kind: 'closing', ...log, created, ...plan.content }), audit.chain);
    await writePackFile(out, 'sync', [{ kind: 'closing', bytes: closing.bytes }]);
    report(context, { closing: closing.id, verdict: plan.content.verdict, out }, () => [
      `closing ${closing.id}: ${chair.member} closed round ${verdict.outcome.round} of incident ${shortHex(round.incident)} — ${verdictLine(verdict.outcome)}`,
      `it names the phase, ${plan.content.commitments.length} commitment(s), ${plan.content.reveals.length} reveal(s) and ${plan.content.equivocations.length} equivocation(s)`,
    ]);
    return EXIT.ok;
  },
};

export const roundCountersignCommand: Command = {
  path: ['round', 'countersign'],
  summary: "a voting member countersigns a round's closing record after recomputing it from the objects it names",
  usage: 'PACK… --roster ROSTER --key KEYFILE --closing ID --out PACK',
  help: {
    roster: 'the roster you trust',
    key: "your delegation's secret key file",
    closing: 'object id (or a unique prefix) of the closing record to countersign',
    out: 'pack to write with the countersigned copy',
    ...PASSPHRASE_HELP,
  },
  options: { roster: { type: 'string' }, key: { type: 'string' }, closing: { type: 'string' }, out: { type: 'string' }, ...PASSPHRASE_OPTIONS },
  run: async (context: CommandContext) => {
    const out = requireString(context, 'out');
    const wanted = requireString(context, 'closing');
    const packs = await loadPacks(context.positionals);
    const audit = await auditPacks(context, packs);
    const matches = audit.statements.filter((statement) => statement.object.kind === 'closing' && statement.object.id.startsWith(wanted));
    if (matches.length !== 1)
      throw usageError(`--closing ${wanted}: ${matches.length === 0 ? 'no verified closing record with that id in the packs' : `matches ${matches.length} closing records; give more of the id`}`);
    const closing = matches[0]!.object as SignedObject<'closing'>;
    const held = new Map(audit.statements.map((statement) => [statement.object.id, statement.object.bytes]));
    for (const roster of [...audit.chain.ancestors, ...audit.chain.rosters]) held.set(roster.id, roster.object.bytes);
    const objects = closedCertificateIds(audit.chain, closing).flatMap((id) => (held.has(id) ? [held.get(id)!] : []));
    const check = await verifyCertificate({ trustedRoster: audit.chain.rosters[0]!.object.bytes, objects, packProblems: [], now: verificationTime(context).ms, sha256: nodeSha256 });
    if (check.status !== 'final') throw verificationError(`will not countersign closing ${shortHex(closing.id)}: ${check.status === 'refused' ? check.reasons[0]!.message : 'it is not final'}`);
    const key = await loadSigningKey(context, requireString(context, 'key'));
    const member = audit.chain.current.index.keys.get(key.key.keyid)?.member;
    if (member?.role !== 'voting') throw usageError(`key ${shortHex(key.key.keyid)} is not a voting member's key in roster v${audit.chain.current.version}; only voting members countersign`);
    let signed: SignedObject<'closing'>;
    try {
      signed = await countersign(closing, key.key, nodeSha256);
    } catch (error) {
      if (error instanceof InvalidObjectError) throw usageError(error.message);
      throw error;
    }
    await writePackFile(out, 'sync', [{ kind: 'closing', bytes: signed.bytes }]);
    report(context, { closing: closing.id, copy: signed.id as ObjectId, countersignedBy: member.id, out }, () => [
      `closing ${shortHex(closing.id)}: ${member.id} recomputed ${verdictLine(check.outcome)} from the objects it names and countersigned it (copy ${signed.id})`,
    ]);
    return EXIT.ok;
  },
};
