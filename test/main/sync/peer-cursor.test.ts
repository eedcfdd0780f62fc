import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../../main/store/import-pack';
import { openStore, type Store } from '../../../main/store/store';
import { countObjectsPeerLacks, currentThroughRowid, objectsPeerLacks, peerCursorFile, PeerCursorError, readPeerCursor, recordExchange, recordReceivedFrom } from '../../../main/sync/peer-cursor';
import { commission, manyIncidents, NOW, removeTempDirs, sha256Hex, signedEntry, tempDir, writePackTo, type Commission, type PackEntry } from '../store/fixtures/store-fixtures';

let c: Commission;
let batches: PackEntry[][];

beforeAll(async () => {
  c = await commission();
  batches = await Promise.all([0, 1, 2].map((i) => manyIncidents(c, 3, 20, 200_000 + 10 * i)));
});

afterAll(removeTempDirs);

async function freshStore(): Promise<Store> {
  const dir = tempDir('truceline-cursor-');
  const store = openStore(join(dir, 'store'), { create: true });
  await importPack(store, await writePackTo(dir, 'roster.pack', 'sync', [signedEntry(c.genesis)]), { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  return store;
}

async function add(store: Store, entries: readonly PackEntry[]): Promise<number> {
  const report = await importPack(store, await writePackTo(tempDir(), 'batch.pack', 'sync', entries), { now: NOW });
  expect(report.added).toBe(entries.length);
  return report.importId;
}

const lackedIds = (store: Store, peer: string) =>
  [...objectsPeerLacks(store, peer).pages(2)]
    .flat()
    .map((row) => row.id)
    .sort();
const idsOf = (entries: readonly PackEntry[]) => entries.map((e) => sha256Hex(e.bytes)).sort();

describe('peer cursor', () => {
  it('without a cursor a peer lacks everything; after an exchange, only what arrived since, page by page', async () => {
    const store = await freshStore();
    await add(store, batches[0]!);
    expect(readPeerCursor(store, 'GBR laptop')).toBeNull();
    expect(countObjectsPeerLacks(store, 'GBR laptop')).toBe(1 + batches[0]!.length);
    const cursor = recordExchange(store, 'GBR laptop', { via: 'pack', at: 1_000 });
    expect(cursor).toMatchObject({ peer: 'GBR laptop', throughRowid: currentThroughRowid(store.db), objectsThrough: 1 + batches[0]!.length, at: 1_000, via: 'pack' });
    expect(readPeerCursor(store, 'GBR laptop')).toEqual(cursor);
    expect(countObjectsPeerLacks(store, 'GBR laptop')).toBe(0);
    await add(store, batches[1]!);
    expect(lackedIds(store, 'GBR laptop')).toEqual(idsOf(batches[1]!));
    // Another peer has its own cursor.
    expect(countObjectsPeerLacks(store, 'POL desk')).toBe(1 + 2 * batches[0]!.length);
    store.close();
  });

  it('objects an import brought from the peer do not count as lacking', async () => {
    const store = await freshStore();
    recordExchange(store, 'peer', { via: 'catch-up' });
    const fromPeer = await add(store, batches[0]!);
    await add(store, batches[1]!);
    recordReceivedFrom(store, 'peer', fromPeer);
    expect(lackedIds(store, 'peer')).toEqual(idsOf(batches[1]!));
    const cursor = recordExchange(store, 'peer', { via: 'catch-up', throughRowid: currentThroughRowid(store.db) - batches[1]!.length, fromPeerImports: [] });
    expect(cursor.fromPeerImports).toEqual([]);
    expect(lackedIds(store, 'peer')).toEqual(idsOf(batches[1]!));
    store.close();
  });

  it('a damaged record, or one that no longer matches the database, counts as no cursor: everything again', async () => {
    const store = await freshStore();
    await add(store, batches[0]!);
    recordExchange(store, 'peer', { via: 'pack' });
    writeFileSync(peerCursorFile(store), '{"version":1,"peers":{"peer":{"peer":"peer","throughRowid":"7"}}}');
    expect(readPeerCursor(store, 'peer')).toBeNull();
    expect(countObjectsPeerLacks(store, 'peer')).toBe(1 + batches[0]!.length);
    writeFileSync(peerCursorFile(store), 'not json');
    expect(countObjectsPeerLacks(store, 'peer')).toBe(1 + batches[0]!.length);
    const cursor = recordExchange(store, 'peer', { via: 'pack' });
    writeFileSync(peerCursorFile(store), JSON.stringify({ version: 1, peers: { peer: { ...cursor, objectsThrough: cursor.objectsThrough + 1 } } }));
    expect(readPeerCursor(store, 'peer')).toBeNull();
    expect(countObjectsPeerLacks(store, 'peer')).toBe(1 + batches[0]!.length);
    store.close();
  });

  it('refuses a peer name that is empty, too long or holds control characters, in one line', async () => {
    const store = await freshStore();
    for (const peer of ['', 'x'.repeat(201), 'a\nb']) {
      expect(() => recordExchange(store, peer, { via: 'pack' })).toThrow(PeerCursorError);
      expect(() => countObjectsPeerLacks(store, peer)).toThrow(/a peer is named by 1 to 200 printable characters/);
    }
    store.close();
  });
});
