import { describe, expect, it } from 'vitest';
import type { ObjectId } from '../../../shared/objects/types';
import { rosterFingerprint } from '../../../shared/roster/roster-fingerprint';

describe('rosterFingerprint', () => {
  it('gives the whole id as 32 PGP words and as 16 groups of hex (SHA-256 of "abc", words from an independent copy of the list)', () => {
    const fingerprint = rosterFingerprint('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' as ObjectId);
    expect(fingerprint.words.join(' ')).toBe(
      'shadow indigo backward rebellion payday adviser stagehand undaunted cranky decadence crackdown telephone exceed performance blockade cannonball ruffled aggregate fallout pandemic prefer bookseller keyboard October scenic autopsy Zulu frequency uproot adroitness backfield perceptive',
    );
    expect(fingerprint.hex).toBe('ba78 16bf 8f01 cfea 4141 40de 5dae 2223 b003 61a3 9617 7a9c b410 ff61 f200 15ad');
  });

  it('refuses what is not a roster id', () => {
    expect(() => rosterFingerprint('BA78' as ObjectId)).toThrow(/is not 64 lowercase hex digits/);
  });
});
