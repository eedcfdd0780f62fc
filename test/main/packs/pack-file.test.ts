import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../main/cli/commands';
import { runCli } from '../../../main/cli/run-cli';
import { loadPackFile, type LoadedPack } from '../../../main/packs/pack-file';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { Sha256Hex } from '../../../shared/objects/types';
import { encodePackIndex, PACK_INDEX_NAME, PACK_OBJECT_KINDS, type PackIndex, type PackKind, type PackObjectKind } from '../../../shared/pack/pack-index';
import { closedRound, type ClosedRound } from '../../vectors/closed-round';
import { craftTar } from '../../shared/pack/tar-fixtures';
import { syntheticDetections } from '../../shared/evidence/evidence-fixtures';
import { commission, incidentBundle, packBytes, removeTempDirs, sha256Hex, signedEntry, tempDir, type IncidentBundle, type PackEntry } from '../store/fixtures/store-fixtures';

const NOW_TEXT = '2026-12-01T00:00:00Z';
let round: ClosedRound;
let dir: string;

beforeAll(async () => {
  round = await closedRound();
  dir = tempDir('truceline-packs-');
});
afterAll(removeTempDirs);

let written = 0;
async function writePackOf(kind: PackKind, entries: readonly PackEntry[]): Promise<string> {
  const path = join(dir, `pack-${written++}.pack`);
  writeFileSync(path, await packBytes(kind, entries));
  return path;
}

const entriesOf = (objects: readonly SignedObject[]): PackEntry[] => objects.map(signedEntry);
const relabel = (entries: readonly PackEntry[], id: string, kind: PackObjectKind): PackEntry[] => entries.map((e) => (sha256Hex(e.bytes) === id ? { ...e, kind } : e));
const kindsOf = (pack: LoadedPack) => Object.fromEntries([...pack.objects].map(([id, o]) => [id, o.kind]));

async function verify(...argv: string[]): Promise<{ code: number; report: { ok: boolean; certificates: { status: string; outcome?: unknown }[]; packProblems: { code: string }[] } }> {
  let stdout = '';
  const code = await runCli(COMMANDS, ['verify', ...argv, '--at', NOW_TEXT, '--json'], { stdout: (t) => (stdout += t), stderr: () => {}, stdin: async () => Buffer.alloc(0), env: {} });
  return { code, report: JSON.parse(stdout) };
}

