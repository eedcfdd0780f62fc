import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64, fromBase64 } from '../../../shared/encoding/base64';
import { encodeEnvelope } from '../../../shared/objects/envelope';
import { signRoster, signStatement } from '../../../shared/objects/sign-object';
import { ENVELOPE_JSON_LIMITS } from '../../../shared/objects/limits';
import { buildPackIndex, encodePackIndex } from '../../../shared/pack/pack-index';
import { craftTar } from '../../shared/pack/tar-fixtures';
import type { SignedObject } from '../../../shared/objects/signed-object';
import type { Sha256Hex } from '../../../shared/objects/types';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { ImportError, importPack, type ImportReport } from '../../../main/store/import-pack';
import type { ImportProgress } from '../../../main/store/import-progress';
import { quarantineRows } from '../../../main/store/quarantine';
import { openStore, type Store } from '../../../main/store/store';
import { incidentPayload, member, ts } from '../../vectors/commission';
import {
  bundleEntries,
  commission,
  corruptObject,
  count,
  incidentBundle,
  NOW,
  packBytes,
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
  type PackEntry,
  type SealedRound,
} from './fixtures/store-fixtures';

let c: Commission;
let bundles: IncidentBundle[];
let round: SealedRound;

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2), await incidentBundle(c, 3)];
  round = await sealedRound(c, bundles[0]!.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
    { member: 'ITA', key: 'ITA' },
  ]);
});

function freshStore(): Store {
  return openStore(join(tempDir(), 'store'), { create: true });
}

const rosterOption = () => ({ source: 'genesis.json', bytes: c.genesis.bytes });

async function importEntries(store: Store, entries: readonly PackEntry[], options: { roster?: boolean; name?: string } = {}): Promise<ImportReport> {
  const path = await writePackTo(tempDir('truceline-pack-'), options.name ?? 'test.pack', 'sync', entries);
  return importPack(store, path, { now: NOW, ...(options.roster === false ? {} : { roster: rosterOption() }) });
}

function everything(): PackEntry[] {
  return [signedEntry(c.genesis), ...bundles.flatMap(bundleEntries), ...roundEntries(round)];
}

/** A signed statement whose signature bytes are altered: it decodes, but does not verify. */
function withBadSignature(object: SignedObject): Uint8Array {
  const [signature] = object.envelope.signatures;
  const sig = fromBase64(signature!.sig)!;
  sig[0]! ^= 1;
  return encodeEnvelope({ ...object.envelope, signatures: [{ keyid: signature!.keyid, sig: toBase64(sig) }] });
}

afterAll(removeTempDirs);

