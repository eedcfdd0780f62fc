import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/store/store';
import { runCliInProcess, type CliRun as Run } from './cli-in-process';
import {
  bundleEntries,
  commission,
  corruptObject,
  incidentBundle,
  packBytes,
  roundEntries,
  sealedRound,
  signedEntry,
  removeTempDirs,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
  type SealedRound,
} from '../store/fixtures/store-fixtures';

async function cli(...argv: string[]): Promise<Run> {
  return runCliInProcess(argv);
}

let c: Commission;
let bundles: IncidentBundle[];
let round: SealedRound;
let work: string;
let rosterFile: string;

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2)];
  round = await sealedRound(c, bundles[0]!.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
    { member: 'FRA', key: 'FRA-1' },
  ]);
  work = tempDir('truceline-cli-');
  rosterFile = join(work, 'genesis.json');
  writeFileSync(rosterFile, c.genesis.bytes);
});

afterAll(removeTempDirs);

describe('truceline store', () => {
  it('imports packs, reports status, exports and rebuilds', async () => {
    const db = join(work, 'store-a');
    const bundlePack = await writePackTo(work, 'incidents.pack', 'sync', bundles.flatMap(bundleEntries));
    const roundPack = await writePackTo(work, 'round.pack', 'sync', roundEntries(round));

    const first = await cli('store', 'import', bundlePack, roundPack, '--db', db, '--roster', rosterFile, '--at', '2026-12-01T00:00:00Z');
    expect(first.stderr).toMatch(/^truceline store import: Unknown option '--at'/);
    expect(first.code).toBe(1);

    const imported = await cli('store', 'import', bundlePack, roundPack, '--db', db, '--roster', rosterFile);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^${bundlePack}: 7 added, 0 already present, 0 rejected \\(sync pack, import 1, .*roster v1, pinned now\\)$`, 'm'));
    expect(imported.stdout).toMatch(new RegExp(`^${roundPack}: 9 added, 0 already present, 0 rejected \\(sync pack, import 2,`, 'm'));
    expect(imported.stdout.trimEnd().split('\n').at(-1)).toBe('2 pack(s) imported; nothing quarantined');

    const again = await cli('store', 'import', bundlePack, '--db', db, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, imports: [{ added: 0, present: 6, rejected: 0 }], failures: [] });

    const status = await cli('store', 'status', '--db', db, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ objects: { incident: { count: 2 }, chunk: { count: 4 }, roster: { count: 1 } }, imports: { count: 3 }, roster: { current: { version: 1 } } });
    expect((await cli('store', 'status', '--db', db)).stdout).toMatch(/^ {2}roster v1 [0-9a-f]{64}, expires 2027-11-01T00:00:00Z$/m);

    const incidentOut = join(work, 'one.pack');
    const exported = await cli('store', 'export', '--db', db, '--incident', 'INC-2026-000002', '--out', incidentOut);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toMatch(/incident-bundle pack of 4 objects/);

    const certificateOut = join(work, 'certificate.pack');
    const certificate = await cli('store', 'export', '--db', db, '--certificate', bundles[0]!.incident.id.slice(0, 12), '--at', '2026-11-24T00:00:00Z', '--out', certificateOut);
    expect(certificate.code).toBe(0);
    expect(certificate.stdout).toMatch(/^DECIDED: violation, attribution EAST — /m);
    const verified = await cli('verify', certificateOut, '--roster', rosterFile, '--at', '2026-11-24T00:00:00Z');
    expect(verified.code).toBe(0);

    const syncOut = join(work, 'sync.pack');
    expect((await cli('store', 'export', '--db', db, '--since', '1', '--out', syncOut)).stdout).toMatch(/objects from import 2 on, sync pack of 10 objects/);
    const peer = join(work, 'store-b');
    expect((await cli('store', 'import', incidentOut, syncOut, '--db', peer, '--roster', rosterFile)).code).toBe(0);

    const rebuilt = await cli('store', 'rebuild', '--db', db);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/chunks verified 4 .*stray files removed 0/);
  });

  it('exits 3 when objects were rejected, listing each with its code', async () => {
    const db = join(work, 'store-c');
    const path = join(work, 'corrupt.pack');
    const victim = bundles[1]!.incident;
    writeFileSync(path, corruptObject(await packBytes('sync', [signedEntry(c.genesis), ...bundles.flatMap(bundleEntries)]), victim.id));
    const run = await cli('store', 'import', path, '--db', db, '--roster', rosterFile);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(new RegExp(`^  rejected \\[digest-mismatch\\] object ${victim.id}: its content hashes to [0-9a-f]{64}$`, 'm'));
    // Its chunks are then unreferenced: quarantined too, never stored.
    expect(run.stdout.match(/rejected \[unreferenced-chunk\]/g)).toHaveLength(2);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 pack(s) imported; 3 object(s) QUARANTINED (see `truceline store status`)');
    const json = await cli('store', 'import', path, '--db', join(work, 'store-c2'), '--roster', rosterFile, '--json');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, quarantined: 3 });
  });

  it('gives one-line errors naming the file, with the documented exit codes', async () => {
    const db = join(work, 'store-d');
    const missing = await cli('store', 'import', join(work, 'absent.pack'), '--db', db, '--roster', rosterFile);
    expect(missing).toMatchObject({ code: 2, stderr: `truceline store import: ${join(work, 'absent.pack')}: no such file\n` });

    const truncatedPath = join(work, 'truncated.pack');
    const whole = await packBytes('sync', [signedEntry(c.genesis), ...bundleEntries(bundles[0]!)]);
    writeFileSync(truncatedPath, whole.subarray(0, whole.length - 3000));
    const truncated = await cli('store', 'import', truncatedPath, '--db', db, '--roster', rosterFile);
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(new RegExp(`^truceline store import: ${truncatedPath}: .*\\n$`));
    expect(truncated.stderr.split('\n')).toHaveLength(2);

    const noRoster = await cli('store', 'import', truncatedPath, '--db', join(work, 'store-e'));
    expect(noRoster.code).toBe(1);
    expect(noRoster.stderr).toMatch(/the store trusts no roster yet; give the commission's roster with --roster FILE on the first import/);

    const refusedRoster = join(work, 'v2-alone.json');
    writeFileSync(refusedRoster, readFileSync(rosterFile).subarray(0, 40));
    const badRoster = await cli('store', 'import', await writePackTo(work, 'r.pack', 'sync', [signedEntry(c.genesis)]), '--db', join(work, 'store-f'), '--roster', refusedRoster);
    expect(badRoster.code).toBe(3);
    expect(badRoster.stderr).toMatch(new RegExp(`^truceline store import: roster ${refusedRoster}: `));

    expect((await cli('store', 'status', '--db', join(work, 'nowhere'))).stderr).toBe(`truceline store status: ${join(work, 'nowhere')}: no store here (store.db is missing)\n`);
    expect((await cli('store', 'export', '--db', db, '--out', join(work, 'x.pack'))).stderr).toMatch(/give exactly one of --incident, --since or --certificate/);
    const unknown = await cli('store', 'export', '--db', join(work, 'store-c'), '--incident', 'INC-0', '--out', join(work, 'x.pack'));
    expect(unknown).toMatchObject({ code: 1, stderr: 'truceline store export: incident INC-0: no verified incident in the store has that id or number\n' });
    expect((await cli('store', 'import', '--help')).stdout).toMatch(/^usage: truceline store import PACK… --db DIR \[--roster FILE\]/);
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO or a device as a pack with one line naming it, without blocking, and imports the next pack', async () => {
    const fifo = join(work, 'fifo.pack');
    execFileSync('mkfifo', [fifo]);
    const good = await writePackTo(work, 'after-fifo.pack', 'sync', [signedEntry(c.genesis)]);
    const run = await Promise.race([
      cli('store', 'import', fifo, '/dev/null', good, '--db', join(work, 'store-h'), '--roster', rosterFile),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('store import blocked on the FIFO')), 5000)),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`truceline store import: ${fifo}: is a FIFO (named pipe), not a pack file\ntruceline store import: /dev/null: is a device, not a pack file\n`);
    expect(run.stdout).toMatch(new RegExp(`^${good}: 1 added, `, 'm'));
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 pack(s) imported, 2 not imported; nothing quarantined');
  });

  it('stores nothing of a pack that cannot be read', async () => {
    const db = join(work, 'store-g');
    expect((await cli('store', 'import', await writePackTo(work, 'g.pack', 'sync', [signedEntry(c.genesis)]), '--db', db, '--roster', rosterFile)).code).toBe(0);
    const whole = await packBytes('sync', bundles.flatMap(bundleEntries));
    const path = join(work, 'cut.pack');
    writeFileSync(path, whole.subarray(0, whole.length - 2000));
    expect((await cli('store', 'import', path, '--db', db)).code).toBe(2);
    const store = openStore(db, { create: false });
    expect(store.db.prepare('SELECT count(*) FROM objects').pluck().get()).toBe(1);
    expect(store.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);
    const files = [];
    for await (const file of store.chunks.files()) files.push(file);
    expect(files).toEqual([]);
    store.close();
  });
});
