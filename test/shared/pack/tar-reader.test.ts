import { describe, expect, it } from 'vitest';
import { PackError, type PackErrorCode } from '../../../shared/pack/pack-error';
import { readTar, type TarLimits } from '../../../shared/pack/tar-reader';
import { collectBytes, concatBytes, craftHeader, craftTar, rechunk, textBytes, type CraftedEntry } from './tar-fixtures';

interface ReadEntry {
  readonly name: string;
  readonly content: Uint8Array;
}

async function readAll(chunks: Iterable<Uint8Array>, limits: Partial<TarLimits> = {}): Promise<ReadEntry[]> {
  const entries: ReadEntry[] = [];
  for await (const entry of readTar(chunks, limits)) entries.push({ name: entry.header.name, content: await collectBytes(entry.content) });
  return entries;
}

async function countEntries(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let count = 0;
  for await (const _entry of readTar(chunks)) count++;
  return count;
}

async function failureOf(bytes: Uint8Array, limits: Partial<TarLimits> = {}): Promise<PackError> {
  try {
    await readAll([bytes], limits);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('the archive was accepted');
}

const hello: CraftedEntry = { name: 'hello.txt', size: 5, content: textBytes('hello') };
const block: CraftedEntry = { name: 'block.bin', size: 512, content: new Uint8Array(512).fill(7) };

describe('readTar', () => {
  it('reads regular ustar entries with their content', async () => {
    const entries = await readAll([craftTar([hello, block])]);
    expect(entries.map((entry) => entry.name)).toEqual(['hello.txt', 'block.bin']);
    expect(entries[0]!.content).toEqual(textBytes('hello'));
    expect(entries[1]!.content).toEqual(block.content);
  });

  it('reads the same entries from chunks of 1 byte and of odd sizes', async () => {
    const bytes = craftTar([hello, block]);
    for (const sizes of [[1], [3, 7, 511, 513], [1023]]) {
      const entries = await readAll(rechunk(bytes, sizes));
      expect(entries.map((entry) => [entry.name, entry.content.length])).toEqual([
        ['hello.txt', 5],
        ['block.bin', 512],
      ]);
    }
  });

  it('accepts zero-byte record padding after the end of the archive', async () => {
    const entries = await readAll([craftTar([hello], { endBlocks: 20 })]);
    expect(entries).toHaveLength(1);
  });

  it('skips the content of an entry the caller does not read', async () => {
    const names: string[] = [];
    for await (const entry of readTar([craftTar([block, hello])])) names.push(entry.header.name);
    expect(names).toEqual(['block.bin', 'hello.txt']);
  });

  it('shows an observer every content byte, read or skipped', async () => {
    const seen: number[] = [];
    for await (const entry of readTar(rechunk(craftTar([block, hello]), [100]))) {
      let observed = 0;
      entry.content.observe((chunk) => (observed += chunk.length));
      for await (const chunk of entry.content) if (chunk.length > 0) break;
      await entry.content.skipRest();
      seen.push(observed);
    }
    expect(seen).toEqual([512, 5]);
  });

  it('refuses an observer once reading has started', async () => {
    for await (const entry of readTar([craftTar([hello])])) {
      for await (const _chunk of entry.content) break;
      expect(() => entry.content.observe(() => undefined)).toThrow(/before the content is read/);
    }
  });

  it('lets the input go when the caller stops early and when the archive is refused', async () => {
    const closed: string[] = [];
    async function* source(label: string, bytes: Uint8Array): AsyncGenerator<Uint8Array> {
      try {
        yield* rechunk(bytes, [700]);
      } finally {
        closed.push(label);
      }
    }
    for await (const _entry of readTar(source('stopped', craftTar([hello, block])))) break;
    await expect(countEntries(source('refused', craftTar([{ ...hello, checksumDelta: 1 }, block])))).rejects.toMatchObject({ code: 'bad-checksum' });
    expect(closed).toEqual(['stopped', 'refused']);
  });

  it('refuses to hand out content after moving to the next entry', async () => {
    const entries = readTar([craftTar([block, hello])]);
    const first = (await entries.next()).value!;
    await entries.next();
    await expect(collectBytes(first.content)).rejects.toThrow(/after the reader moved/);
  });

  const bytes = craftTar([hello, block]);
  const rejections: ReadonlyArray<readonly [string, () => Uint8Array, PackErrorCode, Partial<TarLimits>?]> = [
    ['an empty input', () => new Uint8Array(0), 'missing-end-of-archive'],
    ['a cut inside a header', () => bytes.subarray(0, 300), 'truncated'],
    ['a cut inside the first content', () => bytes.subarray(0, 512 + 3), 'truncated'],
    ['a cut inside padding', () => bytes.subarray(0, 600), 'truncated'],
    ['a cut inside the second header', () => bytes.subarray(0, 1024 + 100), 'truncated'],
    ['a cut inside the second content', () => bytes.subarray(0, 1536 + 100), 'truncated'],
    ['no end-of-archive blocks', () => bytes.subarray(0, bytes.length - 1024), 'missing-end-of-archive'],
    ['a single end-of-archive block', () => bytes.subarray(0, bytes.length - 512), 'missing-end-of-archive'],
    ['a cut inside the end-of-archive blocks', () => bytes.subarray(0, bytes.length - 100), 'truncated'],
    ['a lone zero block before an entry', () => concatBytes([new Uint8Array(512), craftTar([hello])]), 'missing-end-of-archive'],
    [
      'non-zero padding after content',
      () => {
        const padded = craftTar([hello]);
        padded[512 + 5 + 10] = 1;
        return padded;
      },
      'bad-padding',
    ],
    ['data after the end of the archive', () => concatBytes([bytes, textBytes('garbage')]), 'trailing-data'],
    ['a bad header checksum', () => craftTar([{ ...hello, checksumDelta: 1 }]), 'bad-checksum'],
    ['a regular file typed NUL instead of "0"', () => craftTar([{ ...hello, typeflag: '\0' }]), 'unsupported-entry-type'],
    ['a hard link', () => craftTar([{ ...hello, size: 0, content: new Uint8Array(0), typeflag: '1', linkname: 'x' }]), 'unsupported-entry-type'],
    ['a symbolic link', () => craftTar([{ ...hello, size: 0, content: new Uint8Array(0), typeflag: '2', linkname: '/etc/passwd' }]), 'unsupported-entry-type'],
    ['a character device', () => craftTar([{ ...hello, size: 0, content: new Uint8Array(0), typeflag: '3' }]), 'unsupported-entry-type'],
    ['a block device', () => craftTar([{ ...hello, size: 0, content: new Uint8Array(0), typeflag: '4' }]), 'unsupported-entry-type'],
    ['a directory', () => craftTar([{ name: 'dir', size: 0, content: new Uint8Array(0), typeflag: '5' }]), 'unsupported-entry-type'],
    ['a FIFO', () => craftTar([{ ...hello, size: 0, content: new Uint8Array(0), typeflag: '6' }]), 'unsupported-entry-type'],
    ['a pax extended header', () => craftTar([{ name: 'PaxHeader', size: 5, content: textBytes('x=1\n\n'), typeflag: 'x' }, hello]), 'pax-header'],
    ['a pax global header', () => craftTar([{ name: 'GlobalHead', size: 5, content: textBytes('x=1\n\n'), typeflag: 'g' }, hello]), 'pax-header'],
    ['a GNU long-name header', () => craftTar([{ name: '././@LongLink', size: 5, content: textBytes('long\0'), typeflag: 'L', magicAndVersion: 'ustar  \0' }, hello]), 'gnu-long-name'],
    ['an old GNU header', () => craftTar([{ ...hello, magicAndVersion: 'ustar  \0' }]), 'unsupported-format'],
    ['a v7 header without magic', () => craftTar([{ ...hello, magicAndVersion: '\0\0\0\0\0\0\0\0' }]), 'unsupported-format'],
    ['an absolute path', () => craftTar([{ ...hello, name: '/etc/passwd' }]), 'absolute-path'],
    ['a Windows drive path', () => craftTar([{ ...hello, name: 'C:evil' }]), 'absolute-path'],
    ['a parent reference', () => craftTar([{ ...hello, name: '../escape' }]), 'path-traversal'],
    ['a parent reference inside a name', () => craftTar([{ ...hello, name: 'a/../../escape' }]), 'path-traversal'],
    ['a parent reference in the prefix field', () => craftTar([{ ...hello, prefix: '..' }]), 'path-traversal'],
    ['a nested name', () => craftTar([{ ...hello, name: 'objects/hello.txt' }]), 'nested-name'],
    ['a nested name via the prefix field', () => craftTar([{ ...hello, prefix: 'objects' }]), 'nested-name'],
    ['a name with a space', () => craftTar([{ ...hello, name: 'a b' }]), 'bad-name'],
    ['a name with a control character', () => craftTar([{ ...hello, name: 'a\x01b' }]), 'bad-name'],
    ['an empty name', () => craftTar([{ ...hello, name: '' }]), 'bad-name'],
    ['a size field that is not octal', () => craftTar([{ ...hello, rawSizeField: textBytes('0000000009\0\0') }]), 'bad-header'],
    ['a base-256 size field', () => craftTar([{ ...hello, rawSizeField: new Uint8Array([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]) }]), 'bad-header'],
    ['a regular file with a link name', () => craftTar([{ ...hello, linkname: 'other' }]), 'bad-header'],
    ['an entry over the size limit', () => craftTar([hello, block]), 'entry-too-large', { maxEntryBytes: 511 }],
    ['more entries than the limit', () => craftTar([hello, hello, hello]), 'too-many-entries', { maxEntries: 2 }],
    ['an archive over the byte limit', () => craftTar([hello, block, block]), 'archive-too-large', { maxArchiveBytes: 2048 }],
    ['trailing zeros over the byte limit', () => craftTar([hello], { endBlocks: 40 }), 'archive-too-large', { maxArchiveBytes: 8192 }],
  ];

  it.each(rejections.map(([label, build, code, limits]) => ({ label, build, code, limits })))('rejects $label', async ({ build, code, limits }) => {
    const error = await failureOf(build(), limits);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a declared size larger than the limit before reading the content', async () => {
    const header = craftHeader({ name: 'bomb', size: 8 ** 11 - 1 });
    const error = await failureOf(header);
    expect(error.code).toBe('entry-too-large');
  });
});
