import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadableDatabase, type ReadableDb } from '../../../main/store/database';
import { importPack } from '../../../main/store/import-pack';
import { DATABASE_FILE, openStore, type Store } from '../../../main/store/store';
import { commission, manyIncidents, NOW, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission, type PackEntry } from './fixtures/store-fixtures';

// The workstation's window reads through connections of its own while an import writes: the WAL
// must not keep what every import wrote (it grew to 600 MiB over a 10,000-incident commission), nor
// outlive the store's close when a read-only connection is the last to close.

let c: Commission;
let entries: PackEntry[];

const walBytes = (store: Store) => {
  const wal = join(store.dir, `${DATABASE_FILE}-wal`);
  return existsSync(wal) ? statSync(wal).size : 0;
};

async function importInto(store: Store, name: string, part = entries): Promise<void> {
  const pack = await writePackTo(tempDir(), name, 'sync', [signedEntry(c.genesis), ...part]);
  const report = await importPack(store, pack, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);
}

/** A reader in the middle of a read transaction, as the window is while it answers: it holds its snapshot until ended. */
function readerInTransaction(db: ReadableDb): () => void {
  const rows = db.prepare('SELECT id FROM objects').pluck().iterate();
  rows.next();
  return () => void rows.return?.();
}

beforeAll(async () => {
  c = await commission();
  entries = await manyIncidents(c, 40, 2_000);
}, 60_000);

afterAll(removeTempDirs);

describe('the store’s WAL', () => {
  it('is emptied after an import while the readers are between reads', async () => {
    const store = openStore(tempDir(), { create: true });
    const reader = openReadableDatabase(join(store.dir, DATABASE_FILE));
    try {
      expect(reader.prepare('SELECT count(*) FROM objects').pluck().get()).toBe(0);
      await importInto(store, 'a.pack');
      expect(walBytes(store)).toBe(0);
      expect(reader.prepare("SELECT count(*) FROM objects WHERE kind = 'incident'").pluck().get()).toBe(40);
    } finally {
      reader.close();
      store.close();
    }
  });

  it('is emptied when the store closes, after a reader kept an import’s checkpoint from finishing, even when a read-only connection closes last', async () => {
    const store = openStore(tempDir(), { create: true });
    await importInto(store, 'a.pack', entries.slice(0, 2));
    const reader = openReadableDatabase(join(store.dir, DATABASE_FILE));
    const endRead = readerInTransaction(reader);
    await importInto(store, 'b.pack', entries.slice(2));
    const walAfterImport = walBytes(store);
    expect(walAfterImport).toBeGreaterThan(0);
    endRead();
    store.close();
    reader.close();
    expect(walBytes(store)).toBe(0);
    expect(statSync(join(store.dir, DATABASE_FILE)).size).toBeGreaterThan(walAfterImport / 2);
  });
});
