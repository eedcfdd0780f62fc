import type { CertificateResult } from '../../../shared/audit/verify-certificate';
import { verifyCertificatePack } from '../../packs/certificate-pack';
import { EXIT } from '../cli-error';
import type { Command } from '../command';
import { report } from '../io';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks, verificationTime } from '../trust';
import { packFinality, verdictLine } from './tally';
import { computeVerdict } from '../../../shared/audit/verdict';
import type { Audit } from '../../../shared/audit/audit-objects';
import type { Timestamp } from '../../../shared/objects/types';
import type { TallyOutcome } from '../../../shared/tally/outcome';
import { nodeSha256 } from '../../crypto/node-sha256';

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
    // The pinned roster's bytes, as auditPacks read them: the chain's first roster.
    const trusted = audit.chain.rosters[0]!.object.bytes;
    const certificates: CheckedCertificate[] = [];
    for (const pack of packs.filter((p) => p.index.kind === 'certificate')) {
      const result = await verifyCertificatePack(pack, trusted, verificationTime(context).ms);
      // Final by itself; with other packs at hand, final only if they do not contradict it (the workstation's and tally's rule).
      const contradiction = result.status === 'final' && packs.length > 1 ? await contradictionAmong(audit, result, verificationTime(context).timestamp) : undefined;
      certificates.push({ pack: pack.path, result, ...(contradiction === undefined ? {} : { contradiction }) });
    }
    // A closing record outside a certificate claims nothing here: say so rather than stay silent.
    const closingsElsewhere = packs.filter((p) => p.index.kind !== 'certificate' && [...p.objects.values()].some((o) => o.kind === 'closing')).map((p) => p.path);
    const refusedCertificates = certificates.filter(({ result, contradiction }) => result.status === 'refused' || contradiction !== undefined).length;
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
        certificates: certificates.map(certificateJson),
      },
      () => [
        ...audit.objects.map((o) => `${o.verdict === 'verified' ? 'ok  ' : 'BAD '} ${(o.kind ?? 'object').padEnd(10)} ${o.id}  ${o.detail}`),
        ...packProblems.map((p) => `BAD  ${'pack'.padEnd(10)} ${p.id}  ${p.pack}: ${p.message}`),
        ...audit.issues.map((i) => `INCOMPLETE ${i.message}`),
        ...audit.evidence.map(
          (e) =>
            `evidence of incident ${e.incident.slice(0, 8)}…: ${e.state === 'verified' ? 'verified' : 'incomplete'}, ${e.items.filter((i) => i.state === 'verified').length} of ${e.items.length} chunks verified`,
        ),
        ...audit.notes.map((n) => `note ${n.message}`),
        ...certificates.flatMap(certificateLines),
        ...closingsElsewhere.map((path) => `note ${path} holds closing records but is not a certificate: no verdict is claimed from it (truceline certificate makes one)`),
        `roster v${audit.chain.current.version}${audit.chain.status === 'expired' ? ' (EXPIRED)' : ''}: ${verified} verified, ${rejected} rejected${incomplete > 0 ? `, INCOMPLETE (${incomplete} missing)` : ''}`,
      ],
    );
    return rejected === 0 && refusedCertificates === 0 && incomplete === 0 ? EXIT.ok : EXIT.verificationFailed;
  },
};

interface CheckedCertificate {
  readonly pack: string;
  readonly result: CertificateResult;
  /** Why the other packs given contradict a certificate that is final by itself. */
  readonly contradiction?: string;
}

async function contradictionAmong(audit: Audit, result: { readonly outcome: TallyOutcome }, asOf: Timestamp): Promise<string | undefined> {
  const { incident, round } = result.outcome;
  const objects = audit.statements.map((statement) => statement.object.bytes);
  const { outcome } = await computeVerdict({ chain: audit.chain, incident, round, objects, asOf, sha256: nodeSha256 });
  const finality = await packFinality(audit, incident, outcome);
  return finality.status === 'final' ? undefined : finality.status === 'closing-refused' ? finality.reason : 'the other packs hold no closing record of this round';
}

function certificateJson({ pack, result, contradiction }: CheckedCertificate): unknown {
  if (result.status === 'refused') return { pack, status: 'refused', reasons: result.reasons.map(({ code, message }) => ({ code, message })) };
  return {
    pack,
    status: contradiction === undefined ? result.status : 'contradicted',
    outcome: result.outcome,
    closing: result.closing ?? null,
    ...(contradiction === undefined ? {} : { contradiction }),
  };
}

/** A refused certificate prints why, never a verdict; an accepted one says whether its verdict is final. */
function certificateLines({ pack, result, contradiction }: CheckedCertificate): string[] {
  if (result.status === 'refused') return [`REFUSED certificate ${pack}: no verdict — ${result.reasons.map((reason) => reason.message).join('; ')}`];
  const { outcome, closing } = result;
  const where = `incident ${outcome.incident.slice(0, 8)}… round ${outcome.round}`;
  if (closing === undefined) return [`PROVISIONAL verdict of ${where} as of ${outcome.asOf}: ${verdictLine(outcome)} — ${outcome.reason} (no closing record: not final)`];
  if (contradiction !== undefined) return [`NOT FINAL: certificate ${pack} closes ${where} as ${verdictLine(outcome)}, but the other packs given contradict it — ${contradiction}`];
  const countersigned = `countersigned by ${closing.countersignedBy.length} of ${closing.votingMembers} voting members${closing.countersignedBy.length > 0 ? ` (${closing.countersignedBy.join(', ')})` : ''}`;
  return [`FINAL verdict of ${where}: ${verdictLine(outcome)} — closed by ${closing.author} at ${closing.created} under roster v${closing.roster.version}, ${countersigned}; complete and recomputed`];
}
