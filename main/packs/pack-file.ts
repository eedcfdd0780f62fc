import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { buildPackIndex, type PackIndex, type PackIndexObject, type PackKind, type PackObjectKind } from '../../shared/pack/pack-index';
import { readPack, type PackLimits } from '../../shared/pack/pack-reader';
import { packObjectFromBytes, writePack, type PackObjectSource } from '../../shared/pack/pack-writer';
import { PackError } from '../../shared/pack/pack-error';
import { createNodeSha256 } from '../crypto/node-incremental-sha256';

/** Signed objects are small; anything larger than this in a pack is treated as a chunk or refused. */
const MAX_SIGNED_OBJECT_BYTES = 1 << 20;

export interface PackProblem {
  readonly id: string;
  readonly message: string;
}

export interface LoadedPack {
  readonly path: string;
  readonly index: PackIndex;
  /** Signed objects' bytes, verified against their names; `kind` is undefined for an object file that does not decode. */
  readonly objects: ReadonlyMap<string, { readonly kind: PackObjectKind | undefined; readonly bytes: Uint8Array }>;
  /** Chunks verified against their names (content streamed and dropped, never held). */
  readonly chunks: readonly { readonly id: string; readonly size: number }[];
  readonly problems: readonly PackProblem[];
}

export class PackFileError extends Error {
  override readonly name = 'PackFileError';
}

export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

/**
 * Reads a pack file, keeping signed objects in memory and streaming chunks through SHA-256 only.
 * A malformed archive throws a PackFileError naming the file; a bad object is a problem in the result.
 */
export async function loadPackFile(path: string, limits?: Partial<PackLimits>): Promise<LoadedPack> {
  const objects = new Map<string, { kind: PackObjectKind; bytes: Uint8Array }>();
  const chunks: { id: string; size: number }[] = [];
  const problems: PackProblem[] = [];
  const pending = new Map<string, { kind: PackObjectKind; bytes?: Uint8Array; size: number }>();
  let index: PackIndex | undefined;
  try {
    for await (const item of readPack(fileChunks(path), { sha256: createNodeSha256, ...(limits ? { limits } : {}) })) {
      switch (item.type) {
        case 'index':
          index = item.index;
          break;
        case 'object': {
          if (item.kind === undefined) break;
          const keep = item.kind !== 'chunk' && item.size <= MAX_SIGNED_OBJECT_BYTES;
          const parts: Uint8Array[] = [];
          for await (const part of item.content) if (keep) parts.push(part.slice());
          pending.set(item.id, { kind: item.kind, size: item.size, ...(keep ? { bytes: Buffer.concat(parts) } : {}) });
          break;
        }
        case 'verified': {
          const held = pending.get(item.object.id);
          pending.delete(item.object.id);
          if (!held) break;
          if (held.kind === 'chunk') chunks.push({ id: item.object.id, size: held.size });
          else if (held.bytes) objects.set(item.object.id, { kind: held.kind, bytes: held.bytes });
          else problems.push({ id: item.object.id, message: `${held.kind} ${item.object.id.slice(0, 8)}…: ${held.size} bytes is too large for a signed object` });
          break;
        }
        case 'rejected':
          pending.delete(item.id);
          problems.push({ id: item.id, message: item.message });
          break;
        default: {
          const unreachable: never = item;
          throw new Error(`unexpected pack item ${String(unreachable)}`);
        }
      }
    }
  } catch (error) {
    if (error instanceof PackError) throw new PackFileError(`${path}: ${error.message}`);
    throw error;
  }
  if (!index) throw new PackFileError(`${path}: not a pack (no index)`);
  return { path, index, objects, chunks, problems };
}

/**
 * A single signed object saved as its own file (as `roster create` writes one) read as a pack of
 * one, so rosters and packs can be given side by side. Its id is the SHA-256 of the file.
 */
export async function loadObjectFile(path: string, kind: PackObjectKind | undefined, bytes: Uint8Array): Promise<LoadedPack> {
  const hash = createNodeSha256();
  hash.update(bytes);
  const id = Buffer.from(hash.digest()).toString('hex');
  // An object that does not decode still goes to verification, which reports why, object by object.
  const listed = kind === undefined ? [] : [{ id: id as PackIndexObject['id'], kind, size: bytes.length }];
  return { path, index: buildPackIndex('sync', listed), objects: new Map([[id, { kind, bytes }]]), chunks: [], problems: [] };
}

/** An object to put into a pack: bytes in memory, or a file streamed when the pack is written. */
export type PackInput =
  | { readonly kind: PackObjectKind; readonly bytes: Uint8Array }
  | { readonly kind: 'chunk'; readonly id: string; readonly size: number; readonly file: string };

/** Writes a pack atomically: a temporary file renamed into place once complete. */
export async function writePackFile(path: string, kind: PackKind, inputs: readonly PackInput[]): Promise<{ objects: number; bytes: number }> {
  const sources: PackObjectSource[] = inputs.map((input) =>
    'bytes' in input
      ? packObjectFromBytes(input.kind, input.bytes, createNodeSha256)
      : { id: input.id as PackObjectSource['id'], kind: 'chunk', size: input.size, open: () => fileChunks(input.file) },
  );
  return writePackSources(path, kind, [...new Map(sources.map((s) => [s.id, s])).values()]);
}

/** Streams a pack of the given sources to `path` atomically: a temporary file renamed into place once complete. */
export async function writePackSources(path: string, kind: PackKind, sources: readonly PackObjectSource[]): Promise<{ objects: number; bytes: number }> {
  const temp = `${path}.partial`;
  let bytes = 0;
  async function* counted() {
    for await (const chunk of writePack(kind, sources, { verifyWith: createNodeSha256 })) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(counted()), createWriteStream(temp));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { objects: sources.length, bytes };
}
