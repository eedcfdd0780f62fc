import { ready } from '../../../shared/crypto/sodium';
import { generateSigningKey, memberKeyOf } from '../../../shared/crypto/signing-key';
import { nodeSha256 } from '../../crypto/node-sha256';
import { sealSecretKey, type KdfStrength } from '../../keys/key-file';
import { EXIT, usageError } from '../cli-error';
import type { Command } from '../command';
import { optionalString, report, requireString, writeOutput } from '../io';
import { FORCE_OPTION, newSecretFile, outputFile } from '../output-path';
import { PASSPHRASE_HELP, PASSPHRASE_OPTIONS, readPassphrase } from '../passphrase';

const MEMBER_ID = /^[A-Z0-9_-]{1,32}$/;
const STRENGTHS: readonly KdfStrength[] = ['interactive', 'moderate', 'sensitive'];

/** The public half of a device key, as rosters list it. */
export interface PublicKeyFile {
  readonly member: string;
  readonly keyid: string;
  readonly publicKey: string;
}

export const keygenCommand: Command = {
  path: ['keygen'],
  summary: "generate a member's Ed25519 device key, sealed with a passphrase (Argon2id + XSalsa20-Poly1305)",
  usage: '--member ID --out KEYFILE [--public-out FILE] [--kdf interactive|moderate|sensitive]',
  help: {
    member: 'the member id the key belongs to, e.g. FRA',
    out: 'secret key file to create (never overwritten; mode 0600)',
    'public-out': 'public key file to write (default: KEYFILE.pub.json)',
    kdf: 'Argon2id cost: interactive (fast, tests), moderate (default), sensitive',
    force: 'overwrite the public key file if it exists (the secret key file never is)',
    ...PASSPHRASE_HELP,
  },
  options: { member: { type: 'string' }, out: { type: 'string' }, 'public-out': { type: 'string' }, kdf: { type: 'string' }, ...FORCE_OPTION, ...PASSPHRASE_OPTIONS },
  run: async (context) => {
    const member = requireString(context, 'member');
    if (!MEMBER_ID.test(member)) throw usageError(`--member "${member}": must be 1–32 of A–Z, 0–9, _ and -`);
    const out = await newSecretFile(context, 'out');
    const publicOut = await outputFile(context, 'public-out', optionalString(context, 'public-out') ?? `${out}.pub.json`);
    const strength = (optionalString(context, 'kdf') ?? 'moderate') as KdfStrength;
    if (!STRENGTHS.includes(strength)) throw usageError(`--kdf "${strength}": must be one of ${STRENGTHS.join(', ')}`);
    const passphrase = await readPassphrase(context);

    await ready();
    const key = await generateSigningKey(nodeSha256);
    const sealed = await sealSecretKey(key.secretKey, { member, keyid: key.keyid, passphrase, strength });
    const publicFile: PublicKeyFile = { member, ...memberKeyOf(key) };
    await writeOutput(out, `${JSON.stringify(sealed, null, 2)}\n`, 'secret key file', { exclusive: true });
    await writeOutput(publicOut, `${JSON.stringify(publicFile, null, 2)}\n`, 'public key file');
    report(context, { ...publicFile, secretKeyFile: out, publicKeyFile: publicOut }, () => [`key ${key.keyid} for ${member}`, `  secret key (sealed): ${out}`, `  public key:          ${publicOut}`]);
    return EXIT.ok;
  },
};
