import type { Sha256Hex } from '../objects/types';
import type { ByteChunks } from './byte-source';
import { toHex } from '../encoding/hex';
import type { Sha256Factory } from './incremental-sha256';
import { PackError } from './pack-error';
import { buildPackIndex, encodePackIndex, PACK_INDEX_NAME, type PackIndexObject, type PackKind } from './pack-index';
import { writeTar, type TarEntrySource } from './tar-writer';

export interface PackObjectSource extends PackIndexObject {
  /** Opens the object's content; called once, when the writer reaches the object. */
  readonly open: () => Uint8Array | ByteChunks;
}

export interface WritePackOptions {
  /** When given, every object's content is hashed as it is written and must match its id. */
  readonly verifyWith?: Sha256Factory;
}

/**
 * Streams a pack: `index.json` first, then each object named by its id, in id order. The same
 * objects always give the same bytes (fixed mode, owner and mtime; no record padding).
 */
export function writePack(kind: PackKind, objects: readonly PackObjectSource[], options: WritePackOptions = {}): AsyncGenerator<Uint8Array, void, undefined> {
  const index = buildPackIndex(kind, objects);
  const sources = new Map(objects.map((object) => [object.id, object]));
  const indexBytes = encodePackIndex(index);
  function* entries(): Generator<TarEntrySource> {
    yield { name: PACK_INDEX_NAME, size: indexBytes.length, content: indexBytes };
    for (const listed of index.objects) {
      const source = sources.get(listed.id)!;
      const content = source.open();
      yield {
        name: listed.id,
        size: listed.size,
        content: options.verifyWith ? verified(listed.id, content, options.verifyWith) : content,
      };
    }
  }
  return writeTar(entries());
}

/** An in-memory object, its id computed from its bytes. */
export function packObjectFromBytes(kind: PackObjectSource['kind'], bytes: Uint8Array, sha256: Sha256Factory): PackObjectSource {
  const hash = sha256();
  hash.update(bytes);
  return { id: toHex(hash.digest()) as Sha256Hex, kind, size: bytes.length, open: () => bytes };
}

async function* verified(id: Sha256Hex, content: Uint8Array | ByteChunks, sha256: Sha256Factory): AsyncGenerator<Uint8Array, void, undefined> {
  const hash = sha256();
  for await (const chunk of content instanceof Uint8Array ? [content] : content) {
    hash.update(chunk);
    yield chunk;
  }
  const actual = toHex(hash.digest());
  if (actual !== id) throw new PackError('digest-mismatch', `object ${id}: its content hashes to ${actual}`);
}
