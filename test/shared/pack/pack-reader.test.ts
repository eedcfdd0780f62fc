import { describe, expect, it } from 'vitest';
import { createNodeSha256 } from '../../../main/crypto/node-incremental-sha256';
import { PackError, type PackErrorCode } from '../../../shared/pack/pack-error';
import { encodePackIndex, PACK_INDEX_NAME, type PackIndex } from '../../../shared/pack/pack-index';
import { readPack, type PackLimits } from '../../../shared/pack/pack-reader';
import { writePack } from '../../../shared/pack/pack-writer';
import type { Sha256Hex } from '../../../shared/objects/types';
import { objectsOf, packBytes, readPackFully, seededBytes, type PackReadout } from './pack-fixtures';
import { collectBytes, craftTar, rechunk, sha256Hex, textBytes, type CraftedEntry } from './tar-fixtures';

const contents = [new Uint8Array(0), textBytes('{"kind":"roster"}'), seededBytes(511, 1), seededBytes(512, 2), seededBytes(513, 3), seededBytes(100_000, 4)];

function indexEntry(index: PackIndex): CraftedEntry {
  const bytes = encodePackIndex(index);
  return { name: PACK_INDEX_NAME, size: bytes.length, content: bytes };
}

function objectEntry(bytes: Uint8Array, name = sha256Hex(bytes)): CraftedEntry {
  return { name, size: bytes.length, content: bytes };
}

function indexListing(...objects: ReadonlyArray<readonly [Uint8Array, number?]>): PackIndex {
  const listed = objects.map(([bytes, size]) => ({ id: sha256Hex(bytes) as Sha256Hex, kind: 'chunk' as const, size: size ?? bytes.length })).sort((a, b) => a.id.localeCompare(b.id));
  return { format: 'truceline-pack', version: 1, kind: 'sync', objects: listed };
}

