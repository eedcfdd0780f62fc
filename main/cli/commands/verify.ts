import type { CertificateResult } from '../../../shared/audit/verify-certificate';
import { verifyCertificatePack } from '../../packs/certificate-pack';
import { EXIT } from '../cli-error';
import type { Command } from '../command';
import { readInput, report, requireString } from '../io';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks, verificationTime } from '../trust';
import { verdictLine } from './tally';

export const verifyCommand: Command = {
  path: ['verify'],
  summary: 'verify every object of one or more packs against a trusted roster, object by object',
  usage: 'PACK… --roster ROSTER [--at TIME]',
  help: { roster: 'the roster you trust (the chain is followed from it through the rosters the packs carry)', ...AT_HELP },
  options: { roster: { type: 'string' }, ...AT_OPTION },
  run: async (context) => {
    const packs = await loadPacks(context.positionals);
    const audit = await auditPacks(context, packs);
    const packProblems = packs.flatMap((pack) => pack.problems.map((p) => ({ pack: pack.path, ...p })));
    const rejected = audit.objects.filter((o) => o.verdict === 'rejected').length + packProblems.length;
    const verified = audit.objects.filter((o) => o.verdict === 'verified').length;
    // An incident bundle without all its incidents' evidence is incomplete, even when every object it holds verifies.
    const incomplete = audit.issues.length;
    // A certificate claims a verdict: it is checked on its own objects (kinds from their signed bytes), and a refused one yields none.
    const trusted = new Uint8Array(await readInput(requireString(context, 'roster'), 'trusted roster'));
    const certificates: { pack: string; result: CertificateResult }[] = [];
    for (const pack of packs.filter((p) => p.index.kind === 'certificate')) {
      certificates.push({ pack: pack.path, result: await verifyCertificatePack(pack, trusted, verificationTime(context).ms) });
    }
    const refusedCertificates = certificates.filter(({ result }) => result.status === 'refused').length;
    report(
      context,
      {
        ok: rejected === 0 && refusedCertificates === 0 && incomplete === 0,
        roster: { id: audit.chain.current.id, version: audit.chain.current.version, status: audit.chain.status },
        verified,
        rejected,
        objects: audit.objects.map(({ id, kind, verdict, detail, issue }) => ({ id, kind: kind ?? null, verdict, detail, code: issue?.code ?? null })),
        packProblems,
        incomplete: audit.issues.map(({ code, message, object }) => ({ code, message, object: object ?? null })),
        evidence: audit.evidence,
        notes: audit.notes,
        certificates: certificates.map(({ pack, result }) => certificateJson(pack, result)),
      },
      () => [
        ...audit.objects.map((o) => `${o.verdict === 'verified' ? 'ok  ' : 'BAD '} ${(o.kind ?? 'object').padEnd(10)} ${o.id}  ${o.detail}`),
        ...packProblems.map((p) => `BAD  ${'pack'.padEnd(10)} ${p.id}  ${p.pack}: ${p.message}`),
        ...audit.issues.map((i) => `INCOMPLETE ${i.message}`),
        ...audit.evidence.map((e) => `evidence of incident ${e.incident.slice(0, 8)}…: ${e.state === 'verified' ? 'verified' : 'incomplete'}, ${e.items.filter((i) => i.state === 'verified').length} of ${e.items.length} chunks verified`),
        ...audit.notes.map((n) => `note ${n.message}`),
        ...certificates.flatMap(({ pack, result }) => certificateLines(pack, result)),
        `roster v${audit.chain.current.version}${audit.chain.status === 'expired' ? ' (EXPIRED)' : ''}: ${verified} verified, ${rejected} rejected${incomplete > 0 ? `, INCOMPLETE (${incomplete} missing)` : ''}`,
      ],
    );
    return rejected === 0 && refusedCertificates === 0 && incomplete === 0 ? EXIT.ok : EXIT.verificationFailed;
  },
};

function certificateJson(pack: string, result: CertificateResult): unknown {
  if (result.status === 'refused') return { pack, status: 'refused', reasons: result.reasons.map(({ code, message }) => ({ code, message })) };
  return { pack, status: result.status, outcome: result.outcome, closing: result.closing ?? null };
}

/** A refused certificate prints why, never a verdict; an accepted one says whether its verdict is final. */
function certificateLines(pack: string, result: CertificateResult): string[] {
  if (result.status === 'refused') return [`REFUSED certificate ${pack}: no verdict — ${result.reasons.map((reason) => reason.message).join('; ')}`];
  const { outcome, closing } = result;
  const where = `incident ${outcome.incident.slice(0, 8)}… round ${outcome.round}`;
  if (closing === undefined) return [`PROVISIONAL verdict of ${where} as of ${outcome.asOf}: ${verdictLine(outcome)} — ${outcome.reason} (no closing record: not final)`];
  const countersigned = `countersigned by ${closing.countersignedBy.length} of ${closing.votingMembers} voting members${closing.countersignedBy.length > 0 ? ` (${closing.countersignedBy.join(', ')})` : ''}`;
  return [`FINAL verdict of ${where}: ${verdictLine(outcome)} — closed by ${closing.author} at ${closing.created} under roster v${closing.roster.version}, ${countersigned}; complete and recomputed`];
}
