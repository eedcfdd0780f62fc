import { computeVerdict } from '../../../shared/audit/verdict';
import type { TallyOutcome } from '../../../shared/tally/outcome';
import { nodeSha256 } from '../../crypto/node-sha256';
import { EXIT } from '../cli-error';
import type { Command } from '../command';
import { report } from '../io';
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
    // A certificate claims a verdict: recompute it from the certificate's own objects.
    const verdicts: TallyOutcome[] = [];
    for (const pack of packs.filter((p) => p.index.kind === 'certificate')) {
      const objects = [...pack.objects.values()].filter((o) => o.kind !== 'roster').map((o) => o.bytes);
      const rounds = new Map<string, { incident: string; round: number }>();
      for (const s of audit.statements) {
        if (!pack.objects.has(s.object.id)) continue;
        if (s.object.kind === 'phase' || s.object.kind === 'commitment') rounds.set(`${s.object.payload.incident}/${s.object.payload.round}`, s.object.payload);
      }
      for (const { incident, round } of rounds.values()) {
        const { outcome } = await computeVerdict({ chain: audit.chain, incident: incident as never, round, objects, asOf: verificationTime(context).timestamp, sha256: nodeSha256 });
        verdicts.push(outcome);
      }
    }
    report(
      context,
      {
        ok: rejected === 0,
        roster: { id: audit.chain.current.id, version: audit.chain.current.version, status: audit.chain.status },
        verified,
        rejected,
        objects: audit.objects.map(({ id, kind, verdict, detail, issue }) => ({ id, kind: kind ?? null, verdict, detail, code: issue?.code ?? null })),
        packProblems,
        notes: audit.notes,
        verdicts,
      },
      () => [
        ...audit.objects.map((o) => `${o.verdict === 'verified' ? 'ok  ' : 'BAD '} ${(o.kind ?? 'object').padEnd(10)} ${o.id}  ${o.detail}`),
        ...packProblems.map((p) => `BAD  ${'pack'.padEnd(10)} ${p.id}  ${p.pack}: ${p.message}`),
        ...audit.notes.map((n) => `note ${n.message}`),
        ...verdicts.map((v) => `verdict of incident ${v.incident.slice(0, 8)}… round ${v.round}: ${verdictLine(v)} — ${v.reason}`),
        `roster v${audit.chain.current.version}${audit.chain.status === 'expired' ? ' (EXPIRED)' : ''}: ${verified} verified, ${rejected} rejected`,
      ],
    );
    return rejected === 0 ? EXIT.ok : EXIT.verificationFailed;
  },
};