async function packFailure(bytes: Uint8Array, limits: Partial<PackLimits> = {}): Promise<PackError> {
  try {
    await readPackFully([bytes], limits);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('the pack was accepted');
}

describe('writePack and readPack', () => {
  it('round-trips objects of every size class with their index', async () => {
    const objects = objectsOf(contents);
    const readout = await readPackFully([await packBytes(objects, 'incident-bundle')]);
    expect(readout.rejected).toEqual([]);
    expect(readout.index?.kind).toBe('incident-bundle');
    expect(readout.index?.objects.map((object) => object.id)).toEqual(objects.map((object) => object.id).sort());
    for (const bytes of contents) expect(Buffer.from(readout.verified.get(sha256Hex(bytes))!).equals(bytes)).toBe(true);
  });

  it('writes the same bytes for the same objects in any order', async () => {
    const objects = objectsOf(contents);
    const forward = await packBytes(objects);
    const backward = await packBytes([...objects].reverse());
    expect(Buffer.from(backward).equals(Buffer.from(forward))).toBe(true);
    expect(sha256Hex(forward)).toBe(sha256Hex(await packBytes(objectsOf(contents))));
  });

  it('writes the index first, then objects in id order, with mode 0644, owner 0 and mtime 0', async () => {
    const bytes = await packBytes(objectsOf(contents));
    const header = (offset: number, start: number, length: number): string => Buffer.from(bytes.subarray(offset + start, offset + start + length)).toString('latin1');
    expect(header(0, 0, 10)).toBe(PACK_INDEX_NAME);
    expect(header(0, 100, 8)).toBe('0000644\0');
    expect(header(0, 108, 16)).toBe('0000000\u00000000000\0');
    expect(header(0, 136, 12)).toBe('00000000000\0');
    expect(header(0, 257, 8)).toBe('ustar\u000000');
    const names: string[] = [];
    for await (const item of readPack([bytes], { sha256: createNodeSha256 })) if (item.type === 'object') names.push(item.id);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(contents.length);
  });

  it('reads a small pack split at every offset', async () => {
    const bytes = await packBytes(objectsOf([textBytes('a'), seededBytes(700, 9)]));
    const summary = (readout: PackReadout): string => [...readout.verified].map(([id, content]) => `${id}:${sha256Hex(content)}`).join(' ');
    const expected = summary(await readPackFully([bytes]));
    expect(expected.split(' ')).toHaveLength(2);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(summary(await readPackFully([bytes.subarray(0, cut), bytes.subarray(cut)]))).toBe(expected);
    }
  });

  it('reads a pack from 1-byte chunks and from odd-sized chunks', async () => {
    const bytes = await packBytes(objectsOf(contents.slice(0, 5)));
    for (const sizes of [[1], [2, 3, 5, 7, 11, 13], [509], [1021, 1]]) {
      const readout = await readPackFully(rechunk(bytes, sizes));
      expect(readout.rejected).toEqual([]);
      expect(readout.verified.size).toBe(5);
    }
  });

  it('still gives a verdict for an object whose content the caller skips', async () => {
    const bytes = await packBytes(objectsOf(contents));
    const verdicts: string[] = [];
    for await (const item of readPack(rechunk(bytes, [4096]), { sha256: createNodeSha256 })) {
      if (item.type === 'object') {
        for await (const chunk of item.content) if (chunk.length > 0) break;
      }
      if (item.type === 'verified' || item.type === 'rejected') verdicts.push(item.type);
    }
    expect(verdicts).toEqual(contents.map(() => 'verified'));
  });

  it('reports each corrupted object and still verifies the rest', async () => {
    const bytes = await packBytes(objectsOf(contents));
    const corrupted = bytes.slice();
    const victims = [contents[2]!, contents[5]!];
    for (const victim of victims) {
      const headerAt = Buffer.from(corrupted).indexOf(Buffer.from(`${sha256Hex(victim)}\0`));
      corrupted[headerAt + 512 + 10]! ^= 0xff;
    }
    const readout = await readPackFully([corrupted]);
    expect(readout.rejected.map((r) => [r.id, r.code]).sort()).toEqual(victims.map((v) => [sha256Hex(v), 'digest-mismatch']).sort());
    expect(readout.verified.size).toBe(contents.length - victims.length);
    for (const [id, content] of readout.verified) expect(sha256Hex(content)).toBe(id);
  });

  it('rejects an object not listed in the index, a duplicate and a size the index misstates, and reports missing ones', async () => {
    const [listed, unlisted, misstated, missing] = [textBytes('listed'), textBytes('unlisted'), textBytes('misstated'), textBytes('missing')];
    const pack = craftTar([indexEntry(indexListing([listed], [misstated, 3], [missing])), objectEntry(listed), objectEntry(unlisted), objectEntry(listed), objectEntry(misstated)]);
    const readout = await readPackFully([pack]);
    expect([...readout.verified.keys()]).toEqual([sha256Hex(listed)]);
    expect(readout.rejected).toEqual([
      { id: sha256Hex(unlisted), code: 'unlisted-object' },
      { id: sha256Hex(listed), code: 'duplicate-object' },
      { id: sha256Hex(misstated), code: 'size-mismatch' },
      { id: sha256Hex(missing), code: 'missing-object' },
    ]);
  });

  const one = textBytes('one');
  const validIndex = indexEntry(indexListing([one]));
  const rawIndex = (text: string): CraftedEntry => ({ name: PACK_INDEX_NAME, size: text.length, content: textBytes(text) });
  const pack =
    (...entries: CraftedEntry[]): (() => Uint8Array) =>
    () =>
      craftTar(entries);
  const rejections: ReadonlyArray<readonly [string, () => Uint8Array, PackErrorCode, Partial<PackLimits>?]> = [
    ['a pack with no entries', pack(), 'missing-index'],
    ['a pack whose first entry is an object', pack(objectEntry(one), validIndex), 'missing-index'],
    ['a second index', pack(validIndex, objectEntry(one), validIndex), 'misplaced-index'],
    ['an object name that is not 64-hex', pack(validIndex, objectEntry(one, 'one.txt')), 'bad-name'],
    ['an object name in uppercase hex', pack(validIndex, objectEntry(one, sha256Hex(one).toUpperCase())), 'bad-name'],
    ['an index that is not JSON', pack(rawIndex('{"format":')), 'bad-index'],
    ['an index that is not UTF-8', pack({ name: PACK_INDEX_NAME, size: 2, content: new Uint8Array([0xc3, 0x28]) }), 'bad-index'],
    ['an index of another format', pack(rawIndex('{"format":"zip","version":1,"kind":"sync","objects":[]}')), 'bad-index'],
    ['an index of a newer version', pack(rawIndex('{"format":"truceline-pack","version":2,"kind":"sync","objects":[]}')), 'bad-index'],
    ['an index of an unknown pack kind', pack(rawIndex('{"format":"truceline-pack","version":1,"kind":"zip","objects":[]}')), 'bad-index'],
    ['an index with an unknown field', pack(rawIndex('{"format":"truceline-pack","version":1,"kind":"sync","objects":[],"extra":1}')), 'bad-index'],
    ['an index with a bad object kind', pack(rawIndex(`{"format":"truceline-pack","version":1,"kind":"sync","objects":[{"id":"${sha256Hex(one)}","kind":"blob","size":3}]}`)), 'bad-index'],
    ['an index with a fractional size', pack(rawIndex(`{"format":"truceline-pack","version":1,"kind":"sync","objects":[{"id":"${sha256Hex(one)}","kind":"chunk","size":3.5}]}`)), 'bad-index'],
    [
      'an index listing an object twice',
      pack(rawIndex(`{"format":"truceline-pack","version":1,"kind":"sync","objects":[{"id":"${sha256Hex(one)}","kind":"chunk","size":3},{"id":"${sha256Hex(one)}","kind":"chunk","size":3}]}`)),
      'bad-index',
    ],
    ['an index over its size limit', pack(validIndex, objectEntry(one)), 'index-too-large', { maxIndexBytes: 16 }],
    ['an object over the entry limit', pack(validIndex, objectEntry(seededBytes(2000, 1))), 'entry-too-large', { maxEntryBytes: 1024 }],
    ['more entries than the limit', pack(validIndex, objectEntry(one), objectEntry(textBytes('two'))), 'too-many-entries', { maxEntries: 2 }],
    ['a tar bomb over the total limit', pack(validIndex, objectEntry(seededBytes(5000, 1))), 'archive-too-large', { maxArchiveBytes: 4096 }],
    ['a symbolic link among objects', pack(validIndex, { ...objectEntry(new Uint8Array(0)), typeflag: '2', linkname: '/etc/shadow' }), 'unsupported-entry-type'],
    ['a traversal name among objects', pack(validIndex, objectEntry(one, `../${sha256Hex(one)}`)), 'path-traversal'],
  ];

  it.each(rejections.map(([label, build, code, limits]) => ({ label, build, code, limits })))('rejects $label', async ({ build, code, limits }) => {
    const error = await packFailure(build(), limits);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('\n');
  });

  it('refuses to write an object whose content does not hash to its id', async () => {
    const [object] = objectsOf([textBytes('real')]);
    const forged = { ...object!, open: () => textBytes('fake') };
    await expect(collectBytes(writePack('sync', [forged], { verifyWith: createNodeSha256 }))).rejects.toMatchObject({ code: 'digest-mismatch' });
  });

  it('refuses to write content longer or shorter than the declared size', async () => {
    const [object] = objectsOf([textBytes('four')]);
    for (const content of [textBytes('fourteen'), textBytes('for')]) {
      await expect(collectBytes(writePack('sync', [{ ...object!, open: () => content }]))).rejects.toMatchObject({ code: 'content-size-mismatch' });
    }
  });

  it('refuses to write the same object id twice', () => {
    const [object] = objectsOf([textBytes('twice')]);
    expect(() => writePack('sync', [object!, object!])).toThrow(expect.objectContaining({ code: 'duplicate-object' }));
  });
});