describe('loadPackFile: kinds from signed bytes', () => {
  it('gives every signed object of a certificate the kind its payloadType names', async () => {
    const pack = await loadPackFile(await writePackOf('certificate', entriesOf(round.objects)));
    expect(pack.problems).toEqual([]);
    expect(kindsOf(pack)).toEqual(Object.fromEntries(round.objects.map((o) => [o.id, o.kind])));
    expect(pack.chunks).toEqual([]);
  });

  it('refuses every relabelling of every object of a certificate with index-kind-mismatch, keeping the kind from its bytes, and verify never gives a verdict', async () => {
    const rosterPath = join(dir, 'genesis.json');
    writeFileSync(rosterPath, round.genesis.bytes);
    const original = await verify(await writePackOf('certificate', entriesOf(round.objects)), '--roster', rosterPath);
    expect(original.code).toBe(0);
    expect(original.report.certificates).toMatchObject([{ status: 'final', outcome: { verdict: { outcome: 'decided', finding: 'violation', attribution: 'EAST' } } }]);
    const expectedKinds = Object.fromEntries(round.objects.map((o) => [o.id, o.kind]));
    let cases = 0;
    for (const object of round.objects) {
      for (const kind of PACK_OBJECT_KINDS.filter((k) => k !== object.kind)) {
        const path = await writePackOf('certificate', relabel(entriesOf(round.objects), object.id, kind));
        const pack = await loadPackFile(path);
        const label = `${object.kind} ${object.id} listed as ${kind}`;
        expect(kindsOf(pack), label).toEqual(expectedKinds);
        expect(pack.problems, label).toEqual([
          {
            id: object.id,
            code: 'index-kind-mismatch',
            message: expect.stringContaining(`lists it as ${kind === 'incident' || kind === 'assessment' ? 'an' : 'a'} ${kind}, but its signed bytes make it`),
          },
        ]);
        const run = await verify(path, '--roster', rosterPath);
        expect(run.code, label).toBe(3);
        expect(run.report.ok).toBe(false);
        expect(run.report.packProblems.map((p) => p.code)).toEqual(['index-kind-mismatch']);
        expect(
          run.report.certificates.map((c) => c.status),
          label,
        ).toEqual(['refused']);
        expect(run.report.certificates[0]).not.toHaveProperty('outcome');
        cases++;
      }
    }
    expect(cases).toBe(round.objects.length * (PACK_OBJECT_KINDS.length - 1));
  }, 120_000);

  it('refuses a relabelling made by hand with a raw tar writer (the index rewritten, nothing else)', async () => {
    const index: PackIndex = {
      format: 'truceline-pack',
      version: 1,
      kind: 'certificate',
      objects: round.objects
        .map((o) => ({ id: o.id as string as Sha256Hex, kind: o.id === round.reveals[0]!.id ? ('roster' as const) : o.kind, size: o.bytes.length }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
    const indexBytes = encodePackIndex(index);
    const byId = new Map(round.objects.map((o) => [o.id as string, o.bytes]));
    const tar = craftTar([{ name: PACK_INDEX_NAME, size: indexBytes.length, content: indexBytes }, ...index.objects.map((o) => ({ name: o.id, size: o.size, content: byId.get(o.id)! }))]);
    const path = join(dir, 'hand-made.pack');
    writeFileSync(path, tar);
    const pack = await loadPackFile(path);
    expect(pack.objects.get(round.reveals[0]!.id)?.kind).toBe('assessment');
    expect(pack.problems).toEqual([
      { id: round.reveals[0]!.id, code: 'index-kind-mismatch', message: `object ${round.reveals[0]!.id}: index.json lists it as a roster, but its signed bytes make it an assessment` },
    ]);
  });
});

describe('loadPackFile: chunks of an incident bundle', () => {
  let bundle: IncidentBundle;
  beforeAll(async () => {
    bundle = await incidentBundle(await commission(), 1);
  });

  it('checks each chunk against the evidence schemas while it streams by', async () => {
    const pack = await loadPackFile(await writePackOf('incident-bundle', [signedEntry(bundle.incident), ...bundle.chunks]));
    expect(pack.problems).toEqual([]);
    const [detections, tracks] = bundle.chunks;
    expect(pack.chunks.find((c) => c.id === detections!.id)).toMatchObject({ size: detections!.bytes.length, evidence: { detections: { ok: true, extent: 'file' }, tracks: { ok: false } } });
    expect(pack.chunks.find((c) => c.id === tracks!.id)).toMatchObject({ evidence: { detections: { ok: false }, tracks: { ok: true, extent: 'file' } } });
  });

  it('refuses every signed kind for a chunk, which stays a chunk', async () => {
    const chunk = bundle.chunks[0]!;
    for (const kind of PACK_OBJECT_KINDS.filter((k) => k !== 'chunk')) {
      const pack = await loadPackFile(await writePackOf('incident-bundle', relabel([signedEntry(bundle.incident), ...bundle.chunks], chunk.id, kind)));
      expect(pack.problems).toEqual([{ id: chunk.id, code: 'index-kind-mismatch', message: expect.stringMatching(/but its bytes are not a signed object, so it is a chunk$/) }]);
      expect(pack.chunks.map((c) => c.id).sort()).toEqual(bundle.chunks.map((c) => c.id).sort());
      expect(pack.objects.has(chunk.id)).toBe(false);
    }
  });

  it('of a chunk over the decoding bound keeps only its head and footer, across read pieces, and checks its schema', async () => {
    const large = encodeDetections(syntheticDetections(80_000, 3));
    expect(large.length).toBeGreaterThan(2 * 1024 ** 2);
    const image = new Uint8Array(3 * 1024 ** 2).fill(7);
    const pack = await loadPackFile(
      await writePackOf('sync', [
        { kind: 'chunk', bytes: large },
        { kind: 'chunk', bytes: image },
      ]),
      undefined,
      0,
    );
    expect(pack.chunks.find((c) => c.id === sha256Hex(large))!.evidence).toMatchObject({ detections: { ok: true, extent: 'schema' }, tracks: { ok: false, code: 'wrong-format' } });
    expect(pack.chunks.find((c) => c.id === sha256Hex(image))!.evidence).toMatchObject({ detections: { ok: false, code: 'not-arrow-file' } });
    const whole = await loadPackFile(await writePackOf('sync', [{ kind: 'chunk', bytes: large }]));
    expect(whole.chunks[0]!.evidence.detections).toEqual({ ok: true, extent: 'file' });
  });
});
