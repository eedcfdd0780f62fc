import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPack } from '../../../main/store/import-pack';
import { openStore } from '../../../main/store/store';
import { openWriterRole } from '../../../main/worker/store-roles';
import { commission, NOW, removeTempDirs, signedEntry, tempDir, writePackTo } from '../store/fixtures/store-fixtures';

afterAll(removeTempDirs);

describe.runIf(process.platform !== 'win32')("the store writer's data folder", () => {
  it('is made private to the user (0700) when the writer opens it, whatever its mode was', async () => {
    const c = await commission();
    const dataDir = tempDir('truceline-data-');
    // A store that already trusts a roster: the writer installs no demo.
    const store = openStore(join(dataDir, 'store'), { create: true });
    await importPack(store, await writePackTo(tempDir('truceline-pack-'), 'g.pack', 'sync', [signedEntry(c.genesis)]), { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
    store.close();
    chmodSync(dataDir, 0o755);

    const writer = await openWriterRole(
      { dataDir, resourcesDir: tempDir() },
      () => undefined,
      () => undefined,
    );
    writer.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'store')).mode & 0o777).toBe(0o700);
  });
});
