import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackError } from '../../../shared/pack/pack-error';
import { objectsOf, packBytes, readPackFully, seededBytes } from './pack-fixtures';
import { rechunk, sha256Hex, textBytes } from './tar-fixtures';

const FUZZ_RUNS = 400;

describe('readPack under corruption (fast-check)', async () => {
  const pristine = await packBytes(objectsOf([textBytes('{"kind":"phase"}'), seededBytes(600, 11), seededBytes(1500, 12)]));

  const corruption = fc.record({
    flips: fc.array(fc.record({ at: fc.nat({ max: pristine.length - 1 }), xor: fc.integer({ min: 1, max: 255 }) }), { maxLength: 6 }),
    keep: fc.option(fc.nat({ max: pristine.length }), { nil: undefined }),
    chunkSizes: fc.array(fc.integer({ min: 1, max: 1200 }), { minLength: 1, maxLength: 5 }),
  });

  it('never crashes, hangs or yields a verified object whose content differs from its name', async () => {
    await fc.assert(
      fc.asyncProperty(corruption, async ({ flips, keep, chunkSizes }) => {
        const bytes = pristine.slice(0, keep ?? pristine.length);
        for (const flip of flips) if (flip.at < bytes.length) bytes[flip.at]! ^= flip.xor;
        try {
          const readout = await readPackFully(rechunk(bytes, chunkSizes));
          for (const [id, content] of readout.verified) expect(sha256Hex(content)).toBe(id);
          if (flips.length === 0 && keep !== undefined && keep < pristine.length) throw new Error('a truncated pack was read to its end');
        } catch (error) {
          if (!(error instanceof PackError)) throw error;
          expect(error.message).not.toContain('\n');
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('reads the uncorrupted pack in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }), async (chunkSizes) => {
        const readout = await readPackFully(rechunk(pristine, chunkSizes));
        expect(readout.rejected).toEqual([]);
        expect(readout.verified.size).toBe(3);
      }),
      { numRuns: 100 },
    );
  });
});
