import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../main/host/static-files';

describe('static files of the renderer', () => {
  const root = mkdtempSync(join(tmpdir(), 'truceline-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), 'index');
  writeFileSync(join(root, 'assets', 'app.js'), 'js');
  writeFileSync(join(root, '..', 'secret.txt'), 'secret');

  it('serves index.html for the root and files with their content type', async () => {
    expect((await readStaticFile(root, '/'))?.body.toString()).toBe('index');
    expect(await readStaticFile(root, '/assets/app.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8' });
  });

  it('never serves outside its root', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/assets/../../secret.txt', '/%00', '/%E0%A4%A']) {
      expect(await readStaticFile(root, path)).toBeUndefined();
    }
  });
});
