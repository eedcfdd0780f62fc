import { existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import { encodeEnvelope } from '../../../shared/objects/envelope';
import type { SignedObject } from '../../../shared/objects/signed-object';
import { RefusedError } from '../../../shared/ipc/errors';
import type { SyncTargetStatus } from '../../../shared/sync/sync-status';
import { openReadableDatabase, type ReadableDb } from '../../../main/store/database';
import { importPack } from '../../../main/store/import-pack';
import { DATABASE_FILE, openStore, type Store } from '../../../main/store/store';
import { objectPath, OBJECTS_FOLDER, scanFolder } from '../../../main/sync/shared-folder-layout';
import { publishObject, publishStore, PublishError } from '../../../main/sync/shared-folder-publish';
import { SHARED_FOLDER_SETTINGS, SharedFolderService } from '../../../main/sync/shared-folder';
import { SyncRegistry } from '../../../main/sync/sync-registry';
import {
  bundleEntries,
  commission,
  count,
  incidentBundle,
  removeTempDirs,
  roundEntries,
  sealedRound,
  sha256Hex,
  signedEntry,
  tempDir,
  writePackTo,
  type Commission,
  type IncidentBundle,
  type PackEntry,
  type SealedRound,
} from '../store/fixtures/store-fixtures';

let c: Commission;
let bundles: IncidentBundle[];
let round: SealedRound;
const opened: { close(): void }[] = [];
const services: SharedFolderService[] = [];

beforeAll(async () => {
  c = await commission();
  bundles = [await incidentBundle(c, 1), await incidentBundle(c, 2), await incidentBundle(c, 3)];
  round = await sealedRound(c, bundles[0]!.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
  ]);
});

afterAll(async () => {
  for (const service of services) await service.close();
  for (const handle of opened.reverse()) handle.close();
  removeTempDirs();
});

