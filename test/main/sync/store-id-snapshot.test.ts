import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_NODE } from '../../../shared/sync/id-keys';
import { memoryIdSnapshot } from '../../../shared/sync/id-snapshot';
import { importPack } from '../../../main/store/import-pack';
import { openStore } from '../../../main/store/store';
import { snapshotStoreIds } from '../../../main/sync/store-id-snapshot';
import { commission, manyIncidents, NOW, removeTempDirs, signedEntry, tempDir, writePackTo } from '../store/fixtures/store-fixtures';
import { seededRandom } from '../../shared/sync/sync-fixtures';

afterAll(removeTempDirs);

describe('a store id snapshot', () => {
  it('summarises every node as a snapshot of the same ids in memory does, and keeps out objects that arrive after it', async () => {
    const c = await commission();
    const dir = tempDir('truceline-snapshot-');
    const store = openStore(join(dir, 'store'), { create: true });
    await importPack(store, await writePackTo(dir, 'a.pack', 'sync', [signedEntry(c.genesis), ...(await manyIncidents(c, 60, 10))]), {
      now: NOW,
      roster: { source: 'genesis.json', bytes: c.genesis.bytes },
    });
    const ids = store.db.prepare('SELECT id FROM objects').pluck().all() as string[];
    const snapshot = snapshotStoreIds(store.db);
    const reference = memoryIdSnapshot(ids);
    expect(snapshot.totals).toEqual(reference.totals);
    const random = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const depth = Math.floor(random() * 12);
      const node = { depth, prefix: Math.floor(random() * 2 ** depth) };
      expect(snapshot.summary(node)).toEqual(reference.summary(node));
      expect(snapshot.childSummaries(node, 3)).toEqual(reference.childSummaries(node, 3));
      expect(snapshot.idsUnder(node, 5)).toEqual(reference.idsUnder(node, 5));
    }
    await importPack(store, await writePackTo(dir, 'b.pack', 'sync', await manyIncidents(c, 5, 10, 300_000)), { now: NOW });
    expect(snapshot.idsUnder(ROOT_NODE, 1_000)).toEqual([...ids].sort());
    expect(snapshotStoreIds(store.db).totals.count).toBe(ids.length + 10);
    store.close();
  });
});
