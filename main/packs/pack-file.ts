import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { buildPackIndex, type PackIndex, type PackIndexObject, type PackKind, type PackObjectKind } from '../../shared/pack/pack-index';
import { readPack, type PackLimits, type PackObjectProblemCode } from '../../shared/pack/pack-reader';
import { packObjectFromBytes, writePack, type PackObjectSource } from '../../shared/pack/pack-writer';
import { PackError } from '../../shared/pack/pack-error';
import { classifyPackEntry, MAX_SIGNED_OBJECT_BYTES, mayBeSignedObject, type EntryKindProblemCode } from '../../shared/pack/entry-kind';
import { CHUNK_TAIL_BYTES, checkChunkAsEvidence, checkChunkFooterAsEvidence, MAX_FULLY_CHECKED_CHUNK_BYTES, type EvidenceChecks } from '../../shared/evidence/evidence-chunk-check';
import type { ObjectKind } from '../../shared/objects/types';
import { createNodeSha256 } from '../crypto/node-incremental-sha256';
import { nodeSha256 } from '../crypto/node-sha256';

export interface PackProblem {
  readonly id: string;
  readonly code: PackObjectProblemCode | EntryKindProblemCode;
  readonly message: string;
}

export interface LoadedChunk {
  readonly id: string;
  readonly size: number;
  /** What the chunk is worth as detections or tracks evidence, checked while its bytes streamed by. */
  readonly evidence: EvidenceChecks;
}

export interface LoadedPack {
  readonly path: string;
  /** The unsigned table of contents: never the source of an object's kind. */
  readonly index: PackIndex;
  /**
   * Signed objects' bytes, verified against their names. `kind` is the one their signed bytes give
   * (never the index's); undefined for an object listed as signed that does not decode.
   */
  readonly objects: ReadonlyMap<string, { readonly kind: ObjectKind | undefined; readonly bytes: Uint8Array }>;
  /** Chunks verified against their names (content streamed and dropped, never held). */
  readonly chunks: readonly LoadedChunk[];
  readonly problems: readonly PackProblem[];
}

export class PackFileError extends Error {
  override readonly name = 'PackFileError';
}

export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}

/** Bytes kept from the start of a chunk too large to hold: enough for the Arrow magic. */
const HEAD_BYTES = 64;

/**
 * An entry's content as it streams: whole up to a bound (never below a signed object's), otherwise only its
 * first and last bytes (the Arrow footer that holds the schema), so a huge chunk is never held.
 */
class HeldContent {
  private readonly whole: Uint8Array | undefined;
  private readonly head: Uint8Array | undefined;
  private readonly tail: Uint8Array | undefined;
  private filled = 0;

  constructor(
    readonly size: number,
    maxWholeBytes: number,
  ) {
    const holdWhole = size <= maxWholeBytes;
    this.whole = holdWhole ? new Uint8Array(size) : undefined;
    this.head = holdWhole ? undefined : new Uint8Array(HEAD_BYTES);
    this.tail = holdWhole ? undefined : new Uint8Array(Math.min(CHUNK_TAIL_BYTES, size));
  }

  add(piece: Uint8Array): void {
    const start = this.filled;
    this.filled += piece.length;
    if (this.whole) {
      if (this.filled <= this.size) this.whole.set(piece, start);
      return;
    }
    if (start < HEAD_BYTES) this.head!.set(piece.subarray(0, HEAD_BYTES - start), start);
    const tailStart = this.size - this.tail!.length;
    if (this.filled > tailStart && this.filled <= this.size) {
      const from = Math.max(tailStart, start);
      this.tail!.set(piece.subarray(from - start), from - tailStart);
    }
  }

  /** The whole content, when it was held and is complete. */
  get bytes(): Uint8Array | undefined {
    return this.filled === this.size ? this.whole : undefined;
  }

  evidenceChecks(): EvidenceChecks {
    return this.whole ? checkChunkAsEvidence(this.whole) : checkChunkFooterAsEvidence(this.head!, this.tail!, this.size);
  }
}

