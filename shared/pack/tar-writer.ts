import type { ByteChunks } from './byte-source';
import { PackError, printableName } from './pack-error';
import { BLOCK_SIZE, encodeUstarHeader } from './ustar-header';
import { paddedSize } from './tar-reader';

export interface TarEntrySource {
  readonly name: string;
  readonly size: number;
  readonly content: Uint8Array | ByteChunks;
}

/**
 * Streams a ustar archive of regular files: each header, the content chunks as given (not
 * copied), zero padding to the block size, then two zero blocks. No record padding is added.
 */
export async function* writeTar(entries: AsyncIterable<TarEntrySource> | Iterable<TarEntrySource>): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const entry of entries) {
    yield encodeUstarHeader(entry);
    let written = 0;
    for await (const chunk of entry.content instanceof Uint8Array ? [entry.content] : entry.content) {
      written += chunk.length;
      if (written > entry.size) throw sizeMismatch(entry, 'more');
      if (chunk.length > 0) yield chunk;
    }
    if (written < entry.size) throw sizeMismatch(entry, 'fewer');
    const padding = paddedSize(entry.size) - entry.size;
    if (padding > 0) yield new Uint8Array(padding);
  }
  yield new Uint8Array(2 * BLOCK_SIZE);
}

function sizeMismatch(entry: TarEntrySource, direction: 'more' | 'fewer'): PackError {
  return new PackError('content-size-mismatch', `entry ${printableName(entry.name)}: the content has ${direction} than the declared ${entry.size} bytes`);
}
