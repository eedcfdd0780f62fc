import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeDetections, encodeDetections } from '../../../shared/evidence/detections-codec';
import type { Sha256Hex } from '../../../shared/objects/types';
import { buildPackIndex, encodePackIndex } from '../../../shared/pack/pack-index';
import { exportIncident } from '../../../main/store/export-pack';
import { ImportError, importPack, type ImportReport } from '../../../main/store/import-pack';
import { QUARANTINE_ROWS_PER_CODE, quarantineRows } from '../../../main/store/quarantine';
import { openStore, type Store } from '../../../main/store/store';
import { StoreReader } from '../../../main/store/store-reader';
import { craftTar } from '../../shared/pack/tar-fixtures';
import { syntheticDetections } from '../../shared/evidence/evidence-fixtures';
import { incidentPayload } from '../../vectors/commission';
import {
  bundleEntries,
  commission,
  count,
  incidentBundle,
  NOW,
  removeTempDirs,
  sha256Hex,
  signedEntry,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
  type PackEntry,
} from './fixtures/store-fixtures';

vi.mock('../../../shared/evidence/detections-codec', async (importOriginal) => {
  const codec = await importOriginal<typeof import('../../../shared/evidence/detections-codec')>();
  return { ...codec, decodeDetections: vi.fn(codec.decodeDetections) };
});
const decoded = vi.mocked(decodeDetections);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let c: Commission;
let bundle: IncidentBundle;

beforeAll(async () => {
  c = await commission();
  bundle = await incidentBundle(c, 1);
});
afterAll(removeTempDirs);

function freshStore(): Store {
  return openStore(join(tempDir(), 'store'), { create: true });
}

const rosterOption = () => ({ source: 'genesis.json', bytes: c.genesis.bytes });

async function importEntries(store: Store, entries: readonly PackEntry[], roster = true): Promise<ImportReport> {
  const path = await writePackTo(tempDir('truceline-pack-'), 'test.pack', 'sync', entries);
  return importPack(store, path, { now: NOW, ...(roster ? { roster: rosterOption() } : {}) });
}

function chunkFolderFiles(store: Store): string[] {
  return readdirSync(store.chunks.rootDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

/** Runs `body` while sampling live memory (after a full collection) every few milliseconds; the peak above what was live before. */
async function peakLiveGrowth<T>(body: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const live = () => {
    collectGarbage();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = live();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, live())), 2);
  try {
    const result = await body();
    peak = Math.max(peak, live());
    return { result, growth: peak - baseline };
  } finally {
    clearInterval(timer);
  }
}

