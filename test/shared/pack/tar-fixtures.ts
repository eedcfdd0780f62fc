import { createHash } from 'node:crypto';

/** Test-only construction of raw tar bytes, independent of the writer under test. */
export interface CraftedHeader {
  readonly name: string;
  readonly size: number;
  readonly typeflag?: string;
  /** 8 bytes spanning magic and version; ustar "ustar\0" + "00" by default. */
  readonly magicAndVersion?: string;
  readonly prefix?: string;
  readonly linkname?: string;
  /** Raw 12-byte size field, overriding `size` in the header only. */
  readonly rawSizeField?: Uint8Array;
  readonly checksumDelta?: number;
}

export function craftHeader(header: CraftedHeader): Uint8Array {
  const block = new Uint8Array(512);
  const put = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
  };
  put(0, header.name);
  put(100, '0000644\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  if (header.rawSizeField) block.set(header.rawSizeField, 124);
  else put(124, `${header.size.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0');
  put(156, header.typeflag ?? '0');
  put(157, header.linkname ?? '');
  put(257, header.magicAndVersion ?? 'ustar\x0000');
  put(345, header.prefix ?? '');
  put(148, '        ');
  let sum = 0;
  for (const byte of block) sum += byte;
  sum += header.checksumDelta ?? 0;
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

export interface CraftedEntry extends CraftedHeader {
  readonly content: Uint8Array;
}

export function craftTar(entries: readonly CraftedEntry[], options: { readonly endBlocks?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(craftHeader(entry), entry.content, new Uint8Array((512 - (entry.content.length % 512)) % 512));
  }
  parts.push(new Uint8Array(512 * (options.endBlocks ?? 2)));
  return concatBytes(parts);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

export async function collectBytes(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk.slice());
  return concatBytes(parts);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Splits bytes into consecutive chunks of the given sizes, cycling through them. */
export function* rechunk(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
