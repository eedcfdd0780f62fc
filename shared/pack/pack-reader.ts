import type { Sha256Hex } from '../objects/types';
import type { ByteChunks } from './byte-source';
import { toHex } from '../encoding/hex';
import type { Sha256Factory } from './incremental-sha256';
import { PackError, printableName } from './pack-error';
import { DEFAULT_MAX_INDEX_BYTES, isSha256Hex, PACK_INDEX_NAME, parsePackIndex, type PackIndex, type PackIndexObject, type PackObjectKind } from './pack-index';
import { DEFAULT_TAR_LIMITS, readTar, type TarEntry, type TarLimits } from './tar-reader';

export interface PackLimits extends TarLimits {
  /** The index is parsed in memory, so it has a bound of its own. */
  readonly maxIndexBytes: number;
}

export const DEFAULT_PACK_LIMITS: PackLimits = { ...DEFAULT_TAR_LIMITS, maxIndexBytes: DEFAULT_MAX_INDEX_BYTES };

export interface ReadPackOptions {
  readonly sha256: Sha256Factory;
  readonly limits?: Partial<PackLimits>;
}

/** Why one object of a pack is not accepted; the rest of the pack is still read. */
export type PackObjectProblemCode =
  /** The content does not hash to the entry's name. */
  | 'digest-mismatch'
  /** The same name appears twice; the later entries are rejected. */
  | 'duplicate-object'
  /** The entry is not listed in the index. */
  | 'unlisted-object'
  /** The entry's size differs from the size the index lists. */
  | 'size-mismatch'
  /** The index lists an object that the pack does not hold. */
  | 'missing-object';

export type PackItem =
  /** Always the first item. */
  | { readonly type: 'index'; readonly index: PackIndex }
  /**
   * An object's content, streamed. Its verdict ('verified' or 'rejected', same id) follows as the
   * next item, once the content has been read or skipped. `kind` is undefined for an unlisted object.
   */
  | {
      readonly type: 'object';
      readonly id: Sha256Hex;
      readonly kind: PackObjectKind | undefined;
      readonly size: number;
      readonly content: AsyncIterable<Uint8Array>;
    }
  | { readonly type: 'verified'; readonly object: PackIndexObject }
  | { readonly type: 'rejected'; readonly id: Sha256Hex; readonly code: PackObjectProblemCode; readonly message: string };

/**
 * Streams a pack and checks every object against its name with the caller's SHA-256. A bad object
 * is a 'rejected' item and reading goes on; a malformed archive or index throws a PackError.
 * The whole pack is never held in memory: only the index and the set of names seen so far.
 */
export async function* readPack(chunks: ByteChunks, options: ReadPackOptions): AsyncGenerator<PackItem, void, undefined> {
  const limits: PackLimits = { ...DEFAULT_PACK_LIMITS, ...options.limits };
  const entries = readTar(chunks, limits);
  const first = await entries.next();
  if (first.done) throw new PackError('missing-index', `the pack has no entries; the first must be ${PACK_INDEX_NAME}`);
  const index = await readIndex(first.value, limits);
  yield { type: 'index', index };

  const listed = new Map(index.objects.map((object) => [object.id, object]));
  const seen = new Set<string>();
  for await (const entry of entries) {
    const { name, size } = entry.header;
    const where = `entry ${entry.position} at byte ${entry.offset}`;
    if (name === PACK_INDEX_NAME) throw new PackError('misplaced-index', `${where}: ${PACK_INDEX_NAME} appears again; it must be only the first entry`);
    if (!isSha256Hex(name)) {
      throw new PackError('bad-name', `${where} (${printableName(name)}): names are 64 lowercase hex characters (the SHA-256 of the content) or ${PACK_INDEX_NAME}`);
    }
    const listedObject = listed.get(name);
    const hash = options.sha256();
    entry.content.observe((chunk) => hash.update(chunk));
    // Only the iteration is handed out: the observer that hashes must stay the reader's own.
    const content: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => entry.content[Symbol.asyncIterator]() };
    yield { type: 'object', id: name, kind: listedObject?.kind, size, content };
    await entry.content.skipRest();

    const actual = toHex(hash.digest());
    const problem =
      actual !== name
        ? { code: 'digest-mismatch' as const, message: `object ${name}: its content hashes to ${actual}` }
        : seen.has(name)
          ? { code: 'duplicate-object' as const, message: `object ${name}: appears more than once (again at ${where})` }
          : listedObject === undefined
            ? { code: 'unlisted-object' as const, message: `object ${name}: not listed in ${PACK_INDEX_NAME}` }
            : listedObject.size !== size
              ? { code: 'size-mismatch' as const, message: `object ${name}: ${size} bytes, but ${PACK_INDEX_NAME} lists ${listedObject.size}` }
              : undefined;
    seen.add(name);
    yield problem ? { type: 'rejected', id: name, ...problem } : { type: 'verified', object: listedObject! };
  }
  for (const object of index.objects) {
    if (!seen.has(object.id)) {
      yield { type: 'rejected', id: object.id, code: 'missing-object', message: `object ${object.id}: listed in ${PACK_INDEX_NAME} (${object.kind}) but not in the pack` };
    }
  }
}

async function readIndex(entry: TarEntry, limits: PackLimits): Promise<PackIndex> {
  const { name, size } = entry.header;
  if (name !== PACK_INDEX_NAME) {
    throw new PackError('missing-index', `the first entry is ${printableName(name)}; a pack starts with ${PACK_INDEX_NAME}`);
  }
  if (size > limits.maxIndexBytes) {
    throw new PackError('index-too-large', `${PACK_INDEX_NAME} has ${size} bytes, over the limit of ${limits.maxIndexBytes}`);
  }
  const bytes = new Uint8Array(size);
  let filled = 0;
  for await (const chunk of entry.content) {
    bytes.set(chunk, filled);
    filled += chunk.length;
  }
  return parsePackIndex(bytes, limits.maxIndexBytes);
}
