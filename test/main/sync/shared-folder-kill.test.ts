import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../../main/store/import-pack';
import { openStore } from '../../../main/store/store';
import { scanFolder } from '../../../main/sync/shared-folder-layout';
import { bundleChild, checkStore, runKillableChild, type ChildRun } from '../fixtures/killable-child';
import { commission, manyIncidents, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission } from '../store/fixtures/store-fixtures';

// Either side of a shared-folder sync killed with SIGKILL at random points, many times: the store
// stays sound and keeps what it had, the folder never holds bytes under a name that is not theirs,
// and the next sync completes.

const KILLS = 8;

let work: string;
let child: string;
let c: Commission;
let source: { storeDir: string; ids: Set<string> };
let published: string;

beforeAll(async () => {
  work = tempDir('truceline-folder-kill-');
  child = await bundleChild('test/main/sync/fixtures/shared-folder-child.ts', work);
  c = await commission();
  source = { storeDir: await storeWith('source', await manyIncidents(c, 100, 1500)), ids: new Set() };
  source.ids = storedIds(source.storeDir);
  // The source's objects in a folder, published by a run that is not killed.
  published = join(tempDir('truceline-folder-'), 'shared');
  mkdirSync(published);
  expect(await runChild(source.storeDir, published, 10_000_000)).toMatchObject({ killed: false, code: 0 });
}, 120_000);

afterAll(removeTempDirs, 60_000);

async function storeWith(name: string, entries: Parameters<typeof writePackTo>[3]): Promise<string> {
  const storeDir = join(tempDir(`truceline-kill-${name}-`), 'store');
  const store = openStore(storeDir, { create: true });
  const pack = await writePackTo(tempDir(), 'seed.pack', 'sync', [signedEntry(c.genesis), ...entries]);
  await importPack(store, pack, { roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  store.close();
  return storeDir;
}

function storedIds(storeDir: string): Set<string> {
  const db = new Database(join(storeDir, 'store.db'), { readonly: true });
  try {
    return new Set(db.prepare('SELECT id FROM objects').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/** Runs one whole sync of the store with the folder in a child process, killed with SIGKILL after `killAfterMs`. */
function runChild(storeDir: string, folder: string, killAfterMs: number, objectsPerPack = 40): Promise<ChildRun> {
  return runKillableChild(child, [JSON.stringify({ storeDir, dataDir: join(storeDir, '..'), folder, objectsPerPack })], killAfterMs);
}

/** How long a whole run takes once caches are warm: the shorter of two. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const spans: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    await run();
    spans.push(performance.now() - started);
  }
  return Math.min(...spans);
}

describe('a shared-folder sync killed with SIGKILL at random points', () => {
  it(`importing: the store stays sound, loses nothing and takes nothing false, ${KILLS} times; the next sync completes`, async () => {
    const fullMs = await timed(async () => expect(await runChild(await storeWith('timing', []), published, 120_000)).toMatchObject({ killed: false, code: 0 }));
    let target = await storeWith('target', []);
    let before = storedIds(target);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.round(Math.random() * fullMs);
      const run = await runChild(target, published, delay);
      const check = checkStore(target);
      outcomes.push(`${delay} ms: ${run.killed ? 'killed' : `exited ${run.code} ${run.stderr}`}, ${check.ids.size} objects stored`);
      expect(check.integrity, outcomes.join('\n')).toBe('ok');
      expect(check.quarantined, outcomes.join('\n')).toBe(0);
      for (const id of before) expect(check.ids.has(id)).toBe(true);
      for (const id of check.ids) expect(source.ids.has(id)).toBe(true);
      before = check.ids;
      if (!run.killed) {
        // It finished before the kill: start again from a store that lacks everything.
        expect(run.code, run.stderr).toBe(0);
        expect(check.ids).toEqual(source.ids);
        target = await storeWith('target', []);
        before = storedIds(target);
      }
    }
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(KILLS / 2);
    expect(await runChild(target, published, 120_000)).toMatchObject({ killed: false, code: 0 });
    expect(checkStore(target)).toEqual({ integrity: 'ok', ids: source.ids, quarantined: 0 });
  }, 120_000);

  it(`publishing: every name in the folder holds exactly its bytes, ${KILLS} times; the next sync publishes everything`, async () => {
    const emptyFolder = () => {
      const path = join(tempDir('truceline-folder-'), 'shared');
      mkdirSync(path);
      return path;
    };
    let folder = emptyFolder();
    const fullMs = await timed(async () => expect(await runChild(source.storeDir, emptyFolder(), 120_000)).toMatchObject({ killed: false, code: 0 }));
    let count = 0;
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.round(Math.random() * fullMs);
      const run = await runChild(source.storeDir, folder, delay);
      const scan = await scanFolder(folder);
      outcomes.push(`${delay} ms: ${run.killed ? 'killed' : `exited ${run.code} ${run.stderr}`}, ${scan.objects.length} objects in the folder`);
      for (const object of scan.objects) expect(createHash('sha256').update(readFileSync(object.path)).digest('hex'), outcomes.join('\n')).toBe(object.id);
      expect(scan.objects.length).toBeGreaterThanOrEqual(count);
      count = scan.objects.length;
      if (!run.killed) {
        expect(run.code, run.stderr).toBe(0);
        expect(count).toBe(source.ids.size);
        folder = emptyFolder();
        count = 0;
      }
    }
    expect(outcomes.filter((o) => o.includes('killed')).length, outcomes.join('\n')).toBeGreaterThanOrEqual(KILLS / 2);
    expect(await runChild(source.storeDir, folder, 120_000)).toMatchObject({ killed: false, code: 0 });
    expect(new Set((await scanFolder(folder)).objects.map((o) => o.id))).toEqual(source.ids);
    // The source store itself was never harmed by being killed while it published.
    expect(checkStore(source.storeDir)).toEqual({ integrity: 'ok', ids: source.ids, quarantined: 0 });
  }, 120_000);
});
