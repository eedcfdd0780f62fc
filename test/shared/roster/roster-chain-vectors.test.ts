import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { verifyRosterChain } from '../../../shared/roster/verify-roster-chain';

const DIR = join(__dirname, '../../vectors/roster-chain');
const read = (file: string): Buffer => readFileSync(join(DIR, file));

interface ChainCase {
  readonly name: string;
  readonly trusted: string;
  readonly candidates: readonly string[];
  readonly now: string;
  readonly expect: { readonly current?: number; readonly status?: string; readonly issues?: readonly string[]; readonly error?: string };
}

const cases = JSON.parse(read('manifest.json').toString('utf8')) as ChainCase[];

describe('roster chain golden vectors (test/vectors/roster-chain)', () => {
  it('covers threshold, duplicate signer, rollback, gap, fork, removed key and expiry', () => {
    const codes = new Set(cases.flatMap((entry) => [...(entry.expect.issues ?? []), entry.expect.error]));
    for (const code of ['roster-below-threshold', 'duplicate-signature', 'roster-rollback', 'roster-version-gap', 'roster-fork', 'roster-expired', 'unknown-key', 'roster-prev-mismatch']) {
      expect(codes).toContain(code);
    }
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const result = await verifyRosterChain({ trusted: read(entry.trusted), candidates: entry.candidates.map(read), now: Date.parse(entry.now), sha256: nodeSha256 });
    if (entry.expect.error !== undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: entry.expect.error } });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.current.version).toBe(entry.expect.current);
    expect(result.value.status).toBe(entry.expect.status);
    expect(result.value.issues.map((issue) => issue.code).sort()).toEqual([...(entry.expect.issues ?? [])].sort());
  });
});
