import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../../main/store/import-pack';
import { bundleChild, runKillableChild, type ChildRun } from '../fixtures/killable-child';
import { openStore } from '../../../main/store/store';
import { rebuildStore } from '../../../main/store/rebuild';
import { bundleEntries, commission, incidentBundle, manyIncidents, packBytes, sha256Hex, signedEntry, tableDump, removeTempDirs, tempDir, writePackTo } from '../store/fixtures/store-fixtures';

const KILLS = 15;

let work: string;
let cli: string;
let bigPack: string;
let bigIds: string[];
let basePack: string;
let rosterFile: string;

beforeAll(async () => {
  work = tempDir('truceline-kill-');
  // The real CLI, bundled as scripts/build.mjs bundles it, into a folder of the test's own.
  cli = await bundleChild('main/cli/truceline.ts', work);
  const c = await commission();
  rosterFile = join(work, 'genesis.json');
  writeFileSync(rosterFile, c.genesis.bytes);
  basePack = await writePackTo(work, 'base.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(await incidentBundle(c, 1))]);
  const entries = await manyIncidents(c, 1200, 600);
  bigIds = entries.map((entry) => sha256Hex(entry.bytes));
  bigPack = join(work, 'big.pack');
  writeFileSync(bigPack, await packBytes('sync', entries));
}, 60_000);

/** Runs the CLI's import, killing it with SIGKILL after `killAfterMs` (if it has not finished). */
function runImport(db: string, killAfterMs: number): Promise<ChildRun> {
  return runKillableChild(cli, ['store', 'import', bigPack, '--db', db], killAfterMs);
}

interface StoreCheck {
  readonly integrity: string;
  readonly foreignKeyProblems: number;
  readonly bigObjectsStored: number;
  readonly bigImports: readonly { objects_added: number }[];
  readonly baseObjects: unknown[];
}

function checkStore(db: string): StoreCheck {
  const sqlite = new Database(join(db, 'store.db'));
  try {
    const has = sqlite.prepare('SELECT count(*) FROM objects WHERE id = ?').pluck();
    return {
      integrity: sqlite.pragma('integrity_check', { simple: true }) as string,
      foreignKeyProblems: (sqlite.pragma('foreign_key_check') as unknown[]).length,
      bigObjectsStored: bigIds.filter((id) => has.get(id) === 1).length,
      bigImports: sqlite.prepare('SELECT objects_added FROM imports WHERE source = ?').all(bigPack) as { objects_added: number }[],
      baseObjects: tableDump(sqlite as never, '(SELECT * FROM objects WHERE import_id = 1)'),
    };
  } finally {
    sqlite.close();
  }
}

async function baseStore(): Promise<{ readonly dir: string; readonly base: unknown[] }> {
  const dir = join(tempDir(), 'store');
  const store = openStore(dir, { create: true });
  await importPack(store, basePack, { roster: { source: rosterFile, bytes: new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(rosterFile))) } });
  store.close();
  return { dir, base: checkStore(dir).baseObjects };
}

afterAll(removeTempDirs);

describe('an import killed with SIGKILL at random points', () => {
  it(`leaves no partial pack and a sound database, ${KILLS} times, and a re-import then completes`, async () => {
    // One uninterrupted import gives the time span over which the kills are spread.
    const timing = await baseStore();
    const started = performance.now();
    const whole = await runImport(timing.dir, 120_000);
    const fullMs = performance.now() - started;
    expect(whole).toMatchObject({ killed: false, code: 0, stderr: '' });
    expect(checkStore(timing.dir).bigObjectsStored).toBe(bigIds.length);

    let store = await baseStore();
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.round(Math.random() * fullMs * 1.05);
      const run = await runImport(store.dir, delay);
      const check = checkStore(store.dir);
      const stored = check.bigObjectsStored;
      outcomes.push(`${delay} ms: ${run.killed ? 'killed' : `exited ${run.code}`}, ${stored} objects of the pack stored`);
      expect(check.integrity, outcomes.join('\n')).toBe('ok');
      expect(check.foreignKeyProblems).toBe(0);
      expect([0, bigIds.length], outcomes.join('\n')).toContain(stored);
      expect(check.bigImports.length > 0).toBe(stored > 0);
      if (stored > 0) expect(check.bigImports[0]!.objects_added).toBe(bigIds.length);
      expect(check.baseObjects).toEqual(store.base);
      if (!run.killed) {
        expect(run.code).toBe(0);
        store = await baseStore();
      }
    }
    expect(outcomes.filter((o) => o.includes('killed')).length).toBeGreaterThanOrEqual(KILLS / 2);

    const final = await runImport(store.dir, 120_000);
    expect(final).toMatchObject({ killed: false, code: 0 });
    expect(checkStore(store.dir).bigObjectsStored).toBe(bigIds.length);
    const reopened = openStore(store.dir, { create: false });
    const rebuilt = await rebuildStore(reopened);
    expect(rebuilt.problems).toEqual([]);
    expect(rebuilt.chunksVerified).toBe(bigIds.length / 2 + 2);
    reopened.close();
  }, 120_000);
});
