import { describe, expect, it } from 'vitest';
import { readChosenFile, wordRows } from '../../../renderer/commission/read-chosen-file';

describe('readChosenFile', () => {
  it('sends the bytes as base64', async () => {
    expect(await readChosenFile(new File([new Uint8Array([0x7b, 0x7d])], 'roster.json'), 1024, 'roster file')).toBe('e30=');
  });

  it('refuses too large or empty a file before reading it, naming the file', async () => {
    await expect(readChosenFile(new File([new Uint8Array(2048)], 'big.pack'), 1024, 'roster file or pack')).rejects.toThrow(
      'big.pack: a roster file or pack is at most 1.0 KiB, this file has 2.0 KiB',
    );
    await expect(readChosenFile(new File([], 'empty.key'), 1024, 'key file')).rejects.toThrow('empty.key is empty');
  });
});

describe('wordRows', () => {
  it('groups the 32 words in 4 rows of 8', () => {
    const rows = wordRows(Array.from({ length: 32 }, (_, i) => `w${i}`));
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual(['w24', 'w25', 'w26', 'w27', 'w28', 'w29', 'w30', 'w31']);
  });
});
