// The two stores of `npm run bench:sync`: a base store holding the bench commission
// (bench/app-commission.ts) less a random 1% of its objects (never the roster), and a pack holding
// exactly that 1%. Built once and cached in .bench-cache/ keyed by size and builder version.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PackObjectKind } from '../shared/pack/pack-index';
import { createNodeSha256 } from '../main/crypto/node-incremental-sha256';
import { fileChunks, writePackFile, type PackInput } from '../main/packs/pack-file';
import { readPack } from '../shared/pack/pack-reader';
import { importPack } from '../main/store/import-pack';
import { openStore } from '../main/store/store';
import { benchCommission } from './app-commission';

const SYNC_BASE_VERSION = 1;
/** One object in this many is left out of the base store. */
const MISSING_ONE_IN = 100;

export interface SyncBenchBase {
  readonly size: number;
  readonly dir: string;
  /** The store folder holding everything but the missing objects. */
  readonly baseStore: string;
  readonly rosterFile: string;
  /** A sync pack of exactly the missing objects. */
  readonly missingPack: string;
  readonly missingObjects: number;
  /** The missing objects' own bytes (their contents, not the pack's). */
  readonly missingBytes: number;
  readonly allObjects: number;
  readonly buildSeconds: number;
}

export async function syncBenchBase(size: number, cacheRoot: string, log: (line: string) => void): Promise<SyncBenchBase> {
  const dir = resolve(cacheRoot, `sync-base-v${SYNC_BASE_VERSION}-${size}`);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as SyncBenchBase;
  const commission = await benchCommission(size, cacheRoot, log);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const start = performance.now();
  const baseStore = join(dir, 'store');
  const rosterBytes = new Uint8Array(await readFile(commission.rosterFile));
  const rosterPack = join(dir, 'roster.pack');
  await writePackFile(rosterPack, 'sync', [{ kind: 'roster', bytes: rosterBytes }]);
  const store = openStore(baseStore, { create: true });
  const random = seeded(size);
  const missing: PackInput[] = [];
  let allObjects = 1;
  try {
    await importPack(store, rosterPack, { roster: { source: commission.rosterFile, bytes: rosterBytes } });
    for (const [i, pack] of commission.packs.entries()) {
      const kept: PackInput[] = [];
      for (const object of await signedObjectsOf(pack)) {
        allObjects += 1;
        if (object.kind !== 'roster' && random() * MISSING_ONE_IN < 1) missing.push(object);
        else kept.push(object);
      }
      const filtered = join(dir, 'filtered.pack');
      await writePackFile(filtered, 'sync', kept);
      const report = await importPack(store, filtered);
      if (report.rejected > 0) throw new Error(`base store: ${pack}: ${report.rejected} refused, the first: ${report.rejections[0]?.reason}`);
      await rm(filtered);
      log(`sync bench base ${size}: pack ${i + 1}/${commission.packs.length} imported (${report.added} objects, ${(report.elapsedMs / 1000).toFixed(1)} s)`);
    }
  } finally {
    store.close();
  }
  const missingPack = join(dir, 'missing.pack');
  await writePackFile(missingPack, 'sync', missing);
  const missingBytes = missing.reduce((sum, object) => sum + ('bytes' in object ? object.bytes.length : object.size), 0);
  const base: SyncBenchBase = {
    size,
    dir,
    baseStore,
    rosterFile: commission.rosterFile,
    missingPack,
    missingObjects: missing.length,
    missingBytes,
    allObjects,
    buildSeconds: (performance.now() - start) / 1000,
  };
  await writeFile(manifest, `${JSON.stringify(base, null, 2)}\n`);
  return base;
}

/** The signed objects of a bench pack, held in memory (a pack of 1,000 incidents is about 135 MiB). */
async function signedObjectsOf(pack: string): Promise<{ kind: PackObjectKind; bytes: Uint8Array }[]> {
  const objects: { kind: PackObjectKind; bytes: Uint8Array }[] = [];
  let held: { kind: PackObjectKind; bytes: Uint8Array } | undefined;
  for await (const item of readPack(fileChunks(pack), { sha256: createNodeSha256 })) {
    if (item.type === 'object') {
      const parts: Uint8Array[] = [];
      for await (const part of item.content) parts.push(part);
      held = item.kind === undefined ? undefined : { kind: item.kind, bytes: Buffer.concat(parts) };
    } else if (item.type === 'verified' && held) {
      if (held.kind === 'chunk') throw new Error(`${pack}: the bench commission holds no chunks`);
      objects.push(held);
      held = undefined;
    } else if (item.type === 'rejected') throw new Error(`${pack}: ${item.message}`);
  }
  return objects;
}

function seeded(seed: number): () => number {
  let state = (seed * 2_654_435_761 + 7) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