/**
 * Reads a pack file, keeping signed objects in memory and streaming chunks through SHA-256 and the
 * evidence schema checks. An entry's kind comes from its bytes (shared/pack/entry-kind.ts); an index
 * that says otherwise is a problem. Chunks up to `maxDecodedChunkBytes` are decoded whole for the
 * evidence checks, larger ones only have their schema checked. A malformed archive throws a
 * PackFileError naming the file; a bad object is a problem in the result.
 */
export async function loadPackFile(path: string, limits?: Partial<PackLimits>, maxDecodedChunkBytes = MAX_FULLY_CHECKED_CHUNK_BYTES): Promise<LoadedPack> {
  return loadPack(path, fileChunks(path), limits, maxDecodedChunkBytes);
}

/** Reads a pack from any byte stream as loadPackFile does; `path` only names it in messages. */
export async function loadPack(path: string, source: AsyncIterable<Uint8Array>, limits?: Partial<PackLimits>, maxDecodedChunkBytes = MAX_FULLY_CHECKED_CHUNK_BYTES): Promise<LoadedPack> {
  const objects = new Map<string, { kind: ObjectKind | undefined; bytes: Uint8Array }>();
  const chunks: LoadedChunk[] = [];
  const problems: PackProblem[] = [];
  let pending: { id: string; listed: PackObjectKind; content: HeldContent } | undefined;
  let index: PackIndex | undefined;
  try {
    for await (const item of readPack(source, { sha256: createNodeSha256, ...(limits ? { limits } : {}) })) {
      switch (item.type) {
        case 'index':
          index = item.index;
          break;
        case 'object': {
          pending = undefined;
          // An unlisted entry is rejected by the reader: its content is skipped.
          if (item.kind === undefined) break;
          const content = new HeldContent(item.size, Math.max(maxDecodedChunkBytes, MAX_SIGNED_OBJECT_BYTES));
          for await (const part of item.content) content.add(part);
          pending = { id: item.id, listed: item.kind, content };
          break;
        }
        case 'verified': {
          const held = pending?.id === item.object.id ? pending : undefined;
          pending = undefined;
          if (!held) break;
          const bytes = held.content.bytes;
          const entry = await classifyPackEntry({ id: held.id, listed: held.listed, size: held.content.size }, mayBeSignedObject(held.content.size) ? bytes : undefined, nodeSha256);
          if (entry.kind === 'chunk') chunks.push({ id: held.id, size: held.content.size, evidence: held.content.evidenceChecks() });
          else objects.set(held.id, { kind: entry.kind, bytes: bytes! });
          if ('mismatch' in entry && entry.mismatch) problems.push({ id: held.id, ...entry.mismatch });
          break;
        }
        case 'rejected':
          pending = undefined;
          problems.push({ id: item.id, code: item.code, message: item.message });
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
export async function loadObjectFile(path: string, kind: ObjectKind | undefined, bytes: Uint8Array): Promise<LoadedPack> {
  const hash = createNodeSha256();
  hash.update(bytes);
  const id = Buffer.from(hash.digest()).toString('hex');
  // An object that does not decode still goes to verification, which reports why, object by object.
  const listed = kind === undefined ? [] : [{ id: id as PackIndexObject['id'], kind, size: bytes.length }];
  return { path, index: buildPackIndex('sync', listed), objects: new Map([[id, { kind, bytes }]]), chunks: [], problems: [] };
}

/** An object to put into a pack: bytes in memory, or a file streamed when the pack is written. */
export type PackInput = { readonly kind: PackObjectKind; readonly bytes: Uint8Array } | { readonly kind: 'chunk'; readonly id: string; readonly size: number; readonly file: string };

/** Writes a pack atomically: a temporary file renamed into place once complete. */
export async function writePackFile(path: string, kind: PackKind, inputs: readonly PackInput[]): Promise<{ objects: number; bytes: number }> {
  const sources: PackObjectSource[] = inputs.map((input) =>
    'bytes' in input ? packObjectFromBytes(input.kind, input.bytes, createNodeSha256) : { id: input.id as PackObjectSource['id'], kind: 'chunk', size: input.size, open: () => fileChunks(input.file) },
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
