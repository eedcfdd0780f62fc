import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildPackIndex, encodePackIndex } from '../../../shared/pack/pack-index';
import type { Sha256Hex } from '../../../shared/objects/types';
import { ImportError, importPack } from '../../../main/store/import-pack';
import type { PackLimits } from '../../../shared/pack/pack-reader';
import { openStore, type Store } from '../../../main/store/store';
import { DERIVED_TABLES } from '../../../main/store/store-writer';
import { craftHeader, craftTar, type CraftedEntry } from '../../shared/pack/tar-fixtures';
import {
  bundleEntries,
  commission,
  incidentBundle,
  NOW,
  packBytes,
  sha256Hex,
  signedEntry,
  tableDump,
  removeTempDirs,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
} from './fixtures/store-fixtures';

let c: Commission;
let bundles: IncidentBundle[];
let store: Store;
let work: string;

const TABLES = ['objects', 'imports', 'quarantine', 'trust', ...DERIVED_TABLES];

async function snapshot(): Promise<Record<string, unknown>> {
  const files: string[] = [];
  for await (const file of store.chunks.files()) files.push(`${file.sha256} ${file.size}${file.partial ? ' partial' : ''}`);
  return { ...Object.fromEntries(TABLES.map((table) => [table, tableDump(store.db, table)])), files };
}

/** Imports bytes as a pack file; expects a one-line ImportError with the pack error code, and the store unchanged. */
async function expectRefused(bytes: Uint8Array, packErrorCode: string, message: RegExp, limits?: Partial<PackLimits>): Promise<void> {
  const path = join(work, `${packErrorCode}.pack`);
  writeFileSync(path, bytes);
  const before = await snapshot();
  const error = await importPack(store, path, { now: NOW, ...(limits ? { limits } : {}) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect(error).toMatchObject({ code: 'bad-pack', packErrorCode });
  const text = (error as Error).message;
  expect(text.startsWith(`${path}: `)).toBe(true);
  expect(text).not.toContain('\n');
  expect(text).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

function indexEntry(entries: readonly { id: string; kind: 'chunk' | 'incident'; size: number }[]): CraftedEntry {
  const index = encodePackIndex(
    buildPackIndex(
      'sync',
      entries.map((e) => ({ ...e, id: e.id as Sha256Hex })),
    ),
  );
  return { name: 'index.json', size: index.length, content: index };
}

function chunkEntry(content: Uint8Array, name = sha256Hex(content)): CraftedEntry {
  return { name, size: content.length, content };
}

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2)];
  work = tempDir('truceline-malformed-');
});

beforeEach(async () => {
  store = openStore(join(tempDir(), 'store'), { create: true });
  const report = await importPack(store, await writePackTo(work, 'base.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(bundles[0]!)]), {
    now: NOW,
    roster: { source: 'genesis.json', bytes: c.genesis.bytes },
  });
  expect(report.rejected).toBe(0);
  return () => store.close();
});

afterAll(removeTempDirs);

describe('packs that cannot be read write nothing', () => {
  it('a truncated pack, even after chunks of it were written', async () => {
    const whole = await packBytes('sync', bundleEntries(bundles[1]!));
    await expectRefused(whole.subarray(0, whole.length - 1500), 'truncated', /ends (inside|after)/);
    await expectRefused(whole.subarray(0, 700), 'truncated', /ends/);
  });

  it('a wrong name, a path traversal, an absolute path and a directory part', async () => {
    const chunk = bundles[1]!.chunks[0]!.bytes;
    const listed = indexEntry([{ id: sha256Hex(chunk), kind: 'chunk', size: chunk.length }]);
    await expectRefused(craftTar([listed, chunkEntry(chunk, 'detections.arrow')]), 'bad-name', /"detections\.arrow"/);
    await expectRefused(craftTar([listed, chunkEntry(chunk, `../${sha256Hex(chunk)}`)]), 'path-traversal', /\.\./);
    await expectRefused(craftTar([listed, chunkEntry(chunk, '/etc/passwd')]), 'absolute-path', /etc\/passwd/);
    await expectRefused(craftTar([listed, chunkEntry(chunk, `objects/${sha256Hex(chunk)}`)]), 'nested-name', /objects\//);
  });

  it('an oversize entry and an oversize index, refused from their headers before any content is read', async () => {
    const rss = process.memoryUsage().rss;
    const chunk = bundles[1]!.chunks[0]!.bytes;
    const listed = indexEntry([{ id: sha256Hex(chunk), kind: 'chunk', size: chunk.length }]);
    const huge = { ...chunkEntry(chunk), size: 5 * 1024 ** 3 };
    await expectRefused(new Uint8Array([...craftTar([listed]).subarray(0, -1024), ...craftHeader(huge), ...chunk]), 'entry-too-large', /5368709120 bytes exceeds the limit/);
    const bigIndex = craftHeader({ name: 'index.json', size: 3 * 1024 ** 3 });
    await expectRefused(new Uint8Array([...bigIndex, ...new Uint8Array(4096)]), 'index-too-large', /3221225472 bytes, over the limit/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 ** 2);
  });

  it('tar bombs: a declared size far beyond the bytes that follow, many entries, a huge archive', async () => {
    const rss = process.memoryUsage().rss;
    const incident = bundles[1]!.incident.bytes;
    // An index and a header that both claim 3 GiB for a signed object: no 3 GiB buffer is ever made.
    const claimed = 3 * 1024 ** 3;
    const id = sha256Hex(incident);
    const bomb = [...craftTar([indexEntry([{ id, kind: 'incident', size: claimed }])]).subarray(0, -1024), ...craftHeader({ name: id, size: claimed }), ...incident];
    await expectRefused(new Uint8Array(bomb), 'truncated', /ends after \d+ of 3221225472 content bytes/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 ** 2);

    const tiny = Array.from({ length: 40 }, (_, i) => new TextEncoder().encode(`entry ${i}`));
    const many = craftTar([indexEntry(tiny.map((b) => ({ id: sha256Hex(b), kind: 'chunk', size: b.length }))), ...tiny.map((b) => chunkEntry(b))]);
    await expectRefused(many, 'too-many-entries', /more than 20 entries/, { maxEntries: 20 });
    await expectRefused(many, 'archive-too-large', /exceed the limit of 8192 bytes/, { maxArchiveBytes: 8192 });
  });

  it('not a pack at all: no index first, a second index, trailing data', async () => {
    const chunk = bundles[1]!.chunks[0]!.bytes;
    const listed = indexEntry([{ id: sha256Hex(chunk), kind: 'chunk', size: chunk.length }]);
    await expectRefused(craftTar([chunkEntry(chunk)]), 'missing-index', /a pack starts with index\.json/);
    await expectRefused(craftTar([listed, listed]), 'misplaced-index', /appears again/);
    await expectRefused(new Uint8Array([...craftTar([listed, chunkEntry(chunk)]), 1, 2, 3]), 'trailing-data', /non-zero bytes after the end/);
    await expectRefused(new TextEncoder().encode('{"not":"a pack"}'), 'truncated', /header of entry 1/);
  });
});
