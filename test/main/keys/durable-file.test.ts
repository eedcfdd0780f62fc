import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../../main/keys/durable-file';

describe('durable file replacement', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'truceline-durable-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes, then replaces the whole file, leaving no temporary file', async () => {
    const path = join(folder, 'state.json');
    await writeFileDurably(path, 'first\n');
    await writeFileDurably(path, 'second\n');
    expect(await readFile(path, 'utf8')).toBe('second\n');
    expect(await readdir(folder)).toEqual(['state.json']);
  });

  it('throws and cleans up when the rename fails, leaving the target as it was', async () => {
    const path = join(folder, 'occupied');
    await mkdir(join(path, 'child'), { recursive: true });
    await expect(writeFileDurably(path, 'text')).rejects.toThrow();
    expect((await readdir(folder)).sort()).toEqual(['occupied']);
  });
});
