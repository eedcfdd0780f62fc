import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import type { Sha256Hex } from '../../../shared/objects/types';
import { incidentPayload } from '../../vectors/commission';
import { commission, incidentBundle, packBytes, removeTempDirs, signedEntry, tempDir, type Commission, type IncidentBundle, type PackEntry } from '../store/fixtures/store-fixtures';

// `truceline verify` on incident bundles: evidence a bundle lists but lacks makes it incomplete (exit 3).

let c: Commission;
let bundle: IncidentBundle;
let dir: string;
let roster: string;

beforeAll(async () => {
  c = await commission();
  bundle = await incidentBundle(c, 4);
  dir = tempDir('truceline-verify-evidence-');
  roster = join(dir, 'genesis.json');
  writeFileSync(roster, c.genesis.bytes);
});
afterAll(removeTempDirs);

async function verify(
  kind: 'incident-bundle' | 'sync',
  entries: readonly PackEntry[],
): Promise<{ code: number; stdout: string; json: { ok: boolean; incomplete: { code: string }[]; evidence: { state: string }[] } }> {
  const path = join(dir, `${kind}-${entries.length}.pack`);
  writeFileSync(path, await packBytes(kind, entries));
  const run = async (json: boolean) => {
    let stdout = '';
    const code = await runCli(COMMANDS, ['verify', path, '--roster', roster, '--at', '2026-12-01T00:00:00Z', ...(json ? ['--json'] : [])], {
      stdout: (t) => (stdout += t),
      stderr: () => {},
      stdin: async () => Buffer.alloc(0),
      env: {},
    });
    return { code, stdout };
  };
  const text = await run(false);
  return { ...text, json: JSON.parse((await run(true)).stdout) };
}

describe('truceline verify: evidence of an incident bundle', () => {
  it('a complete bundle verifies, its evidence verified for playback', async () => {
    const result = await verify('incident-bundle', [signedEntry(c.genesis), signedEntry(bundle.incident), ...bundle.chunks]);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ ok: true, incomplete: [], evidence: [{ state: 'verified' }] });
    expect(result.stdout).toMatch(/evidence of incident [0-9a-f]{8}…: verified, 2 of 2 chunks verified/);
  });

  it('a bundle without one of its chunks is INCOMPLETE, exit 3', async () => {
    const result = await verify('incident-bundle', [signedEntry(c.genesis), signedEntry(bundle.incident), bundle.chunks[0]!]);
    expect(result.code).toBe(3);
    expect(result.json).toMatchObject({ ok: false, incomplete: [{ code: 'evidence-missing' }], evidence: [{ state: 'incomplete' }] });
    expect(result.stdout).toMatch(/^INCOMPLETE incident [0-9a-f]{8}…: evidence tracks\.arrow \([0-9a-f]{8}…\) is not in these packs, so its bundle is incomplete$/m);
    expect(result.stdout).toMatch(/0 rejected, INCOMPLETE \(1 missing\)$/m);
  });

  it('the same incident in a sync pack without its chunks only notes them', async () => {
    const result = await verify('sync', [signedEntry(c.genesis), signedEntry(bundle.incident)]);
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ ok: true, incomplete: [], evidence: [{ state: 'incomplete' }] });
    expect(result.stdout).toMatch(/^note incident [0-9a-f]{8}…: evidence detections\.arrow/m);
  });

  it('a chunk declared as detections that is a tracks file is rejected with evidence-schema, exit 3', async () => {
    const tracks = bundle.chunks[1]!;
    const evidence = [{ name: 'detections.arrow', role: 'detections' as const, mediaType: 'application/vnd.apache.arrow.file', sha256: tracks.id as Sha256Hex, size: tracks.bytes.length }];
    const incident = await c.log.sign('MISSION', incidentPayload(c.log, { incident: 'INC-2026-000777', evidence }));
    const result = await verify('incident-bundle', [signedEntry(c.genesis), signedEntry(incident), tracks]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^BAD {2}chunk +[0-9a-f]{64} .*lists it as detections \(detections\.arrow\), but detections chunk: schema metadata says truceline\.format="truceline-tracks"/m);
    expect(result.json).toMatchObject({ ok: false, evidence: [{ state: 'incomplete' }] });
  });
});
