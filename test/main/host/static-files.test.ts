import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUrlPath, readStaticFile } from '../../../main/host/static-files';

describe('static files of the renderer', () => {
  const outside = mkdtempSync(join(tmpdir(), 'truceline-outside-'));
  const parent = mkdtempSync(join(tmpdir(), 'truceline-static-'));
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), 'index');
  writeFileSync(join(root, 'assets', 'app.js'), 'js');
  writeFileSync(join(parent, 'secret.txt'), 'secret');
  writeFileSync(join(outside, 'elsewhere.js'), 'elsewhere');
  symlinkSync(join(outside, 'elsewhere.js'), join(root, 'assets', 'linked.js'));
  symlinkSync(outside, join(root, 'linked-dir'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'inside-link.js'));

  it('serves index.html for the root and files with their content type', async () => {
    expect((await readStaticFile(root, '/'))?.body.toString()).toBe('index');
    expect(await readStaticFile(root, '/assets/app.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8' });
  });

  it('never serves outside its root', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/\0', '/assets']) {
      expect(await readStaticFile(root, path), path).toBeUndefined();
    }
  });

  it('resolves symlinks first: one that points outside the root is not served, one that stays inside is', async () => {
    expect(await readStaticFile(root, '/assets/linked.js')).toBeUndefined();
    expect(await readStaticFile(root, '/linked-dir/elsewhere.js')).toBeUndefined();
    expect((await readStaticFile(root, '/inside-link.js'))?.body.toString()).toBe('js');
  });

  it('decodes URL paths, refusing malformed percent-encoding', () => {
    expect(decodeUrlPath('/a%20b.js')).toBe('/a b.js');
    expect(decodeUrlPath('/%E0%A4%A')).toBeUndefined();
  });
});
