import { ready } from '../../../shared/crypto/sodium';
import { InvalidObjectError, mergeRosterSignatures, signRoster } from '../../../shared/objects/sign-object';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { describeKey } from '../../../shared/objects/issues';
import type { MemberKey, ObjectId, RosterMember, RosterPayload, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import { indexRoster } from '../../../shared/roster/roster-index';
import { rosterApproval } from '../../../shared/roster/roster-signatures';
import { describeRoster, verifyRosterChain } from '../../../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../../crypto/node-sha256';
import { EXIT, usageError, verificationError } from '../cli-error';
import type { Command, CommandContext } from '../command';
import { optionalString, readInput, readJsonInput, report, requireString, stringList, writeOutput } from '../io';
import { FORCE_HELP, FORCE_OPTION, outputFile } from '../output-path';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS } from '../passphrase';
import { loadSigningKey, nowTimestamp, type LoadedKey } from '../signing';
import { AT_HELP, AT_OPTION, readRosterFile, verificationTime } from '../trust';
import type { PublicKeyFile } from './keygen';

/** What an operator writes by hand; the CLI adds version, prev, keys and hashes. */
interface RosterTemplate {
  readonly commission: string;
  readonly issued?: string;
  readonly expires: string;
  readonly updateThreshold: number;
  readonly rule: RosterPayload['rule'];
  readonly members: readonly (Omit<RosterMember, 'keys'> & { readonly keys?: readonly MemberKey[] })[];
  /** The SHA-256 of the agreed ceasefire-line file, or `lineGeometryFile` to hash one. */
  readonly lineGeometry?: string;
  readonly lineGeometryFile?: string;
}

const SIGNING_OPTIONS = {
  template: { type: 'string' },
  'public-key': { type: 'string', multiple: true },
  key: { type: 'string', multiple: true },
  out: { type: 'string' },
  ...FORCE_OPTION,
  ...PASSPHRASE_OPTIONS,
} as const;

const SIGNING_HELP = {
  template: 'roster template JSON: commission, expires, updateThreshold, rule, members (id, name, role, weight), lineGeometry or lineGeometryFile',
  'public-key': "a member's public key file from `keygen` (repeat for every key)",
  key: 'secret key file of a member who signs this roster (repeat; all share the passphrase — others add theirs with `roster sign`)',
  out: 'roster file to write (the canonical signed envelope; its SHA-256 is its id)',
  ...FORCE_HELP,
  ...PASSPHRASE_HELP,
};

async function payloadFromTemplate(context: CommandContext, version: number, prev: ObjectId | null): Promise<RosterPayload> {
  const template = (await readJsonInput(requireString(context, 'template'), 'roster template')) as RosterTemplate;
  if (typeof template !== 'object' || template === null || !Array.isArray(template.members)) throw usageError('roster template: needs a "members" array');
  const keys = new Map<string, MemberKey[]>();
  for (const path of stringList(context, 'public-key')) {
    const file = (await readJsonInput(path, 'public key file')) as PublicKeyFile;
    if (typeof file.member !== 'string') throw usageError(`public key file ${path}: no "member"`);
    keys.set(file.member, [...(keys.get(file.member) ?? []), { keyid: file.keyid as MemberKey['keyid'], publicKey: file.publicKey }]);
  }
  const members = template.members.map((member) => ({ ...member, keys: [...(member.keys ?? []), ...(keys.get(member.id) ?? [])] }));
  const known = new Set(members.map((m) => m.id as string));
  for (const member of keys.keys()) if (!known.has(member)) throw usageError(`--public-key for ${member}, who is not a member in the template`);
  let lineGeometry = template.lineGeometry;
  if (template.lineGeometryFile !== undefined) {
    const { createHash } = await import('node:crypto');
    lineGeometry = createHash('sha256')
      .update(await readInput(template.lineGeometryFile, 'line geometry file'))
      .digest('hex');
  }
  return {
    kind: 'roster',
    commission: template.commission,
    version,
    prev,
    issued: (template.issued ?? nowTimestamp()) as Timestamp,
    expires: template.expires as Timestamp,
    members: members as RosterMember[],
    rule: template.rule,
    updateThreshold: template.updateThreshold,
    lineGeometry: lineGeometry as Sha256Hex,
  };
}

