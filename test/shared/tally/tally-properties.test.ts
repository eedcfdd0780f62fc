import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TALLY_PROPERTIES } from '../../fuzz/tally-properties';

const SEED = 20261122;
const RUNS = 400;

describe('tally properties (seeded)', () => {
  it.each(Object.entries(TALLY_PROPERTIES))('%s', (_name, property) => {
    fc.assert(property as fc.IRawProperty<unknown>, { numRuns: RUNS, seed: SEED });
  });
});
