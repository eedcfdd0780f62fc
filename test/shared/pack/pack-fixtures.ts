import { createNodeSha256 } from '../../../main/crypto/node-incremental-sha256';
import type { ByteChunks } from '../../../shared/pack/byte-source';
import type { PackIndex } from '../../../shared/pack/pack-index';
import { readPack, type PackLimits, type PackObjectProblemCode } from '../../../shared/pack/pack-reader';
import { packObjectFromBytes, writePack, type PackObjectSource } from '../../../shared/pack/pack-writer';
import { collectBytes, concatBytes } from './tar-fixtures';

export interface PackReadout {
  readonly index: PackIndex | undefined;
  readonly verified: ReadonlyMap<string, Uint8Array>;
  readonly rejected: ReadonlyArray<{ readonly id: string; readonly code: PackObjectProblemCode }>;
  /** Every object item's content as streamed, verified or not. */
  readonly streamed: ReadonlyMap<string, Uint8Array>;
}

export async function readPackFully(chunks: ByteChunks, limits: Partial<PackLimits> = {}): Promise<PackReadout> {
  let index: PackIndex | undefined;
  const verified = new Map<string, Uint8Array>();
  const streamed = new Map<string, Uint8Array>();
  const rejected: Array<{ id: string; code: PackObjectProblemCode }> = [];
  for await (const item of readPack(chunks, { sha256: createNodeSha256, limits })) {
    switch (item.type) {
      case 'index':
        index = item.index;
        break;
      case 'object':
        streamed.set(item.id, await collectBytes(item.content));
        break;
      case 'verified':
        verified.set(item.object.id, streamed.get(item.object.id)!);
        break;
      case 'rejected':
        rejected.push({ id: item.id, code: item.code });
        break;
      default: {
        const unexpected: never = item;
        throw new Error(`unexpected item ${JSON.stringify(unexpected)}`);
      }
    }
  }
  return { index, verified, rejected, streamed };
}

export function objectsOf(contents: readonly Uint8Array[]): PackObjectSource[] {
  return contents.map((bytes) => packObjectFromBytes('chunk', bytes, createNodeSha256));
}

export async function packBytes(objects: readonly PackObjectSource[], kind: 'sync' | 'incident-bundle' | 'certificate' = 'sync'): Promise<Uint8Array> {
  return collectBytes(writePack(kind, objects, { verifyWith: createNodeSha256 }));
}

/** Deterministic pseudo-random bytes (xorshift32). */
export function seededBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export { concatBytes };