describe('a chunk no signed incident lists', () => {
  it('is never decoded nor indexed, and costs no memory of its size', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis)]);
    const listed = bundle.chunks.find((chunk) => chunk.role === 'detections')!;
    const unlisted = encodeDetections(syntheticDetections(5000, 99));
    // 48 MiB that start like an Arrow file: before the fix the import held them in memory to decode them.
    const large = new Uint8Array(48 << 20);
    large.set(new TextEncoder().encode('ARROW1'));
    large.fill(7, 8);
    const path = await writePackTo(tempDir('truceline-pack-'), 'unlisted.pack', 'sync', [...bundleEntries(bundle), { kind: 'chunk', bytes: unlisted }, { kind: 'chunk', bytes: large }]);
    decoded.mockClear();

    const { result: report, growth } = await peakLiveGrowth(() => importPack(store, path, { now: NOW }));

    expect(report.rejections.map((r) => [r.id, r.code]).sort()).toEqual(
      [
        [sha256Hex(unlisted), 'unreferenced-chunk'],
        [sha256Hex(large), 'unreferenced-chunk'],
      ].sort(),
    );
    expect(decoded.mock.calls.map(([bytes]) => sha256Hex(bytes))).toEqual([listed.id]);
    expect(count(store.db, 'SELECT count(*) FROM detection_cells WHERE chunk IN (?, ?)', sha256Hex(unlisted), sha256Hex(large))).toBe(0);
    expect(count(store.db, 'SELECT sum(detections) FROM detection_cells WHERE chunk = ?', listed.id)).toBe(200);
    expect(growth).toBeLessThan(24 << 20);
    expect(chunkFolderFiles(store)).toEqual(bundle.chunks.map((chunk) => chunk.id).sort());
    store.close();
  });

  it('is decoded once kept when its incident comes after it in the pack', async () => {
    // A pack lists objects in id order: find incidents whose detections chunk sorts before them, and after them.
    const bundles = await Promise.all([2, 3, 4, 5, 6, 7, 8, 9].map((n) => incidentBundle(c, n)));
    const detections = (b: IncidentBundle) => b.chunks.find((chunk) => chunk.role === 'detections')!;
    const chunkFirst = bundles.find((b) => detections(b).id < b.incident.id)!;
    const incidentFirst = bundles.find((b) => detections(b).id > b.incident.id)!;
    for (const b of [chunkFirst, incidentFirst]) {
      const store = freshStore();
      await importEntries(store, [signedEntry(c.genesis)]);
      decoded.mockClear();
      const report = await importEntries(store, bundleEntries(b), false);
      expect(report.rejections).toEqual([]);
      expect(decoded.mock.calls.map(([bytes]) => sha256Hex(bytes))).toEqual([detections(b).id]);
      expect(count(store.db, 'SELECT sum(detections) FROM detection_cells WHERE chunk = ?', detections(b).id)).toBe(200);
      store.close();
    }
  });
});

describe('the quarantine of an unsigned pack', () => {
  it('records a bounded number of rows per code, with the count of the rest', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis)]);
    const absent = Array.from({ length: 5000 }, (_, i) => ({ id: sha256Hex(new TextEncoder().encode(`absent ${i}`)) as Sha256Hex, kind: 'chunk' as const, size: 10 }));
    const index = encodePackIndex(buildPackIndex('sync', absent));
    const path = join(tempDir('truceline-pack-'), 'absent.pack');
    writeFileSync(path, craftTar([{ name: 'index.json', size: index.length, content: index }]));

    const report = await importPack(store, path, { now: NOW });
    expect(report.rejected).toBe(5000);
    expect(report.rejections).toHaveLength(QUARANTINE_ROWS_PER_CODE + 1);
    const rows = quarantineRows(store.db, report.importId);
    expect(rows).toHaveLength(QUARANTINE_ROWS_PER_CODE + 1);
    expect(rows.every((row) => row.code === 'missing-object')).toBe(true);
    expect(rows.at(-1)).toMatchObject({
      objectId: null,
      reason: `${5000 - QUARANTINE_ROWS_PER_CODE} more object(s) of this pack refused with missing-object, counted but not recorded one by one (the first ${QUARANTINE_ROWS_PER_CODE} are)`,
    });
    expect(count(store.db, 'SELECT objects_rejected FROM imports WHERE id = ?', report.importId)).toBe(5000);
    store.close();
  });
});

