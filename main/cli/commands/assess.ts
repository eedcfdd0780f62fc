import type { Audit } from '../../../shared/audit/audit-objects';
import { ready } from '../../../shared/crypto/sodium';
import { canonicalize } from '../../../shared/encoding/canonical-json';
import { commitmentDigest, randomSalt } from '../../../shared/sealing/commitment-digest';
import type { AssessmentBody, AssessmentPayload, Attribution, Citation, CommitmentPayload, Finding, IncidentCategory, MemberId, ObjectId, Sha256Hex } from '../../../shared/objects/types';
import { parseSealedAssessment, SEALED_ASSESSMENT_FORMAT, SealedAssessmentError, sealedAssessmentText, type SealedAssessment } from '../../../shared/sealing/sealed-assessment';
import type { RosterChain } from '../../../shared/roster/verified-roster';
import { nodeSha256 } from '../../crypto/node-sha256';
import { writePackFile } from '../../packs/pack-file';
import { EXIT, usageError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, readJsonInput, report, requireString, stringList, writeOutput } from '../io';
import { FORCE_HELP, FORCE_OPTION, newSecretFile, outputFile } from '../output-path';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { auditedIncidents, resolveIncident } from '../resolve-incident';
import { ROUND_HELP, ROUND_OPTION, roundOption } from '../round-option';
import { checkNextStatement, signNextStatement, unlockStatementKey } from '../signing';
import { AT_HELP, AT_OPTION, auditPacks, loadPacks } from '../trust';

const FINDINGS: readonly Finding[] = ['violation', 'no-violation', 'inconclusive', 'abstain'];

function integer(context: CommandContext, option: string): number {
  const text = requireString(context, option);
  if (!/^\d+$/.test(text)) throw usageError(`--${option} "${text}": must be a whole number`);
  return Number(text);
}

/** The trusted chain (--roster, and any rosters the packs carry), the incident, found by number or prefix in the packs given, and the statements they hold. */
async function chainAndIncident(context: CommandContext): Promise<{ chain: RosterChain; incident: ObjectId; statements: Audit['statements'] }> {
  const wanted = requireString(context, 'incident');
  const packs = context.positionals.length === 0 ? [] : await loadPacks(context.positionals);
  const audit = await auditPacks(context, packs);
  if (packs.length === 0 && !/^[0-9a-f]{64}$/.test(wanted))
    throw usageError(`--incident ${wanted}: give the whole object id, or the incident bundle as a PACK to name the incident by number or prefix`);
  return { chain: audit.chain, incident: resolveIncident(wanted, auditedIncidents(audit), 'in the packs', { acceptAbsentId: true }), statements: audit.statements };
}

/** --cite CHUNK or CHUNK:tracks=1,2:detections=7 */
function parseCitation(text: string): Citation {
  const [chunk, ...parts] = text.split(':');
  const citation: { chunk: Sha256Hex; tracks?: string[]; detections?: string[] } = { chunk: (chunk ?? '') as Sha256Hex };
  for (const part of parts) {
    const [name, list] = part.split('=');
    if ((name !== 'tracks' && name !== 'detections') || !list) throw usageError(`--cite "${text}": use CHUNK[:tracks=ID,…][:detections=ID,…]`);
    citation[name] = list.split(',');
  }
  return citation;
}