describe('importing a pack', () => {
  it('pins the roster on the first import, verifies every object and writes the derived rows', async () => {
    const store = freshStore();
    const report = await importEntries(store, everything());
    expect(report.rejections).toEqual([]);
    expect(report.roster).toMatchObject({ id: c.genesis.id, version: 1, status: 'current', pinnedNow: true });
    expect(report.added).toBe(1 + 3 * 3 + 7);
    expect(report.addedByKind).toMatchObject({ roster: 1, incident: 3, chunk: 6, commitment: 3, phase: 1, assessment: 3 });
    const db = store.db;
    expect(count(db, 'SELECT count(*) FROM trust WHERE roster = ?', c.genesis.id)).toBe(1);
    expect(count(db, 'SELECT count(*) FROM statements')).toBe(3 + 7);
    expect(count(db, 'SELECT count(*) FROM incidents')).toBe(3);
    expect(count(db, 'SELECT count(*) FROM incident_evidence')).toBe(6);
    expect(count(db, 'SELECT count(*) FROM round_objects WHERE incident = unhex(?) AND round = 1', bundles[0]!.incident.id)).toBe(7);
    expect(count(db, 'SELECT count(*) FROM rosters')).toBe(1);
    // Detection chunks are indexed, tracks chunks are not.
    const detectionChunk = bundles[0]!.chunks.find((chunk) => chunk.role === 'detections')!;
    const tracksChunk = bundles[0]!.chunks.find((chunk) => chunk.role === 'tracks')!;
    expect(count(db, 'SELECT sum(detections) FROM detection_cells WHERE chunk = ?', detectionChunk.id)).toBe(200);
    expect(count(db, 'SELECT count(*) FROM detection_cells WHERE chunk = ?', tracksChunk.id)).toBe(0);
    expect(await store.chunks.verify(detectionChunk.id)).toBe(true);
    expect(count(db, 'SELECT count(*) FROM objects WHERE kind = ? AND body IS NULL', 'chunk')).toBe(6);
    // The pack's copy of the roster given with --roster is already stored when the pass reaches it.
    expect(db.prepare('SELECT objects_added, objects_present, objects_rejected FROM imports').get()).toEqual({ objects_added: 17, objects_present: 1, objects_rejected: 0 });
    store.close();
  });

  it('refuses a first import without a roster, writing nothing', async () => {
    const store = freshStore();
    await expect(importEntries(store, everything(), { roster: false })).rejects.toThrow(/trusts no roster yet; give the commission's roster with --roster FILE/);
    expect(count(store.db, 'SELECT count(*) FROM objects')).toBe(0);
    expect(count(store.db, 'SELECT count(*) FROM imports')).toBe(0);
    store.close();
  });

  it('quarantines exactly the corrupted object with its reason, lands the rest, and re-imports idempotently', async () => {
    const store = freshStore();
    const victim = round.reveals[1]!;
    const dir = tempDir('truceline-pack-');
    const path = join(dir, 'corrupt.pack');
    writeFileSync(path, corruptObject(await packBytes('sync', everything()), victim.id));
    const report = await importPack(store, path, { now: NOW, roster: rosterOption() });
    expect(report.rejections).toEqual([
      { id: victim.id, kind: 'assessment', code: 'digest-mismatch', reason: expect.stringMatching(new RegExp(`^object ${victim.id}: its content hashes to [0-9a-f]{64}$`)) },
    ]);
    expect(report.added).toBe(16);
    const rows = quarantineRows(store.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ objectId: victim.id, code: 'digest-mismatch', importId: report.importId });
    expect(rows[0]!.bytes).not.toBeNull();
    expect(count(store.db, 'SELECT count(*) FROM objects WHERE id = ?', victim.id)).toBe(0);

    const objectsBefore = tableDump(store.db, 'objects');
    const again = await importPack(store, path, { now: NOW });
    expect(again).toMatchObject({ added: 0, present: 16, rejected: 1 });
    expect(tableDump(store.db, 'objects')).toEqual(objectsBefore);
    expect(quarantineRows(store.db)).toHaveLength(1);

    const repaired = await importEntries(store, everything(), { roster: false });
    expect(repaired).toMatchObject({ added: 1, present: 16, rejected: 0 });
    expect(count(store.db, 'SELECT count(*) FROM objects WHERE id = ?', victim.id)).toBe(1);
    store.close();
  });

  it('quarantines a bad signature, an unknown key and a removed key with their codes', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis), signedEntry(c.v2), ...bundleEntries(bundles[0]!)]);
    expect(count(store.db, 'SELECT max(version) FROM rosters')).toBe(2);
    const incident = bundles[0]!.incident.id;
    const body = { ...round.reveals[0]!.payload.body };
    const byOutsider = await signStatement(
      { kind: 'assessment', author: member('DEU'), seq: 1, prev: null, created: round.reveals[0]!.payload.created, body: { ...body, delegation: member('DEU') } },
      c.keys.OUTSIDER,
      nodeSha256,
    );
    const byRemovedKey = await signStatement(
      { kind: 'assessment', author: member('FRA'), seq: 1, prev: null, created: round.reveals[0]!.payload.created, body: { ...body, incident, delegation: member('FRA') } },
      c.keys['FRA-1'],
      nodeSha256,
    );
    const byCurrentKey = await signStatement(
      { kind: 'assessment', author: member('FRA'), seq: 1, prev: null, created: round.reveals[0]!.payload.created, body: { ...body, incident, delegation: member('FRA') } },
      c.keys['FRA-3'],
      nodeSha256,
    );
    const tampered = withBadSignature(round.commitments[0]!);
    const report = await importEntries(
      store,
      [
        { kind: 'assessment', bytes: byOutsider.bytes },
        { kind: 'assessment', bytes: byRemovedKey.bytes },
        { kind: 'assessment', bytes: byCurrentKey.bytes },
        { kind: 'commitment', bytes: tampered },
      ],
      { roster: false },
    );
    const codes = Object.fromEntries(report.rejections.map((r) => [r.id, r.code]));
    expect(codes).toEqual({ [byOutsider.id]: 'unknown-key', [byRemovedKey.id]: 'key-removed', [sha256Hex(tampered)]: 'bad-signature' });
    expect(report.added).toBe(1);
    expect(
      quarantineRows(store.db)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['bad-signature', 'key-removed', 'unknown-key']);
    for (const row of quarantineRows(store.db)) expect(row.reason).toMatch(/^(assessment|commitment) [0-9a-f]{8}…: /);
    store.close();
  });

  it('keeps both statements of an equivocation', async () => {
    const store = freshStore();
    const first = round.reveals[0]!;
    const second = await signStatement({ ...first.payload, body: { ...first.payload.body, confidence: 10 } }, c.keys.DEU, nodeSha256);
    const report = await importEntries(store, [signedEntry(c.genesis), ...bundleEntries(bundles[0]!), signedEntry(first), signedEntry(second)]);
    expect(report.rejections).toEqual([]);
    expect(count(store.db, 'SELECT count(*) FROM statements WHERE keyid = unhex(?) AND seq = ?', c.keys.DEU.keyid, first.payload.seq)).toBe(2);
    store.close();
  });

  it('keeps a chunk only when a verified incident lists it with its size', async () => {
    const store = freshStore();
    const stray = bundles[1]!.chunks[0]!;
    const wrongSize = await c.log.sign(
      'MISSION',
      incidentPayload(c.log, {
        incident: 'INC-2026-999999',
        evidence: [{ name: 'd.arrow', role: 'detections', mediaType: 'application/vnd.apache.arrow.file', sha256: bundles[2]!.chunks[0]!.id as Sha256Hex, size: 7 }],
      }),
    );
    const report = await importEntries(store, [signedEntry(c.genesis), ...bundleEntries(bundles[0]!), stray, signedEntry(wrongSize), bundles[2]!.chunks[0]!]);
    expect(report.rejections.map((r) => [r.id, r.code])).toEqual(
      [
        [stray.id, 'unreferenced-chunk'],
        [bundles[2]!.chunks[0]!.id, 'evidence-size-mismatch'],
      ].sort((a, b) => report.rejections.findIndex((r) => r.id === a[0]) - report.rejections.findIndex((r) => r.id === b[0])),
    );
    expect(existsSync(store.chunks.pathOf(stray.id))).toBe(false);
    expect(existsSync(store.chunks.pathOf(bundles[2]!.chunks[0]!.id))).toBe(false);
    expect(count(store.db, 'SELECT count(*) FROM detection_cells WHERE chunk IN (?, ?)', stray.id, bundles[2]!.chunks[0]!.id)).toBe(0);
    expect(report.notes.some((note) => /evidence d\.arrow .* is not in the store yet/.test(note))).toBe(true);

    // The incident arrives later: the chunk it lists is then accepted on its own.
    await importEntries(store, [signedEntry(bundles[1]!.incident)], { roster: false });
    const later = await importEntries(store, [stray], { roster: false });
    expect(later).toMatchObject({ added: 1, rejected: 0 });
    expect(count(store.db, 'SELECT sum(detections) FROM detection_cells WHERE chunk = ?', stray.id)).toBe(200);
    store.close();
  });

  it('extends the chain with a roster the pack brings, before verifying its statements', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis)]);
    const fra3 = await signStatement(
      { kind: 'assessment', author: member('FRA'), seq: 1, prev: null, created: round.reveals[0]!.payload.created, body: { ...round.reveals[0]!.payload.body, delegation: member('FRA') } },
      c.keys['FRA-3'],
      nodeSha256,
    );
    const report = await importEntries(store, [signedEntry(fra3), signedEntry(c.v2), ...bundleEntries(bundles[0]!)], { roster: false });
    expect(report.rejections).toEqual([]);
    expect(report.roster.version).toBe(2);
    expect(count(store.db, 'SELECT count(*) FROM objects WHERE id = ?', fra3.id)).toBe(1);
    store.close();
  });

  it('quarantines a roster the chain refuses, and extends the chain with a roster given later', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis)]);
    const underSigned = await signRoster({ ...c.v2.payload, issued: ts('2026-11-16T00:00:00Z') }, [c.keys.CHAIR], nodeSha256);
    const refused = await importEntries(store, [signedEntry(underSigned)], { roster: false });
    expect(refused.rejections).toEqual([
      { id: underSigned.id, kind: 'roster', code: 'roster-below-threshold', reason: expect.stringMatching(/signed by 1 distinct member\(s\) of roster v1 \(CHAIR\), needs 3/) },
    ]);
    expect(refused.roster.version).toBe(1);

    const path = await writePackTo(tempDir('truceline-pack-'), 'empty.pack', 'sync', [signedEntry(c.genesis)]);
    const extended = await importPack(store, path, { now: NOW, roster: { source: 'v2.json', bytes: c.v2.bytes } });
    expect(extended).toMatchObject({ added: 1, present: 1, roster: { version: 2, pinnedNow: false } });
    await expect(importPack(store, path, { now: NOW, roster: { source: 'under-signed.json', bytes: underSigned.bytes } })).rejects.toThrow(/^roster under-signed\.json: roster v2 [0-9a-f]{8}…: /);
    store.close();
  });

  it('quarantines an object the index calls another kind (under the kind its bytes give), an oversize signed object and an unlisted entry', async () => {
    const store = freshStore();
    await importEntries(store, [signedEntry(c.genesis)]);
    const blob = new Uint8Array(ENVELOPE_JSON_LIMITS.maxBytes + 1).fill(0x7b);
    const entries: PackEntry[] = [
      { kind: 'commitment', bytes: bundles[0]!.incident.bytes },
      { kind: 'incident', bytes: blob },
      { kind: 'chunk', bytes: round.phase.bytes },
      { kind: 'assessment', bytes: bundles[0]!.chunks[0]!.bytes },
    ];
    const report = await importEntries(store, entries, { roster: false });
    expect(Object.fromEntries(report.rejections.map((r) => [r.id, [r.kind, r.code]]))).toEqual({
      [bundles[0]!.incident.id]: ['incident', 'index-kind-mismatch'],
      [sha256Hex(blob)]: ['chunk', 'index-kind-mismatch'],
      [round.phase.id]: ['phase', 'index-kind-mismatch'],
      [bundles[0]!.chunks[0]!.id]: ['chunk', 'index-kind-mismatch'],
    });
    expect(report.rejections.find((r) => r.id === round.phase.id)!.reason).toMatch(/^object [0-9a-f]{64}: index\.json lists it as a chunk, but its signed bytes make it a phase$/);
    expect(report.added).toBe(0);
    expect(await store.chunks.has(round.phase.id)).toBe(false);
    expect(quarantineRows(store.db).find((r) => r.objectId === sha256Hex(blob))!.bytes).toBeNull();

    const content = bundles[0]!.chunks[0]!.bytes;
    const index = encodePackIndex(buildPackIndex('sync', []));
    const unlisted = craftTar([
      { name: 'index.json', size: index.length, content: index },
      { name: sha256Hex(content), size: content.length, content },
    ]);
    const path = join(tempDir('truceline-pack-'), 'unlisted.pack');
    writeFileSync(path, unlisted);
    const second = await importPack(store, path, { now: NOW });
    expect(second.rejections).toEqual([{ id: sha256Hex(content), kind: undefined, code: 'unlisted-object', reason: expect.stringMatching(/not listed in index\.json/) }]);
    expect(await store.chunks.has(sha256Hex(content))).toBe(false);
    store.close();
  });

  it('reports progress from the index totals, ending with every object and byte done', async () => {
    const store = freshStore();
    const events: ImportProgress[] = [];
    const path = await writePackTo(tempDir('truceline-pack-'), 'p.pack', 'sync', everything());
    await importPack(store, path, { now: NOW, roster: rosterOption(), onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.objectsDone).toBe(last.objectsTotal);
    expect(last.bytesDone).toBe(last.bytesTotal);
    expect(last.objectsTotal).toBe(17);
    for (let i = 1; i < events.length; i++) expect(events[i]!.bytesDone).toBeGreaterThanOrEqual(events[i - 1]!.bytesDone);
    expect(events.map((e) => e.phase)).toContain('objects');
    store.close();
  });

  it('names the file when it cannot be read', async () => {
    const store = freshStore();
    const missing = join(tempDir(), 'nope.pack');
    await expect(importPack(store, missing, { roster: rosterOption() })).rejects.toThrow(new ImportError('io', `${missing}: no such file`));
    store.close();
  });
});

describe('imports into one store at the same time', () => {
  it('run one after the other, each in its own transaction', async () => {
    const store = freshStore();
    const dir = tempDir('truceline-pack-');
    await importPack(store, await writePackTo(dir, 'a.pack', 'sync', [signedEntry(c.genesis), ...bundleEntries(bundles[0]!)]), { now: NOW, roster: rosterOption() });
    const [second, third] = await Promise.all([
      importPack(store, await writePackTo(dir, 'b.pack', 'sync', [...bundleEntries(bundles[1]!), ...bundleEntries(bundles[0]!)]), { now: NOW }),
      importPack(store, await writePackTo(dir, 'c.pack', 'sync', [...bundleEntries(bundles[2]!), ...bundleEntries(bundles[1]!)]), { now: NOW }),
    ]);
    expect([second!.importId, third!.importId].sort()).toEqual([2, 3]);
    // Whichever ran first added bundle 1; the other found it present.
    expect(second!.added + third!.added).toBe(6);
    expect(count(store.db, 'SELECT count(*) FROM objects')).toBe(10);
    expect(count(store.db, 'SELECT sum(objects_added) FROM imports')).toBe(10);
    store.close();
  });
});