describe('chunks and evidence that name signed objects', () => {
  it('refuses a chunk whose bytes are a stored signed object, leaving no file', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis), ...bundleEntries(bundle)]);
    const before = chunkFolderFiles(store);
    const report = await importEntries(store, [{ kind: 'chunk', bytes: bundle.incident.bytes }], false);
    expect(report.rejections).toEqual([
      { id: bundle.incident.id, kind: 'incident', code: 'index-kind-mismatch', reason: expect.stringMatching(/lists it as a chunk, but its signed bytes make it an incident$/) },
    ]);
    expect(report.notes).toEqual([]);
    expect(chunkFolderFiles(store)).toEqual(before);
    expect(count(store.db, "SELECT count(*) FROM objects WHERE id = ? AND kind = 'incident'", bundle.incident.id)).toBe(1);
    store.close();
  });

  it('does not call evidence that names a stored signed object present', async () => {
    const store = freshStore();
    const odd = await c.log.sign(
      'MISSION',
      incidentPayload(c.log, {
        incident: 'INC-2026-777777',
        evidence: [{ name: 'tracks.arrow', role: 'tracks', mediaType: 'application/vnd.apache.arrow.file', sha256: bundle.incident.id as string as Sha256Hex, size: bundle.incident.bytes.length }],
      }),
    );
    await importEntries(store, [signedEntry(c.genesis), signedEntry(bundle.incident)]);
    const report = await importEntries(store, [signedEntry(odd), { kind: 'chunk', bytes: bundle.incident.bytes }], false);
    expect(report.rejections.map((r) => r.code)).toEqual(['index-kind-mismatch']);
    expect(report.notes).toContain(`incident ${odd.id.slice(0, 8)}…: evidence tracks.arrow (${bundle.incident.id.slice(0, 8)}…) names an incident, not a chunk: it can never be present`);
    expect(report.notes.some((note) => /restored/.test(note))).toBe(false);
    expect(new StoreReader(store.db).chunkPresent(bundle.incident.id)).toBe(false);
    expect(chunkFolderFiles(store)).toEqual([]);
    const exported = await exportIncident(store, odd.id, join(tempDir('truceline-out-'), 'odd.pack'));
    expect(exported.notes).toEqual([`incident ${odd.id.slice(0, 8)}…: evidence tracks.arrow (${bundle.incident.id.slice(0, 8)}…) is not in the store (that id is an incident, not a chunk)`]);
    store.close();
  });
});

const posix = process.platform !== 'win32';

describe.runIf(posix)('the store folder', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  it('is private to the user whatever the umask: folders 0700, database files and chunks 0600, fixed on open', async () => {
    const previous = process.umask(0);
    try {
      const dir = join(tempDir(), 'store');
      const store = openStore(dir, { create: true });
      await importEntries(store, [signedEntry(c.genesis), ...bundleEntries(bundle)]);
      const chunkFile = store.chunks.pathOf(bundle.chunks[0]!.id);
      const folders = [dir, store.chunks.rootDir, join(store.chunks.rootDir, bundle.chunks[0]!.id.slice(0, 2))];
      const files = [join(dir, 'store.db'), join(dir, 'store.db-wal'), join(dir, 'store.db-shm'), chunkFile];
      for (const path of folders) expect([path, mode(path)]).toEqual([path, 0o700]);
      for (const path of files) expect([path, mode(path)]).toEqual([path, 0o600]);
      store.close();

      // A store made before, or under another umask: opening it makes it private again.
      for (const path of [...folders]) chmodSync(path, 0o755);
      for (const path of files.filter(existsSync)) chmodSync(path, 0o644);
      openStore(dir, { create: false }).close();
      for (const path of folders) expect([path, mode(path)]).toEqual([path, 0o700]);
      expect(mode(join(dir, 'store.db'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});

describe.runIf(posix)('a pack path that is not a regular file', () => {
  it('is refused with one line naming it, without blocking: a FIFO, a device, a folder', async () => {
    const store = freshStore();
    const fifo = join(tempDir(), 'incoming.pack');
    execFileSync('mkfifo', [fifo]);
    const within = <T>(promise: Promise<T>) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the import blocked')), 3000))]);
    await expect(within(importPack(store, fifo, { roster: rosterOption() }))).rejects.toThrow(new ImportError('io', `${fifo}: is a FIFO (named pipe), not a pack file`));
    await expect(within(importPack(store, '/dev/zero', { roster: rosterOption() }))).rejects.toThrow(new ImportError('io', '/dev/zero: is a device, not a pack file'));
    const folder = tempDir();
    await expect(within(importPack(store, folder, { roster: rosterOption() }))).rejects.toThrow(new ImportError('io', `${folder}: is a folder, not a pack file`));
    expect(count(store.db, 'SELECT count(*) FROM imports')).toBe(0);
    store.close();
  });
});
