import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrustCoreProperties, CASE_TIME_LIMIT_MS } from '../../fuzz/trust-core-properties';

const SEED = 20261122;
const RUNS = 300;
const SLOW_RUNS = 60;
const SLOW = new Set(['resolveRoundOrderIndependent', 'noForgedRoster']);

describe('trust core properties (seeded fast-check)', () => {
  let properties: Awaited<ReturnType<typeof buildTrustCoreProperties>>;
  beforeAll(async () => {
    properties = await buildTrustCoreProperties();
  });

  it('covers parsing, statements, rosters, proofs and round resolution', () => {
    expect(Object.keys(properties).sort()).toEqual([
      'noForgedEquivocationProof',
      'noForgedRoster',
      'noForgedStatement',
      'parserAgreesWithJsonParse',
      'parserTotalOnBytes',
      'parserTotalOnEditedJson',
      'resolveRoundOrderIndependent',
      'statementTotalOnBytes',
    ]);
  });

  it.each([
    'parserTotalOnBytes',
    'parserAgreesWithJsonParse',
    'parserTotalOnEditedJson',
    'noForgedStatement',
    'statementTotalOnBytes',
    'noForgedRoster',
    'noForgedEquivocationProof',
    'resolveRoundOrderIndependent',
  ])('%s', async (name) => {
    await fc.assert(properties[name]!, { numRuns: SLOW.has(name) ? SLOW_RUNS : RUNS, seed: SEED, timeout: CASE_TIME_LIMIT_MS });
  });
});