/** A store that trusts the fixture commission's genesis roster and holds `entries`. */
async function storeWith(entries: readonly PackEntry[]): Promise<{ store: Store; reads: ReadableDb; dataDir: string }> {
  const dataDir = tempDir('truceline-shared-');
  const store = openStore(join(dataDir, 'store'), { create: true });
  opened.push(store);
  const pack = await writePackTo(dataDir, 'seed.pack', 'sync', [signedEntry(c.genesis), ...entries]);
  const report = await importPack(store, pack, { roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);
  const reads = openReadableDatabase(join(store.dir, DATABASE_FILE));
  opened.push(reads);
  return { store, reads, dataDir };
}

function service(store: Store, dataDir: string, options: { debounceMs?: number } = {}): { service: SharedFolderService; registry: SyncRegistry; stored: number[] } {
  const registry = new SyncRegistry(() => undefined);
  const stored: number[] = [];
  const folderService = new SharedFolderService({
    store,
    dataDir,
    registry,
    storeChanged: (added) => stored.push(added),
    scanIntervalMs: 3_600_000,
    debounceMs: options.debounceMs ?? 3_600_000,
  });
  services.push(folderService);
  return { service: folderService, registry, stored };
}

function storedIds(store: Store): Set<string> {
  return new Set(store.db.prepare('SELECT id FROM objects').pluck().all() as string[]);
}

function withBadSignature(object: SignedObject): Uint8Array {
  const [signature] = object.envelope.signatures;
  const sig = fromBase64(signature!.sig)!;
  sig[0]! ^= 1;
  return encodeEnvelope({ ...object.envelope, signatures: [{ keyid: signature!.keyid, sig: toBase64(sig) }] });
}

/** Puts bytes into the folder under a name, as a peer (or a hostile one) might. */
function place(folder: string, name: string, bytes: Uint8Array | string): string {
  const path = join(folder, OBJECTS_FOLDER, name.slice(0, 2), name);
  mkdirSync(join(folder, OBJECTS_FOLDER, name.slice(0, 2)), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

function filesIn(folder: string): string[] {
  const root = join(folder, OBJECTS_FOLDER);
  return existsSync(root) ? readdirSync(root).flatMap((prefix) => readdirSync(join(root, prefix))) : [];
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('publishing into a shared folder', () => {
  it('writes every object of the store once, under its SHA-256, leaving no temporary file; a second pass writes nothing', async () => {
    const { store, reads } = await storeWith([...bundleEntries(bundles[0]!), ...roundEntries(round)]);
    const folder = tempDir('truceline-folder-');
    const first = await publishStore(reads, store.chunks, folder, new Set(), 0);
    const ids = storedIds(store);
    expect(first).toMatchObject({ written: ids.size, present: 0, failed: 0 });
    const names = filesIn(folder);
    expect(new Set(names)).toEqual(ids);
    for (const id of ids) expect(sha256Hex(readFileSync(objectPath(folder, id)))).toBe(id);
    const again = await publishStore(reads, store.chunks, folder, new Set(), 0);
    expect(again).toMatchObject({ written: 0, present: ids.size, failed: 0 });
    expect(filesIn(folder)).toHaveLength(ids.size);
  });

  it('never overwrites a name that is taken, and never gives a name to bytes that are not its own', async () => {
    const folder = tempDir('truceline-folder-');
    const incident = bundles[1]!.incident;
    const squatted = place(folder, incident.id, 'someone else’s bytes');
    expect(await publishObject(folder, incident.id, incident.bytes)).toBe('present');
    expect(readFileSync(squatted, 'utf8')).toBe('someone else’s bytes');

    const other = bundles[2]!.incident;
    await expect(publishObject(folder, other.id, incident.bytes)).rejects.toBeInstanceOf(PublishError);
    expect(existsSync(objectPath(folder, other.id))).toBe(false);
    expect(filesIn(folder)).toEqual([incident.id]);
  });
});

describe('importing from a shared folder', () => {
  it('brings another store everything the folder holds, verified, and reports the target', async () => {
    const source = await storeWith([...bundleEntries(bundles[0]!), ...roundEntries(round)]);
    const folder = tempDir('truceline-folder-');
    await publishStore(source.reads, source.store.chunks, folder, new Set(), 0);

    const target = await storeWith([]);
    const { service: folderService, registry, stored } = service(target.store, target.dataDir);
    await folderService.attach(folder);
    const status = await folderService.syncNow();
    expect(storedIds(target.store)).toEqual(storedIds(source.store));
    expect(count(target.store.db, 'SELECT count(*) FROM quarantine')).toBe(0);
    expect(stored.reduce((a, b) => a + b, 0)).toBe(storedIds(source.store).size - 1);
    expect(status).toMatchObject({ kind: 'shared-folder', label: folder.split('/').pop(), state: 'idle', waitingOut: 0, quarantined: 0, error: null });
    expect(status!.received).toBe(storedIds(source.store).size - 1);
    expect(status!.lastExchange).not.toBeNull();
    expect(registry.overview().targets).toHaveLength(1);
    // Nothing of the staging packs is left behind.
    expect(readdirSync(join(target.dataDir, 'sync', 'shared-folder-staging'))).toEqual([]);
  });

  it('leaves a chunk unread until an incident that lists it arrives, then takes both', async () => {
    const folder = tempDir('truceline-folder-');
    const bundle = bundles[1]!;
    for (const chunk of bundle.chunks) place(folder, chunk.id, chunk.bytes);
    const target = await storeWith([]);
    const { service: folderService } = service(target.store, target.dataDir);
    await folderService.attach(folder);
    await folderService.syncNow();
    expect(count(target.store.db, "SELECT count(*) FROM objects WHERE kind = 'chunk'")).toBe(0);
    expect(count(target.store.db, 'SELECT count(*) FROM quarantine')).toBe(0);

    place(folder, bundle.incident.id, bundle.incident.bytes);
    await folderService.syncNow();
    const ids = storedIds(target.store);
    expect([bundle.incident.id, ...bundle.chunks.map((chunk) => chunk.id)].every((id) => ids.has(id))).toBe(true);
    expect(count(target.store.db, 'SELECT count(*) FROM quarantine')).toBe(0);
  });

  it('quarantines forged, replayed-under-another-name and truncated objects, leaves huge and stray files unread, ignores conflict copies, and lands the rest', async () => {
    const folder = tempDir('truceline-folder-');
    const bundle = bundles[2]!;
    const [detections, tracks] = bundle.chunks;
    place(folder, bundle.incident.id, bundle.incident.bytes);
    for (const object of [...round.commitments, ...round.reveals]) place(folder, object.id, object.bytes);
    // A statement under a name that is not its hash, one with a broken signature, a truncated chunk.
    const forgedName = sha256Hex(new TextEncoder().encode('not these bytes'));
    place(folder, forgedName, round.commitments[0]!.bytes);
    const badSignature = withBadSignature(round.commitments[1]!);
    place(folder, sha256Hex(badSignature), badSignature);
    place(folder, detections!.id, detections!.bytes.subarray(0, detections!.bytes.length >> 1));
    // Sparse giants: one no incident lists, one under a listed name but larger than listed. Reading either would take minutes.
    const giant = sha256Hex(new TextEncoder().encode('giant'));
    truncateSync(place(folder, giant, ''), 8 * 1024 ** 3);
    truncateSync(place(folder, tracks!.id, ''), 4 * 1024 ** 3);
    // The phase only as a conflict copy and as Syncthing's temporary file: neither is the object.
    const phase = round.phase;
    mkdirSync(join(folder, OBJECTS_FOLDER, phase.id.slice(0, 2)), { recursive: true });
    writeFileSync(join(folder, OBJECTS_FOLDER, phase.id.slice(0, 2), `${phase.id}.sync-conflict-20261130-112233-ABCDEFG`), phase.bytes);
    writeFileSync(join(folder, OBJECTS_FOLDER, phase.id.slice(0, 2), `.syncthing.${phase.id}.tmp`), phase.bytes);

    const target = await storeWith([]);
    const { service: folderService } = service(target.store, target.dataDir);
    await folderService.attach(folder);
    const rssBefore = process.memoryUsage().rss;
    const status = (await folderService.syncNow())!;
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 ** 2);

    const ids = storedIds(target.store);
    for (const object of [bundle.incident, ...round.commitments, ...round.reveals]) expect(ids.has(object.id)).toBe(true);
    for (const id of [phase.id, detections!.id, tracks!.id, giant, forgedName, sha256Hex(badSignature)]) expect(ids.has(id)).toBe(false);
    const quarantine = target.store.db.prepare('SELECT object_id AS id, code FROM quarantine ORDER BY code, object_id').all() as { id: string; code: string }[];
    expect(quarantine).toEqual(
      [
        { id: sha256Hex(badSignature), code: 'bad-signature' },
        { id: detections!.id, code: 'digest-mismatch' },
        { id: forgedName, code: 'digest-mismatch' },
      ].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id)),
    );
    expect(status).toMatchObject({ state: 'idle', quarantined: 3 });
    expect(status.error).toMatch(/1 file\(s\) larger than the evidence that names them were left unread/);

    // Refused files are not offered again while they stay as they are.
    await folderService.syncNow();
    expect(count(target.store.db, 'SELECT count(*) FROM quarantine')).toBe(3);
    // Nothing of a peer's is ever changed: every hostile file is where it was.
    expect(existsSync(objectPath(folder, forgedName))).toBe(true);
  });

  it('imports a file that appears, without being asked (watched and debounced), and publishes what the store gains', async () => {
    const folder = tempDir('truceline-folder-');
    const target = await storeWith([...bundleEntries(bundles[0]!)]);
    const { service: folderService } = service(target.store, target.dataDir, { debounceMs: 50 });
    await folderService.attach(folder);
    await until(() => filesIn(folder).length === storedIds(target.store).size, 'the first pass to publish the store');

    const commitment = round.commitments[0]!;
    await publishObject(folder, commitment.id, commitment.bytes);
    await until(() => storedIds(target.store).has(commitment.id), 'the watcher to bring the commitment in');

    const pack = await writePackTo(target.dataDir, 'more.pack', 'sync', [signedEntry(round.commitments[1]!)]);
    await importPack(target.store, pack);
    folderService.storeChanged();
    await until(() => existsSync(objectPath(folder, round.commitments[1]!.id)), 'the new commitment to be published');
  });
});

describe('attaching a shared folder', () => {
  it('refuses what is not a folder of its own, and says why in one line', async () => {
    const target = await storeWith([]);
    const { service: folderService } = service(target.store, target.dataDir);
    const file = join(tempDir('truceline-folder-'), 'a-file');
    writeFileSync(file, 'x');
    for (const [path, why] of [
      ['relative/path', /full path/],
      [join(target.dataDir, 'missing'), /no folder .*missing: create it first/],
      [file, /is a file, not a folder/],
      [target.dataDir, /inside this commission's own data folder/],
      [join(target.dataDir, 'store'), /inside this commission's own data folder/],
    ] as const) {
      const error = await folderService.attach(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RefusedError);
      expect((error as Error).message).toMatch(why);
      expect((error as Error).message).not.toContain('\n');
    }
    expect(folderService.current()).toBeNull();
  });

  it('remembers the folder in the workspace and attaches it again on start; detaching forgets it and touches nothing in the folder', async () => {
    const folder = tempDir('truceline-folder-');
    const target = await storeWith([...bundleEntries(bundles[0]!)]);
    const first = service(target.store, target.dataDir);
    const attached = (await first.service.attach(folder))!;
    await first.service.syncNow();
    await first.service.close();
    expect(JSON.parse(readFileSync(join(target.dataDir, SHARED_FOLDER_SETTINGS), 'utf8'))).toMatchObject({ path: folder });

    const second = service(target.store, target.dataDir);
    await second.service.init();
    expect(second.service.current()).toMatchObject({ id: attached.id, kind: 'shared-folder' });
    const published = filesIn(folder).length;
    await second.service.detach();
    expect(existsSync(join(target.dataDir, SHARED_FOLDER_SETTINGS))).toBe(false);
    expect(second.registry.overview().targets).toEqual([]);
    expect(filesIn(folder)).toHaveLength(published);
    expect((await scanFolder(folder)).objects).toHaveLength(storedIds(target.store).size);
  });

  it('reports a folder that went away as offline, in one line, and carries on when it is back', async () => {
    const parent = tempDir('truceline-folder-');
    const folder = join(parent, 'stick');
    mkdirSync(folder);
    const target = await storeWith([]);
    const { service: folderService } = service(target.store, target.dataDir);
    await folderService.attach(folder);
    await folderService.syncNow();
    const { renameSync } = await import('node:fs');
    renameSync(folder, join(parent, 'unplugged'));
    const offline: SyncTargetStatus = (await folderService.syncNow())!;
    expect(offline.state).toBe('offline');
    expect(offline.error).toMatch(/cannot be reached/);
    renameSync(join(parent, 'unplugged'), folder);
    expect((await folderService.syncNow())!).toMatchObject({ state: 'idle', error: null });
  });
});
