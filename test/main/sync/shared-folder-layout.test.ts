import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyEntryName, objectPath, OBJECTS_FOLDER, scanFolder, temporaryPath } from '../../../main/sync/shared-folder-layout';
import { removeTempDirs, tempDir } from '../store/fixtures/store-fixtures';

afterAll(() => removeTempDirs());

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('names in a shared folder', () => {
  const id = sha('an object');

  it('takes exactly 64 lowercase hex digits as an object, and nothing else', () => {
    expect(classifyEntryName(id)).toEqual({ kind: 'object', id });
    expect(classifyEntryName(id.toUpperCase()).kind).toBe('ignored');
    expect(classifyEntryName(`${id}.pack`).kind).toBe('ignored');
    expect(classifyEntryName(id.slice(1))).toEqual({ kind: 'ignored', why: 'not-an-object-name' });
  });

  it('ignores Syncthing’s temporary files, its markers and conflict copies, and tells our own temporary files apart', () => {
    expect(classifyEntryName(`.syncthing.${id}.tmp`)).toEqual({ kind: 'ignored', why: 'syncthing-temporary' });
    expect(classifyEntryName(`~syncthing~${id}.tmp`)).toEqual({ kind: 'ignored', why: 'syncthing-temporary' });
    expect(classifyEntryName(`${id}.sync-conflict-20261130-112233-ABCDEFG`)).toEqual({ kind: 'ignored', why: 'conflict-copy' });
    expect(classifyEntryName('.stfolder')).toEqual({ kind: 'ignored', why: 'syncthing-marker' });
    expect(classifyEntryName('.stignore')).toEqual({ kind: 'ignored', why: 'syncthing-marker' });
    const ownTemporary = temporaryPath('/srv/shared', id).split('/').pop()!;
    expect(classifyEntryName(ownTemporary)).toEqual({ kind: 'ignored', why: 'own-temporary' });
    // Ours take Syncthing's temporary pattern, so that Syncthing never sends a half-written object.
    expect(ownTemporary.startsWith('.syncthing.') && ownTemporary.endsWith('.tmp')).toBe(true);
  });

  it('places an object under its first two hex digits, and refuses a name that is not a SHA-256', () => {
    expect(objectPath('/srv/shared', id)).toBe(join('/srv/shared', OBJECTS_FOLDER, id.slice(0, 2), id));
    expect(() => objectPath('/srv/shared', '../../etc/passwd')).toThrow(/not a lowercase SHA-256/);
  });
});

describe('scanning a shared folder', () => {
  it('lists objects by name without reading them, and leaves out everything else', async () => {
    const folder = tempDir('truceline-layout-');
    const a = sha('a');
    const b = sha('b');
    const prefix = join(folder, OBJECTS_FOLDER, a.slice(0, 2));
    mkdirSync(prefix, { recursive: true });
    mkdirSync(join(folder, OBJECTS_FOLDER, b.slice(0, 2)), { recursive: true });
    writeFileSync(join(prefix, a), 'a');
    writeFileSync(join(prefix, `${a}.sync-conflict-20261130-112233-ABCDEFG`), 'other bytes');
    writeFileSync(join(prefix, `.syncthing.${a}.tmp`), 'half');
    writeFileSync(join(folder, OBJECTS_FOLDER, b.slice(0, 2), b), 'b');
    // In the wrong prefix folder, a link, a folder named like an object, and files outside the objects folder: none is an object.
    const misplaced = [sha('c'), sha('d')].find((name) => !name.startsWith(a.slice(0, 2)))!;
    writeFileSync(join(prefix, misplaced), 'x');
    const inB = (text: string) => b.slice(0, 2) + sha(text).slice(2);
    symlinkSync('/etc/hostname', join(folder, OBJECTS_FOLDER, b.slice(0, 2), inB('link')));
    mkdirSync(join(folder, OBJECTS_FOLDER, b.slice(0, 2), inB('dir')));
    writeFileSync(join(folder, sha('top level')), 'x');
    writeFileSync(join(folder, temporaryPath(folder, a).slice(folder.length + 1)), 'ours, half written');

    const scan = await scanFolder(folder);
    expect(scan.objects.map((o) => o.id).sort()).toEqual([a, b].sort());
    expect(scan.objects.find((o) => o.id === a)).toMatchObject({ size: 1, path: join(prefix, a) });
    expect(scan.temporaries).toHaveLength(1);
    expect(scan.notFiles).toBe(2);
  });

  it('reads a folder without an objects folder as empty, and a folder that is gone as an error', async () => {
    const folder = tempDir('truceline-layout-');
    expect(await scanFolder(folder)).toEqual({ objects: [], temporaries: [], notFiles: 0 });
    await expect(scanFolder(join(folder, 'unmounted'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
