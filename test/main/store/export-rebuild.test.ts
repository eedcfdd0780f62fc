import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timestamp } from '../../../shared/objects/types';
import { parsePackIndex } from '../../../shared/pack/pack-index';
import { exportCertificate, exportIncident, exportSince, resolveIncident } from '../../../main/store/export-pack';
import { verifyCertificatePack } from '../../../main/packs/certificate-pack';
import { loadPackFile } from '../../../main/packs/pack-file';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { signStatement } from '../../../shared/objects/sign-object';
import { closedRound } from '../../vectors/closed-round';
import { importPack } from '../../../main/store/import-pack';
import { rebuildStore } from '../../../main/store/rebuild';
import { openStore, type Store } from '../../../main/store/store';
import { storeStatus } from '../../../main/store/store-status';
import {
  bundleEntries,
  commission,
  count,
  derivedDump,
  incidentBundle,
  NOW,
  roundEntries,
  sealedRound,
  sha256Hex,
  signedEntry,
  tableDump,
  removeTempDirs,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
  type SealedRound,
} from './fixtures/store-fixtures';

let c: Commission;
let bundles: IncidentBundle[];
let round: SealedRound;
let source: Store;

const AS_OF = '2026-11-24T00:00:00Z' as Timestamp;

function freshStore(): Store {
  return openStore(join(tempDir(), 'store'), { create: true });
}

const roster = () => ({ source: 'genesis.json', bytes: c.genesis.bytes });

/** The objects table without the columns that say when and by which import an object arrived. */
function objectsDump(store: Store): unknown[] {
  return tableDump(store.db, '(SELECT id, kind, size, hex(body) AS body FROM objects)');
}

function packIndexOf(path: string) {
  const bytes = readFileSync(path);
  const size = parseInt(bytes.subarray(124, 135).toString('ascii'), 8);
  return parsePackIndex(bytes.subarray(512, 512 + size));
}

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2)];
  round = await sealedRound(c, bundles[0]!.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
    { member: 'FRA', key: 'FRA-1' },
  ]);
  source = freshStore();
  const path = await writePackTo(tempDir(), 'all.pack', 'sync', [signedEntry(c.genesis), ...bundles.flatMap(bundleEntries), ...roundEntries(round)]);
  const report = await importPack(source, path, { now: NOW, roster: roster() });
  expect(report.rejections).toEqual([]);
});

afterAll(removeTempDirs);

