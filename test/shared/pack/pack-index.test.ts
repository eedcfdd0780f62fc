import { describe, expect, it } from 'vitest';
import { PackError } from '../../../shared/pack/pack-error';
import { buildPackIndex, encodePackIndex, PACK_INDEX_NAME, parsePackIndex, type PackIndex } from '../../../shared/pack/pack-index';
import type { Sha256Hex } from '../../../shared/objects/types';
import { readPackFully } from './pack-fixtures';
import { craftTar, sha256Hex, textBytes } from './tar-fixtures';

const ids = ['a', 'b', 'c'].map((text) => sha256Hex(textBytes(text)) as Sha256Hex).sort();
const [low, middle, high] = ids as [Sha256Hex, Sha256Hex, Sha256Hex];
const entry = (id: string, kind = 'chunk', size = '1') => `{"id":"${id}","kind":"${kind}","size":${size}}`;
const indexText = (objects: string, extra = '') => `{"format":"truceline-pack","kind":"sync","objects":[${objects}],"version":1${extra}}`;

function refusal(bytes: Uint8Array, maxBytes?: number): PackError {
  try {
    parsePackIndex(bytes, maxBytes);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('the index was accepted');
}

describe('parsePackIndex', () => {
  it('accepts the canonical form, and any whitespace and key order', () => {
    const index = buildPackIndex('sync', [
      { id: high, kind: 'chunk', size: 1 },
      { id: low, kind: 'incident', size: 20 },
    ]);
    expect(parsePackIndex(encodePackIndex(index))).toEqual(index);
    const spaced = ` {\n\t"version" : 1 , "objects" : [ {"size":20, "kind":"incident", "id":"${low}"} ,\r\n ${entry(high)} ], "kind":"sync", "format":"truceline-pack" } `;
    expect(parsePackIndex(textBytes(spaced))).toEqual(index);
  });

  const refusals: ReadonlyArray<readonly [string, Uint8Array, RegExp]> = [
    ['a duplicate key', textBytes(`{"format":"truceline-pack","kind":"sync","kind":"certificate","objects":[],"version":1}`), /\(duplicate-key\): duplicate key "kind"/],
    ['a duplicate key inside an entry', textBytes(indexText(`{"id":"${low}","kind":"chunk","kind":"roster","size":1}`)), /\(duplicate-key\)/],
    ['bytes that are not UTF-8', new Uint8Array([...textBytes(indexText('').slice(0, -1)), 0xc3, 0x28, 0x7d]), /\(not-utf8\)/],
    ['a byte-order mark', new Uint8Array([0xef, 0xbb, 0xbf, ...textBytes(indexText(''))]), /\(not-utf8\): starts with a byte-order mark/],
    ['a lone surrogate escape', textBytes(indexText('', ',"format2":"\\ud800"')), /\(lone-surrogate\)/],
    ['nesting deeper than the shape needs', textBytes(indexText(`{"id":[["${low}"]],"kind":"chunk","size":1}`)), /\(too-deep\): nesting deeper than 3/],
    ['a number longer than 20 characters', textBytes(indexText(entry(low, 'chunk', '1'.repeat(21)))), /\(number-out-of-range\): number longer than 20 characters/],
    ['an integer a double cannot hold', textBytes(indexText(entry(low, 'chunk', '9007199254740993'))), /\(number-out-of-range\)/],
    ['objects out of order', textBytes(indexText(`${entry(high)},${entry(low)}`)), /objects\[1\]\.id [0-9a-f]{64} comes after [0-9a-f]{64}: objects are sorted by id/],
    ['objects out of order among three', textBytes(indexText(`${entry(low)},${entry(high)},${entry(middle)}`)), /objects\[2\]\.id .* comes after/],
    ['an object listed twice', textBytes(indexText(`${entry(low)},${entry(low)}`)), /objects\[1\]\.id [0-9a-f]{64} is listed twice/],
    ['text after the JSON value', textBytes(`${indexText('')} {}`), /\(malformed-json\)/],
    ['a trailing comma', textBytes(indexText(`${entry(low)},`)), /\(malformed-json\)/],
  ];

  it.each(refusals.map(([label, bytes, message]) => ({ label, bytes, message })))('refuses $label as bad-index with one line', ({ bytes, message }) => {
    const error = refusal(bytes);
    expect(error.code).toBe('bad-index');
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(PACK_INDEX_NAME)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('refuses an index over the limit it is given, before parsing it', () => {
    const bytes = textBytes(indexText(entry(low)));
    expect(refusal(bytes, bytes.length - 1).message).toMatch(/\(too-large\)/);
    expect(parsePackIndex(bytes, bytes.length).objects).toHaveLength(1);
  });

  it('is what the pack reader applies to the first entry', async () => {
    const content = textBytes('a');
    const unsorted = textBytes(indexText(`${entry(high)},${entry(low)}`));
    const duplicateKey = textBytes(`{"format":"truceline-pack","format":"truceline-pack","kind":"sync","objects":[],"version":1}`);
    for (const index of [unsorted, duplicateKey]) {
      const pack = craftTar([
        { name: PACK_INDEX_NAME, size: index.length, content: index },
        { name: sha256Hex(content), size: 1, content },
      ]);
      await expect(readPackFully([pack])).rejects.toMatchObject({ code: 'bad-index' });
    }
  });

  it('refuses a built index whose ids repeat', () => {
    const objects: PackIndex['objects'] = [
      { id: low, kind: 'chunk', size: 1 },
      { id: low, kind: 'chunk', size: 1 },
    ];
    expect(() => buildPackIndex('sync', objects)).toThrow(/listed twice/);
  });
});
