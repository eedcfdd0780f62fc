import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../shared/encoding/hex';
import { PGP_EVEN_WORDS, PGP_ODD_WORDS, pgpWords } from '../../../shared/encoding/pgp-words';

describe('the PGP word list', () => {
  it('has 256 words in each list, all 512 different even when case is ignored', () => {
    expect(PGP_EVEN_WORDS).toHaveLength(256);
    expect(PGP_ODD_WORDS).toHaveLength(256);
    expect(new Set([...PGP_EVEN_WORDS, ...PGP_ODD_WORDS].map((word) => word.toLowerCase())).size).toBe(512);
  });

  it('renders the published example (the PGP word list article, 20 bytes)', () => {
    const bytes = fromHex('e58294f2e9a227486e8b061b31cc528fd7fa3f19')!;
    expect(pgpWords(bytes).join(' ')).toBe(
      'topmost Istanbul Pluto vagabond treadmill Pacific brackish dictator goldfish Medusa afflict bravado chatter revolver Dupont midsummer stopwatch whimsical cowbell bottomless',
    );
  });

  it('alternates the lists by offset, so a byte reads differently at an even and an odd place', () => {
    expect(pgpWords(new Uint8Array([0, 0, 255, 255]))).toEqual(['aardvark', 'adroitness', 'Zulu', 'Yucatan']);
  });
});