export const assessCommitCommand: Command = {
  path: ['assess', 'commit'],
  summary: "seal a delegation's assessment: sign a commitment to its digest, keep the body secret until the reveal",
  usage: '[PACK…] --roster ROSTER --key KEYFILE --incident ID --finding F --attribution A --confidence N --rationale TEXT [--round N] [--category C…] [--cite CHUNK…] --sealed-out FILE --out PACK',
  help: {
    roster: 'the roster you trust: the assessment is checked against it (and any newer rosters the packs carry) before anything is signed',
    key: "the delegation's secret key file",
    incident: 'the incident assessed: its object id, or with its bundle among the PACKs also its incident number or a unique prefix of the id',
    ...ROUND_HELP,
    finding: FINDINGS.join(' | '),
    attribution: "a party's member id, or undetermined",
    confidence: 'percent, 0–100',
    category: 'incident category the delegation finds (repeat)',
    rationale: 'the reasons, in words',
    cite: 'evidence cited: CHUNK[:tracks=ID,…][:detections=ID,…] (repeat)',
    'sealed-out': 'file to keep the sealed assessment in until the reveal (created, never overwritten)',
    out: 'pack to write with the signed commitment',
    ...FORCE_HELP,
    ...AT_HELP,
    ...PASSPHRASE_HELP,
  },
  options: {
    roster: { type: 'string' },
    key: { type: 'string' },
    incident: { type: 'string' },
    ...ROUND_OPTION,
    finding: { type: 'string' },
    attribution: { type: 'string' },
    confidence: { type: 'string' },
    category: { type: 'string', multiple: true },
    rationale: { type: 'string' },
    cite: { type: 'string', multiple: true },
    'sealed-out': { type: 'string' },
    out: { type: 'string' },
    ...FORCE_OPTION,
    ...AT_OPTION,
    ...PASSPHRASE_OPTIONS,
  },
  run: async (context) => {
    const finding = requireString(context, 'finding') as Finding;
    if (!FINDINGS.includes(finding)) throw usageError(`--finding "${finding}": must be one of ${FINDINGS.join(', ')}`);
    const round = roundOption(context);
    const sealedOut = await newSecretFile(context, 'sealed-out');
    const out = await outputFile(context);
    const { chain, incident, statements } = await chainAndIncident(context);
    const delegation = await unlockStatementKey(context, requireString(context, 'key'), statements);
    await ready();
    const body: AssessmentBody = {
      incident,
      round,
      delegation: delegation.member as MemberId,
      finding,
      attribution: requireString(context, 'attribution') as Attribution,
      confidence: integer(context, 'confidence'),
      categories: stringList(context, 'category') as IncidentCategory[],
      rationale: requireString(context, 'rationale'),
      citations: stringList(context, 'cite').map(parseCitation),
      salt: randomSalt(),
    };
    // The reveal this commitment promises, checked as every verifier will check it: a body no reveal could make count is never sealed.
    await checkNextStatement<AssessmentPayload>(delegation, (log) => ({ kind: 'assessment', ...log, body }), chain);
    const digest = await commitmentDigest(body, nodeSha256);
    const commitment = await signNextStatement<CommitmentPayload>(
      delegation,
      (log) => ({ kind: 'commitment', ...log, incident: body.incident, round: body.round, delegation: body.delegation, digest }),
      chain,
    );
    const sealed: SealedAssessment = { format: SEALED_ASSESSMENT_FORMAT, commitment: commitment.id, digest, body };
    await writeOutput(sealedOut, sealedAssessmentText(sealed), 'sealed assessment', { exclusive: true });
    await writePackFile(out, 'sync', [{ kind: 'commitment', bytes: commitment.bytes }]);
    report(context, { commitment: commitment.id, digest, out }, () => [
      `commitment ${commitment.id} by ${delegation.member} for incident ${body.incident.slice(0, 8)}… round ${body.round}`,
      `  sealed assessment kept in ${sealedOut} (reveal it with \`truceline assess reveal\` once the chair opens the reveal)`,
    ]);
    return EXIT.ok;
  },
};

async function readSealedAssessment(path: string): Promise<SealedAssessment> {
  const raw = await readJsonInput(path, 'sealed assessment');
  await ready();
  try {
    return await parseSealedAssessment(raw, nodeSha256);
  } catch (error) {
    if (error instanceof SealedAssessmentError) throw usageError(`sealed assessment ${path}: ${error.message}`);
    throw error;
  }
}

export const assessRevealCommand: Command = {
  path: ['assess', 'reveal'],
  summary: 'reveal a sealed assessment: sign it so that anyone can check it against the commitment',
  usage: '--key KEYFILE --sealed FILE [--supersedes ID] --out PACK',
  help: {
    key: "the delegation's secret key file",
    sealed: 'the sealed assessment `assess commit` wrote',
    supersedes: 'an earlier assessment of the same incident and round that this one replaces',
    out: 'pack to write with the signed assessment',
    ...FORCE_HELP,
    ...PASSPHRASE_HELP,
  },
  options: { key: { type: 'string' }, sealed: { type: 'string' }, supersedes: { type: 'string' }, out: { type: 'string' }, ...FORCE_OPTION, ...PASSPHRASE_OPTIONS },
  run: async (context) => {
    const out = await outputFile(context);
    const sealedPath = requireString(context, 'sealed');
    const sealed = await readSealedAssessment(sealedPath);
    const { digest } = sealed;
    const delegation = await unlockStatementKey(context, requireString(context, 'key'));
    if (delegation.member !== sealed.body.delegation) throw usageError(`sealed assessment ${sealedPath}: belongs to ${sealed.body.delegation}, but the key is ${delegation.member}'s`);
    const supersedes = optionalString(context, 'supersedes') as ObjectId | undefined;
    const assessment = await signNextStatement<AssessmentPayload>(delegation, (log) => ({
      kind: 'assessment',
      ...log,
      body: sealed.body,
      ...(supersedes === undefined ? {} : { supersedes }),
    }));
    await writePackFile(out, 'sync', [{ kind: 'assessment', bytes: assessment.bytes }]);
    report(context, { assessment: assessment.id, commitment: sealed.commitment, digest, out }, () => [
      `assessment ${assessment.id} by ${delegation.member}: ${sealed.body.finding}, attribution ${sealed.body.attribution}, confidence ${sealed.body.confidence}%`,
      `  matches commitment ${sealed.commitment.slice(0, 8)}… (digest ${digest.slice(0, 8)}…); body bytes ${canonicalize(sealed.body).length}`,
    ]);
    return EXIT.ok;
  },
};