/** The roster whose members approve `roster`: the previous one, or for a genesis roster the roster itself. */
type Approver = { readonly roster: SignedObject<'roster'>; readonly label: string } | 'itself';

/** Refuses a signer whose key the approving roster does not list: verifiers would count its signature for nothing. */
function requireListedSigners(roster: SignedObject<'roster'>, approver: Approver, signers: readonly LoadedKey[]): void {
  const approving = approver === 'itself' ? roster : approver.roster;
  const approval = rosterApproval(roster, indexRoster(approving.payload));
  for (const signer of signers) {
    if (approval.checks.some((check) => check.keyid === signer.key.keyid && check.status === 'unknown-key')) {
      const where = approver === 'itself' ? `this genesis roster (which approves itself)` : approver.label;
      throw usageError(`--key ${signer.file}: ${describeKey(signer.key.keyid)} of ${signer.member} is not listed in ${where}; its signature would count for nothing`);
    }
  }
}

async function signAndWrite(context: CommandContext, payload: RosterPayload, approver: Approver, out: string): Promise<SignedObject<'roster'>> {
  const keyFiles = stringList(context, 'key');
  if (keyFiles.length === 0) throw usageError('give at least one --key to sign the roster');
  const signers: LoadedKey[] = [];
  for (const file of keyFiles) signers.push(await loadSigningKey(context, file));
  await ready();
  let roster: SignedObject<'roster'>;
  try {
    roster = await signRoster(
      payload,
      signers.map((signer) => signer.key),
      nodeSha256,
    );
  } catch (error) {
    if (error instanceof InvalidObjectError) throw usageError(error.message);
    throw error;
  }
  requireListedSigners(roster, approver, signers);
  await writeOutput(out, roster.bytes, 'roster file');
  return roster;
}

function previousLabel(previous: SignedObject<'roster'>): string {
  return `the previous ${describeRoster(previous)}`;
}

function printRoster(context: CommandContext, roster: SignedObject<'roster'>, out: string): void {
  report(context, { id: roster.id, version: roster.payload.version, prev: roster.payload.prev, signatures: roster.envelope.signatures.length, out }, () => [
    `${describeRoster(roster)} (${roster.payload.members.length} members, ${roster.envelope.signatures.length} signatures) written to ${out}`,
    `  id ${roster.id}`,
  ]);
}

export const rosterCreateCommand: Command = {
  path: ['roster', 'create'],
  summary: 'create and sign the genesis roster (version 1) of a commission',
  usage: '--template FILE --public-key FILE… --key KEYFILE… --out ROSTER',
  help: SIGNING_HELP,
  options: SIGNING_OPTIONS,
  run: async (context) => {
    const out = await outputFile(context);
    const roster = await signAndWrite(context, await payloadFromTemplate(context, 1, null), 'itself', out);
    printRoster(context, roster, out);
    return EXIT.ok;
  },
};

export const rosterUpdateCommand: Command = {
  path: ['roster', 'update'],
  summary: "create the next roster version, to be signed by the previous roster's update threshold",
  usage: '--previous ROSTER --template FILE --public-key FILE… --key KEYFILE… --out ROSTER',
  help: { previous: 'the roster this one replaces', ...SIGNING_HELP },
  options: { previous: { type: 'string' }, ...SIGNING_OPTIONS },
  run: async (context) => {
    const out = await outputFile(context);
    const previous = await readRosterFile(requireString(context, 'previous'), 'previous roster');
    const roster = await signAndWrite(context, await payloadFromTemplate(context, previous.payload.version + 1, previous.id), { roster: previous, label: previousLabel(previous) }, out);
    printRoster(context, roster, out);
    return EXIT.ok;
  },
};

