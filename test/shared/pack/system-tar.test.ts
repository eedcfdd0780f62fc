import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPackIndex, encodePackIndex, PACK_INDEX_NAME } from '../../../shared/pack/pack-index';
import { objectsOf, packBytes, readPackFully, seededBytes } from './pack-fixtures';
import { sha256Hex, textBytes } from './tar-fixtures';

function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAS_TAR = hasCommand('tar');
const HAS_SHA256SUM = hasCommand('sha256sum');
const workDir = mkdtempSync(join(tmpdir(), 'truceline-pack-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const contents = [textBytes('{"kind":"incident"}'), seededBytes(512, 5), seededBytes(70_000, 6), new Uint8Array(0)];

describe.skipIf(!HAS_TAR)('packs and the system tar', () => {
  it('a pack we write extracts with tar into files named by their SHA-256', async () => {
    const packPath = join(workDir, 'written.tar');
    writeFileSync(packPath, await packBytes(objectsOf(contents)));
    const out = join(workDir, 'extracted');
    mkdirSync(out);
    execFileSync('tar', ['-xf', packPath, '-C', out]);
    const names = readdirSync(out).sort();
    expect(names).toEqual([...contents.map(sha256Hex), PACK_INDEX_NAME].sort());
    for (const name of names.filter((n) => n !== PACK_INDEX_NAME)) expect(sha256Hex(readFileSync(join(out, name)))).toBe(name);
    const listing = execFileSync('tar', ['-tvf', packPath, '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(contents.length + 1);
    for (const line of listing) expect(line).toMatch(/^-rw-r--r-- 0\/0 /);
  });

  it.skipIf(!HAS_SHA256SUM)("an auditor's sha256sum check passes on the extracted pack", async () => {
    const packPath = join(workDir, 'audited.tar');
    writeFileSync(packPath, await packBytes(objectsOf(contents)));
    const out = join(workDir, 'audited');
    mkdirSync(out);
    const check = 'tar -xf "$1" -C "$2" && cd "$2" && for f in [0-9a-f]*; do echo "$f  $f"; done | sha256sum -c --quiet';
    expect(() => execFileSync('sh', ['-c', check, 'sh', packPath, out], { stdio: 'pipe' })).not.toThrow();
  });

  function stageObjects(dir: string): string[] {
    mkdirSync(dir);
    const objects = objectsOf(contents);
    writeFileSync(join(dir, PACK_INDEX_NAME), encodePackIndex(buildPackIndex('sync', objects)));
    for (const bytes of contents) writeFileSync(join(dir, sha256Hex(bytes)), bytes);
    return [PACK_INDEX_NAME, ...objects.map((object) => object.id).sort()];
  }

  it('a pack made by tar --format=ustar reads back with every object verified', async () => {
    const dir = join(workDir, 'staged-ustar');
    const names = stageObjects(dir);
    const packPath = join(workDir, 'made-ustar.tar');
    execFileSync('tar', ['--format=ustar', '-cf', packPath, '-C', dir, ...names]);
    const readout = await readPackFully([readFileSync(packPath)]);
    expect(readout.rejected).toEqual([]);
    expect([...readout.verified.keys()].sort()).toEqual(contents.map(sha256Hex).sort());
  });

  it("a pack made in tar's GNU format is refused as unsupported", async () => {
    const dir = join(workDir, 'staged-gnu');
    const names = stageObjects(dir);
    const packPath = join(workDir, 'made-gnu.tar');
    execFileSync('tar', ['--format=gnu', '-cf', packPath, '-C', dir, ...names]);
    await expect(readPackFully([readFileSync(packPath)])).rejects.toMatchObject({ code: 'unsupported-format' });
  });
});
