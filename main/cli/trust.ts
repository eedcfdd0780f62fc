import { formatTimestamp, parseTimestamp } from '../../shared/objects/timestamp';
import { auditObjects, type Audit } from '../../shared/audit/audit-objects';
import { ready } from '../../shared/crypto/sodium';
import { decodeObject } from '../../shared/objects/decode-object';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { Timestamp } from '../../shared/objects/types';
import { nodeSha256 } from '../crypto/node-sha256';
import { loadObjectFile, loadPackFile, PackFileError, type LoadedPack } from '../packs/pack-file';
import { ioError, usageError, verificationError } from './cli-error';
import type { CommandContext } from './command';
import { optionalString, readInput, requireString } from './io';

/** Reads a single-object file (a roster as `roster create` writes it) and decodes it. */
export async function readRosterFile(path: string, what = 'roster'): Promise<SignedObject<'roster'>> {
  await ready();
  const bytes = await readInput(path, what);
  const decoded = await decodeObject(new Uint8Array(bytes), nodeSha256);
  if (!decoded.ok) throw verificationError(`${what} ${path}: ${decoded.error.message}`);
  if (decoded.value.kind !== 'roster') throw usageError(`${what} ${path}: is ${decoded.value.kind === 'incident' ? 'an' : 'a'} ${decoded.value.kind}, not a roster`);
  return decoded.value;
}

/** Packs, or single-object files (a roster file beside the packs); a file starting with "{" is an object. */
export async function loadPacks(paths: readonly string[]): Promise<LoadedPack[]> {
  if (paths.length === 0) throw usageError('give at least one PACK');
  await ready();
  const packs: LoadedPack[] = [];
  for (const path of paths) {
    try {
      const head = await readInput(path, 'pack');
      if (head[0] === 0x7b) {
        const decoded = await decodeObject(new Uint8Array(head), nodeSha256);
        packs.push(await loadObjectFile(path, decoded.ok ? decoded.value.kind : undefined, new Uint8Array(head)));
      } else {
        packs.push(await loadPackFile(path));
      }
    } catch (error) {
      if (error instanceof PackFileError) throw ioError(error.message);
      if ((error as NodeJS.ErrnoException).code) throw ioError(`${path}: ${(error as Error).message}`);
      throw error;
    }
  }
  return packs;
}

/** --at TIME, or now: the time verification and tallies are computed for. */
export function verificationTime(context: CommandContext): { ms: number; timestamp: Timestamp } {
  const at = optionalString(context, 'at');
  const ms = at === undefined ? Date.now() : parseTimestamp(at);
  if (ms === undefined) throw usageError(`--at "${at}": give an RFC 3339 UTC time such as 2026-11-22T19:00:00Z`);
  return { ms, timestamp: formatTimestamp(ms) };
}

export const AT_OPTION = { at: { type: 'string' } } as const;
export const AT_HELP = { at: 'verify and tally as of this RFC 3339 UTC time (default: now)' } as const;

/** Verifies everything the packs hold against the trusted roster (--roster). */
export async function auditPacks(context: CommandContext, packs: readonly LoadedPack[]): Promise<Audit> {
  const trusted = await readInput(requireString(context, 'roster'), 'trusted roster');
  await ready();
  const objects = packs.flatMap((pack) => [...pack.objects.values()].map((o) => o.bytes));
  const chunks = packs.flatMap((pack) => pack.chunks);
  // An incident bundle promises its incidents' evidence; certificates and sync packs may leave it out.
  const bundled = new Set(packs.filter((pack) => pack.index.kind === 'incident-bundle').flatMap((pack) => [...pack.objects.keys()]));
  const result = await auditObjects({ trustedRoster: new Uint8Array(trusted), objects, chunks, bundled, now: verificationTime(context).ms, sha256: nodeSha256 });
  if (!result.ok) throw verificationError(`trusted roster: ${result.error.message}`);
  return result.value;
}