/** For `roster sign`: the roster that approves `roster`, from --previous when it has a predecessor. */
async function approverOf(context: CommandContext, roster: SignedObject<'roster'>, path: string): Promise<Approver> {
  const previousPath = optionalString(context, 'previous');
  if (roster.payload.prev === null) {
    if (previousPath !== undefined) throw usageError(`${path}: is a genesis roster (version 1) with no previous roster; omit --previous`);
    return 'itself';
  }
  if (previousPath === undefined) throw usageError(`${path}: give --previous with the roster it follows (${roster.payload.prev}), whose members approve it`);
  const previous = await readRosterFile(previousPath, 'previous roster');
  if (previous.id !== roster.payload.prev) throw usageError(`--previous ${previousPath}: is ${describeRoster(previous)}, but ${path} follows ${roster.payload.prev}`);
  return { roster: previous, label: previousLabel(previous) };
}

export const rosterSignCommand: Command = {
  path: ['roster', 'sign'],
  summary: "add a member's signature to a roster (members sign offline, one after another)",
  usage: 'ROSTER [--previous ROSTER] --key KEYFILE --out ROSTER',
  help: {
    previous: 'the roster ROSTER follows (its prev), whose members approve it; not for a genesis roster, which its own members sign',
    key: 'secret key file of the signing member',
    out: 'roster file to write with the added signature',
    ...FORCE_HELP,
    ...PASSPHRASE_HELP,
  },
  options: { previous: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, ...FORCE_OPTION, ...PASSPHRASE_OPTIONS },
  run: async (context) => {
    const [path] = context.positionals;
    if (path === undefined) throw usageError('give the ROSTER file to sign');
    const out = await outputFile(context);
    const roster = await readRosterFile(path);
    const approver = await approverOf(context, roster, path);
    const signer = await loadSigningKey(context, requireString(context, 'key'));
    const signedCopy = await signRoster(roster.payload, [signer.key], nodeSha256);
    requireListedSigners(signedCopy, approver, [signer]);
    const merged = await mergeRosterSignatures([roster, signedCopy], nodeSha256);
    await writeOutput(out, merged.bytes, 'roster file');
    printRoster(context, merged, out);
    return EXIT.ok;
  },
};

/** Signatures that did not count are reported, but the roster may still meet its threshold. */
const SIGNATURE_NOTES: ReadonlySet<string> = new Set(['unknown-key', 'bad-signature', 'duplicate-signature', 'roster-expired']);

export const rosterVerifyCommand: Command = {
  path: ['roster', 'verify'],
  summary: 'verify a roster chain from a trusted roster to the newest one given',
  usage: '--trusted ROSTER [ROSTER…]',
  help: { trusted: 'the roster you trust (the genesis roster, or one you verified before)', ...AT_HELP },
  options: { trusted: { type: 'string' }, ...AT_OPTION },
  run: async (context) => {
    await ready();
    const trusted = await readInput(requireString(context, 'trusted'), 'trusted roster');
    const candidates = await Promise.all(context.positionals.map((p) => readInput(p, 'roster')));
    const result = await verifyRosterChain({
      trusted: new Uint8Array(trusted),
      candidates: candidates.map((c) => new Uint8Array(c)),
      now: verificationTime(context).ms,
      sha256: nodeSha256,
    });
    if (!result.ok) throw verificationError(`trusted roster: ${result.error.message}`);
    const chain = result.value;
    const refused = chain.issues.some((issue) => !SIGNATURE_NOTES.has(issue.code));
    report(
      context,
      {
        status: chain.status,
        current: { id: chain.current.id, version: chain.current.version, expires: chain.current.payload.expires },
        ancestors: chain.ancestors.map((r) => ({ id: r.id, version: r.version, aliases: r.aliases })),
        rosters: chain.rosters.map((r) => ({ id: r.id, version: r.version, approvedBy: r.approvedBy })),
        issues: chain.issues,
      },
      () => [
        ...chain.ancestors.map((r) => `ok  roster v${r.version} ${r.id} (an ancestor of the pinned roster, through prev)`),
        ...chain.rosters.map((r) => `ok  roster v${r.version} ${r.id}${r.approvedBy.length > 0 ? ` approved by ${r.approvedBy.join(', ')}` : ' (pinned)'}`),
        ...chain.issues.map((issue) => `--  ${issue.message}`),
        `current: roster v${chain.current.version}, ${chain.status === 'expired' ? `EXPIRED on ${chain.current.payload.expires}` : `valid until ${chain.current.payload.expires}`}`,
      ],
    );
    return refused ? EXIT.verificationFailed : EXIT.ok;
  },
};
