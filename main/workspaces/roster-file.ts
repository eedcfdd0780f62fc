import { ready } from '../../shared/crypto/sodium';
import { RefusedError } from '../../shared/ipc/errors';
import { decodeObject } from '../../shared/objects/decode-object';
import { shortHex } from '../../shared/objects/issues';
import type { SignedObject } from '../../shared/objects/signed-object';
import type { ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../crypto/node-sha256';
import { loadPack, PackFileError } from '../packs/pack-file';
import { withArticle } from '../../shared/pack/entry-kind';

/** A commission's roster as the secretariat hands it out: one roster file, or a pack holding the roster chain (and perhaps more). */
export interface RosterFile {
  /** The roster to pin: the genesis roster when the file holds it, else its oldest roster. */
  readonly anchor: { readonly id: ObjectId; readonly bytes: Uint8Array };
  readonly chain: RosterChain;
  /** The file is a pack (it goes through the store's import as it is); false for a single roster object. */
  readonly isPack: boolean;
  readonly otherObjects: number;
}

const OPEN_BRACE = 0x7b;

/**
 * Reads and verifies a roster file or pack: the chain from the roster it would pin must verify
 * (a genesis roster signed by its own update threshold, each later version by the previous one's).
 * Anything wrong is a RefusedError of one line naming what.
 */
export async function readRosterFile(bytes: Uint8Array, now: number): Promise<RosterFile> {
  await ready();
  const isPack = bytes[0] !== OPEN_BRACE;
  const { rosters, otherObjects } = isPack ? await rostersOfPack(bytes) : await rosterOfObject(bytes);
  if (rosters.length === 0) throw new RefusedError('the file holds no roster: ask the commission\u2019s secretariat for its roster file or a pack holding the roster');
  const oldest = rosters.reduce((a, b) => (b.payload.version < a.payload.version ? b : a));
  const anchors = rosters.filter((roster) => roster.payload.version === oldest.payload.version && roster.payload.commission === oldest.payload.commission);
  if (new Set(anchors.map((roster) => roster.envelope.payload)).size > 1) {
    throw new RefusedError(`the file holds ${anchors.length} different rosters of version ${oldest.payload.version}: it cannot tell which one the commission trusts`);
  }
  const anchor = [...anchors].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
  const anchorBytes = rosterBytes.get(anchor)!;
  const chain = await verifyRosterChain({ trusted: anchorBytes, candidates: rosters.filter((r) => r !== anchor).map((r) => rosterBytes.get(r)!), now, sha256: nodeSha256 });
  if (!chain.ok) throw new RefusedError(`roster ${shortHex(anchor.id)} is refused: ${chain.error.message}`);
  return { anchor: { id: anchor.id, bytes: anchorBytes }, chain: chain.value, isPack, otherObjects };
}

const rosterBytes = new WeakMap<SignedObject<'roster'>, Uint8Array>();

async function rosterOfObject(bytes: Uint8Array): Promise<{ rosters: SignedObject<'roster'>[]; otherObjects: number }> {
  const decoded = await decodeObject(bytes, nodeSha256);
  if (!decoded.ok) throw new RefusedError(`the file is not a roster: ${decoded.error.message}`);
  if (decoded.value.kind !== 'roster') throw new RefusedError(`the file is ${withArticle(decoded.value.kind)}, not a roster`);
  rosterBytes.set(decoded.value, bytes);
  return { rosters: [decoded.value], otherObjects: 0 };
}

async function rostersOfPack(bytes: Uint8Array): Promise<{ rosters: SignedObject<'roster'>[]; otherObjects: number }> {
  let pack;
  try {
    pack = await loadPack('the file', oneChunk(bytes));
  } catch (error) {
    if (error instanceof PackFileError) throw new RefusedError(`${error.message.replace(/^the file: /, 'the file is neither a roster nor a pack: ')}`);
    throw error;
  }
  const rosters: SignedObject<'roster'>[] = [];
  let otherObjects = pack.chunks.length;
  for (const { kind, bytes: objectBytes } of pack.objects.values()) {
    if (kind !== 'roster') {
      otherObjects += 1;
      continue;
    }
    const decoded = await decodeObject(objectBytes, nodeSha256);
    if (decoded.ok && decoded.value.kind === 'roster') {
      rosterBytes.set(decoded.value, objectBytes);
      rosters.push(decoded.value);
    }
  }
  return { rosters, otherObjects };
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