describe('exporting from the store', () => {
  it('exports an incident with its evidence and the roster chain, and it imports into a fresh store', async () => {
    const out = join(tempDir(), 'incident.pack');
    const result = await exportIncident(source, bundles[1]!.incident.id.slice(0, 10), out);
    expect(result).toMatchObject({ kind: 'incident-bundle', objects: 4, notes: [] });
    expect(
      packIndexOf(out)
        .objects.map((o) => o.id)
        .sort(),
    ).toEqual([c.genesis.id, bundles[1]!.incident.id, ...bundles[1]!.chunks.map((x) => x.id)].sort());
    const target = freshStore();
    const report = await importPack(target, out, { now: NOW, roster: roster() });
    expect(report).toMatchObject({ added: 4, rejected: 0 });
    expect(count(target.db, 'SELECT sum(detections) FROM detection_cells')).toBe(200);
    target.close();
  });

  it('finds an incident by its number and refuses an ambiguous or unknown one', () => {
    expect(resolveIncident(source.db, 'INC-2026-000002')).toBe(bundles[1]!.incident.id);
    expect(() => resolveIncident(source.db, 'INC-2026-424242')).toThrow(/no stored incident has that id or number/);
    expect(() => resolveIncident(source.db, '')).toThrow(/no stored incident/);
  });

  it('round-trips everything since import 0 into a fresh store: the same objects and derived rows', async () => {
    const out = join(tempDir(), 'sync.pack');
    const result = await exportSince(source, { importId: 0 }, out);
    expect(result.objects).toBe(count(source.db, 'SELECT count(*) FROM objects'));
    const target = freshStore();
    const report = await importPack(target, out, { now: NOW, roster: roster() });
    expect(report.rejected).toBe(0);
    expect(objectsDump(target)).toEqual(objectsDump(source));
    expect(derivedDump(target.db)).toEqual(derivedDump(source.db));
    // Nothing was received after the last import: only the roster chain travels.
    const empty = await exportSince(source, { importId: 1 }, join(tempDir(), 'none.pack'));
    expect(empty.objects).toBe(1);
    target.close();
  });

  it('exports a verdict certificate holding exactly what recomputing the verdict needs', async () => {
    const out = join(tempDir(), 'certificate.pack');
    const result = await exportCertificate(source, bundles[0]!.incident.id, 1, AS_OF, out);
    expect(result.verdict.outcome.verdict.outcome).toBe('decided');
    const ids = packIndexOf(out)
      .objects.map((o) => o.id)
      .sort();
    expect(ids).toEqual([c.genesis.id, bundles[0]!.incident.id, round.phase.id, ...round.commitments.map((o) => o.id), ...round.reveals.map((o) => o.id)].sort());
    const target = freshStore();
    const report = await importPack(target, out, { now: NOW, roster: roster() });
    expect(report).toMatchObject({ added: ids.length, rejected: 0 });
    const again = await exportCertificate(target, bundles[0]!.incident.id, 1, AS_OF, join(tempDir(), 'again.pack'));
    expect(again.verdict.outcome).toEqual(result.verdict.outcome);
    // The same objects always give the same pack bytes.
    expect(readFileSync(out)).toEqual(readFileSync(again.path));
    target.close();
  });

  it('refuses to export a chunk damaged on disk under its name', async () => {
    const store = freshStore();
    await importPack(store, await writePackTo(tempDir(), 'b.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(bundles[0]!)]), { now: NOW, roster: roster() });
    const chunk = bundles[0]!.chunks[0]!;
    const bytes = readFileSync(store.chunks.pathOf(chunk.id));
    bytes[100]! ^= 1;
    writeFileSync(store.chunks.pathOf(chunk.id), bytes);
    const out = join(tempDir(), 'x.pack');
    await expect(exportIncident(store, bundles[0]!.incident.id, out)).rejects.toThrow(new RegExp(`object ${chunk.id}: its content hashes to`));
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    store.close();
  });
});

describe('rebuilding the derived tables', () => {
  it('derives exactly the rows the import wrote, verifying every chunk', async () => {
    const before = derivedDump(source.db);
    const report = await rebuildStore(source);
    expect(report.problems).toEqual([]);
    expect(report.chunksVerified).toBe(4);
    expect(report.objects).toMatchObject({ roster: 1, incident: 2, chunk: 4, commitment: 4, phase: 1, assessment: 4 });
    expect(derivedDump(source.db)).toEqual(before);
    expect(report.rows.detection_cells).toBe(before['detection_cells']!.length);
  });

  it('names missing and damaged chunks and removes stray files', async () => {
    const store = freshStore();
    await importPack(store, await writePackTo(tempDir(), 'b.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(bundles[0]!), ...bundleEntries(bundles[1]!)]), {
      now: NOW,
      roster: roster(),
    });
    const [damaged, missing] = [bundles[0]!.chunks[0]!, bundles[1]!.chunks[1]!];
    const bytes = readFileSync(store.chunks.pathOf(damaged.id));
    bytes[bytes.length - 1]! ^= 1;
    writeFileSync(store.chunks.pathOf(damaged.id), bytes);
    rmSync(store.chunks.pathOf(missing.id));
    const stray = new TextEncoder().encode('left by an interrupted import');
    await store.chunks.write(sha256Hex(stray), stray);
    const report = await rebuildStore(store);
    expect(report.problems.map((p) => [p.id, p.problem]).sort()).toEqual(
      [
        [damaged.id, 'chunk-corrupt'],
        [missing.id, 'chunk-missing'],
      ].sort(),
    );
    expect(report.strayFilesRemoved).toBe(1);
    expect(count(store.db, 'SELECT count(*) FROM detection_cells WHERE chunk = ?', damaged.id)).toBe(0);
    // The missing chunk comes back with a re-import of a pack that holds it.
    const again = await importPack(store, await writePackTo(tempDir(), 'c.pack', 'sync', bundleEntries(bundles[1]!)), { now: NOW });
    expect(again.notes.some((note) => /restored/.test(note))).toBe(true);
    expect(await store.chunks.verify(missing.id)).toBe(true);
    store.close();
  });
});

describe('store status and query plans', () => {
  it('counts objects by kind, imports, quarantine and the roster', async () => {
    const status = await storeStatus(source, NOW);
    expect(status.objects.chunk.count).toBe(4);
    expect(status.objects.incident.count).toBe(2);
    expect(status.imports.count).toBe(1);
    expect(status.quarantine.count).toBe(0);
    expect(status.roster?.current).toMatchObject({ id: c.genesis.id, version: 1, status: 'current' });
    expect(status.chunkBytes).toBe(bundles.flatMap((b) => b.chunks).reduce((sum, x) => sum + x.bytes.length, 0));
    expect(status.databaseBytes).toBeGreaterThan(0);
  });

  it('serves the hot queries of import, export and sync from their indexes', () => {
    const plan = (sql: string) => (source.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT 1 FROM objects WHERE id = 'x'")).toMatch(/USING COVERING INDEX sqlite_autoindex_objects_1 \(id=\?\)/);
    expect(plan("SELECT role, size FROM incident_evidence WHERE sha256 = 'x'")).toMatch(/USING INDEX incident_evidence_by_chunk/);
    expect(plan("SELECT 1 FROM detection_cells WHERE chunk = 'x' LIMIT 1")).toMatch(/USING (COVERING )?INDEX detection_cells_by_chunk/);
    expect(plan('SELECT id, kind, size FROM objects WHERE import_id >= 3')).toMatch(/USING INDEX objects_by_import/);
    expect(plan("SELECT object FROM round_objects WHERE incident = 'x' AND round = 1")).toMatch(/USING PRIMARY KEY/);
    expect(plan("SELECT id FROM incidents WHERE incident_number = 'INC'")).toMatch(/USING (COVERING )?INDEX incidents_by_number/);
    expect(plan("SELECT id FROM incidents WHERE id >= 'ab' AND id < 'abg'")).toMatch(/USING PRIMARY KEY/);
    expect(plan("SELECT name, sha256 FROM incident_evidence WHERE incident = 'x'")).toMatch(/USING PRIMARY KEY/);
    expect(plan("SELECT 1 FROM quarantine WHERE object_id = 'x' AND code = 'y'")).toMatch(/USING INDEX quarantine_by_object/);
  });
});

describe('the certificate of a closed round', () => {
  it('carries every stored copy of the closing record and what it names, and verifies as final', async () => {
    const closed = await closedRound();
    const chairOnly = await signStatement(closed.closing.payload, closed.keys.CHAIR, nodeSha256);
    const store = freshStore();
    const pack = await writePackTo(tempDir(), 'closed.pack', 'sync', [...closed.objects, chairOnly].map(signedEntry));
    await importPack(store, pack, { now: NOW, roster: { source: 'genesis.json', bytes: closed.genesis.bytes } });
    const out = join(tempDir(), 'closed-certificate.pack');
    const result = await exportCertificate(store, closed.incident.id, 1, AS_OF, out);
    expect(result.closed).toBe(true);
    expect(
      packIndexOf(out)
        .objects.map((o) => o.id)
        .sort(),
    ).toEqual([...closed.objects.map((o) => o.id), chairOnly.id].sort());
    const verified = await verifyCertificatePack(await loadPackFile(out), closed.genesis.bytes, NOW);
    expect(verified).toMatchObject({ status: 'final', closing: { countersignedBy: ['DEU', 'POL'] }, outcome: { verdict: { outcome: 'decided', finding: 'violation', attribution: 'EAST' } } });
    store.close();
  });
});
