import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { Objm } from '@nats-io/obj';
import { HUB_HEADERS, hubNames, type HubConnectRequest } from '../../../shared/sync/hub';
import type { SyncTargetStatus } from '../../../shared/sync/sync-status';
import { importPack } from '../../../main/store/import-pack';
import { quarantineRows } from '../../../main/store/quarantine';
import { openStore, type Store } from '../../../main/store/store';
import { HubService } from '../../../main/sync/hub-service';
import { SyncRegistry } from '../../../main/sync/sync-registry';
import { bundleEntries, commission, count, incidentBundle, removeTempDirs, roundEntries, sealedRound, tempDir, writePackTo, type Commission, type PackEntry } from '../store/fixtures/store-fixtures';
import { NatsServer, until, type NatsUser } from './fixtures/nats-servers';

// A real nats-server with JetStream on loopback (and a site's leaf node): workstations publish their
// stores to the commission's stream and catch up from their durable consumers; the hub is never trusted.

const userA: NatsUser = { user: 'ws-a', password: 'secret-a' };
const userB: NatsUser = { user: 'ws-b', password: 'secret-b' };
const userC: NatsUser = { user: 'ws-c', password: 'secret-c' };
const leafUser: NatsUser = { user: 'leaf-site1', password: 'secret-leaf' };

let c: Commission;
let hub: NatsServer & { readonly leafPort: number };
let leaf: NatsServer;
const stores: Store[] = [];
const services: HubService[] = [];
/** Every syncStatus push, as the renderer would receive it: no credential may ever appear in it. */
const seenByRenderer: string[] = [];

interface Workstation {
  readonly workspace: string;
  readonly store: Store;
  readonly registry: SyncRegistry;
  readonly hub: HubService;
  status(): SyncTargetStatus | undefined;
}

async function workstation(name: string, entries: readonly PackEntry[] = []): Promise<Workstation> {
  const workspace = tempDir(`truceline-hub-${name}-`);
  const store = openStore(join(workspace, 'store'), { create: true });
  stores.push(store);
  const roster = { source: 'genesis.json', bytes: c.genesis.bytes };
  await importPack(store, await writePackTo(workspace, 'first.pack', 'sync', [{ kind: 'roster', bytes: c.genesis.bytes }, ...entries]), { roster });
  const registry = new SyncRegistry((_event, payload) => seenByRenderer.push(JSON.stringify(payload)));
  const service = new HubService({
    workspace,
    store,
    registry,
    emit: () => {},
    firstBackoffMs: 100,
    maxBackoffMs: 500,
    publishIntervalMs: 500,
    limits: { fetchExpiresMs: 1000, maxChunkBytes: 2 << 20 },
  });
  services.push(service);
  return { workspace, store, registry, hub: service, status: () => registry.overview().targets.find((t) => t.id === 'hub') };
}

function connectRequest(server: NatsServer, user: NatsUser, leafSite?: string): HubConnectRequest {
  return { servers: [server.url], auth: { kind: 'user', ...user }, tlsCaBase64: null, leaf: leafSite ? { siteDomain: leafSite, hubDomain: 'hub' } : null };
}

function ids(store: Store): string[] {
  return store.db.prepare('SELECT id FROM objects ORDER BY id').pluck().all() as string[];
}

async function addPack(ws: Workstation, name: string, entries: readonly PackEntry[]): Promise<void> {
  const report = await importPack(ws.store, await writePackTo(ws.workspace, name, 'sync', entries));
  expect(report.rejected).toBe(0);
  ws.hub.storeChanged();
}

beforeAll(async () => {
  c = await commission();
  const dir = tempDir('truceline-nats-');
  hub = await NatsServer.hub(join(dir, 'hub'), [userA, userB], leafUser);
  await hub.start(userA);
  leaf = await NatsServer.leaf(join(dir, 'site1'), 'site1', hub.leafPort, leafUser, [userC]);
  await leaf.start(userC);
}, 30_000);

afterAll(async () => {
  for (const service of services) await service.close();
  for (const store of stores) store.close();
  await leaf?.stop();
  await hub?.stop();
  removeTempDirs();
});

describe('a commission hub on NATS JetStream', () => {
  let a: Workstation;
  let b: Workstation;

  it('publishes one store and catches another up after it was offline: every object once, a forged one in the quarantine', async () => {
    const bundles = await Promise.all([1, 2, 3].map((n) => incidentBundle(c, n)));
    const round = await sealedRound(c, bundles[0]!.incident.id, [
      { member: 'FRA', key: 'FRA-1' },
      { member: 'DEU', key: 'DEU' },
    ]);
    a = await workstation('a', [...bundles.flatMap(bundleEntries), ...roundEntries(round)]);
    b = await workstation('b');
    await a.hub.connectHub(connectRequest(hub, userA));
    await until(
      () => a.status()?.state === 'idle' && a.status()?.waitingOut === 0,
      'A to publish everything',
      () => a.status(),
    );
    await a.hub.disconnectHub();

    // Forged on the hub: bytes that do not hash to the id they claim, and a signed object whose signature was changed.
    const names = hubNames(commissionName(a.store), (bytes) => createHash('sha256').update(bytes).digest());
    const forged = forgedObjects(round.reveals[0]!.bytes);
    const nc = await hub.client(userA);
    const js = jetstream(nc);
    for (const f of forged) {
      const h = headers();
      await js.publish(names.subject('assessment'), f.bytes, { msgID: f.id, headers: h });
    }
    await nc.close();

    await b.hub.connectHub(connectRequest(hub, userB));
    await until(
      () => count(b.store.db, 'SELECT count(*) FROM objects') === count(a.store.db, 'SELECT count(*) FROM objects') && quarantineRows(b.store.db).length === 2,
      'B to catch up',
      () => [b.status(), quarantineRows(b.store.db).map((q) => q.reason)],
    );
    expect(ids(b.store)).toEqual(ids(a.store));
    expect(count(b.store.db, "SELECT count(*) FROM objects WHERE kind = 'chunk'")).toBe(6);
    for (const id of b.store.db.prepare("SELECT id FROM objects WHERE kind = 'chunk'").pluck().all() as string[]) expect(await b.store.chunks.sizeOf(id)).toBeGreaterThan(0);
    expect(
      quarantineRows(b.store.db)
        .map((q) => [q.objectId, q.code])
        .sort(),
    ).toEqual(forged.map((f) => [f.id, f.code]).sort());
    await until(
      () => b.status()?.state === 'idle' && b.status()?.quarantined === 2,
      'B to report what it received',
      () => b.status(),
    );
    expect(b.status()).toMatchObject({ kind: 'hub', label: hub.url, received: a.store.db.prepare('SELECT count(*) FROM objects').pluck().get(), quarantined: 2, error: null });
    // Nothing B received goes back to the hub.
    expect(b.status()!.waitingOut).toBe(0);
  }, 60_000);

  it("keeps a site publishing to its leaf node while the leaf's link to the hub is down; the objects reach the other site once it is back", async () => {
    const site = await workstation('c');
    await site.hub.connectHub(connectRequest(leaf, userC, 'site1'));
    await until(
      () => count(site.store.db, 'SELECT count(*) FROM objects') === count(a.store.db, 'SELECT count(*) FROM objects'),
      'the site to catch up through its leaf node',
      () => site.status(),
    );
    expect(ids(site.store)).toEqual(ids(a.store));

    await hub.stop();
    await until(
      () => b.status()?.state === 'offline',
      'B to see the hub gone',
      () => b.status(),
    );
    const bundle = await incidentBundle(c, 4);
    await addPack(site, 'site.pack', bundleEntries(bundle));
    // The incident goes to the site's own stream at once; its chunks wait for the hub's object store.
    await until(
      () => site.status()?.waitingOut === 2 && site.status()?.error !== null,
      'the site to publish the incident to its leaf node',
      () => site.status(),
    );
    expect(count(b.store.db, 'SELECT count(*) FROM objects WHERE id = ?', bundle.incident.id)).toBe(0);

    await hub.start(userA);
    await until(
      () => bundleEntries(bundle).every((e) => ids(b.store).includes(createHash('sha256').update(e.bytes).digest('hex'))),
      'B to receive what the site published while cut off',
      () => [b.status(), site.status()],
      30_000,
    );
    await until(
      () => site.status()?.waitingOut === 0 && site.status()?.error === null,
      'the site to publish its chunks',
      () => site.status(),
    );
    expect(ids(b.store)).toEqual(ids(site.store));
    expect(quarantineRows(b.store.db)).toHaveLength(2);
  }, 60_000);

  it('steps around an id taken first: other bytes published under an object id before it (the server would drop the genuine one as a duplicate) do not keep the object from arriving', async () => {
    const names = hubNames(commissionName(a.store), (bytes) => createHash('sha256').update(bytes).digest());
    const bundle = await incidentBundle(c, 7);
    const [incident, ...chunks] = bundleEntries(bundle);
    const nc = await hub.client(userA);
    const js = jetstream(nc);
    // Whoever learnt the ids first: garbage under the incident's id, and an announcement of its first chunk with a wrong size.
    await js.publish(names.subject('incident'), new TextEncoder().encode('{"not":"the incident"}'), { msgID: bundle.incident.id });
    const h = headers();
    h.set(HUB_HEADERS.size, '3');
    const chunkId = createHash('sha256').update(chunks[0]!.bytes).digest('hex');
    await js.publish(names.subject('chunk'), new Uint8Array(0), { msgID: chunkId, headers: h });
    await nc.close();

    // B is offline while A publishes, so that it later reads the stream in its order (garbage first) in as few fetches as it can.
    await b.hub.disconnectHub();
    await addPack(a, 'pre-empted.pack', [incident!, ...chunks]);
    await a.hub.connectHub(connectRequest(hub, userA));
    await until(
      () => a.status()?.state === 'idle' && a.status()?.waitingOut === 0,
      'A to publish the genuine incident and chunks',
      () => a.status(),
    );
    await a.hub.disconnectHub();
    await b.hub.connectHub(connectRequest(hub, userB));
    await until(
      () => [incident!, ...chunks].every((e) => ids(b.store).includes(createHash('sha256').update(e.bytes).digest('hex'))),
      'B to receive the genuine incident and chunks',
      () => [a.status(), b.status(), quarantineRows(b.store.db).map((q) => q.reason)],
      30_000,
    );
  }, 60_000);

  it('takes a hostile hub in its stride: a chunk too large, absent or truncated is quarantined, a flood of junk is dropped, and the rest still lands', async () => {
    const names = hubNames(commissionName(a.store), (bytes) => createHash('sha256').update(bytes).digest());
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const quarantinedBefore = quarantineRows(b.store.db).length;
    const nc = await hub.client(userA);
    const js = jetstream(nc);
    const bucket = await new Objm(nc).create(names.bucket);
    const announce = async (id: string, size: number) => {
      const h = headers();
      h.set(HUB_HEADERS.size, String(size));
      await js.publish(names.subject('chunk'), new Uint8Array(0), { msgID: id, headers: h });
    };
    // Over the receiver's chunk limit: announced, there in the bucket, never fetched.
    const huge = new Uint8Array(3 << 20).fill(7);
    await bucket.putBlob({ name: sha(huge) }, huge);
    await announce(sha(huge), huge.length);
    // Announced, not in the bucket.
    const absent = sha(Buffer.from('a chunk the hub never had'));
    await announce(absent, 1000);
    // In the bucket under its name, cut short.
    const real = (await incidentBundle(c, 6)).chunks[0]!;
    await bucket.putBlob({ name: real.id }, real.bytes.subarray(0, real.bytes.length >> 1));
    await announce(real.id, real.bytes.length);
    // A flood: subjects no object has, signed objects without an id.
    const junk = new Uint8Array(512).fill(1);
    for (let i = 0; i < 1000; i++) await js.publish(`truceline.${names.short}.objects.bogus`, junk, { msgID: `junk-${i}` });
    for (let i = 0; i < 200; i++) await js.publish(names.subject('assessment'), junk);
    await nc.close();

    const bundle = await incidentBundle(c, 5);
    await a.hub.connectHub(connectRequest(hub, userA));
    await addPack(a, 'late.pack', bundleEntries(bundle));
    const late = bundleEntries(bundle).map((e) => sha(e.bytes));
    await until(
      () => late.every((id) => ids(b.store).includes(id)) && quarantineRows(b.store.db).length === quarantinedBefore + 3,
      'B to take the rest and quarantine the hostile chunks',
      () => [b.status(), quarantineRows(b.store.db).map((q) => q.reason)],
    );
    const refused = quarantineRows(b.store.db).slice(quarantinedBefore);
    expect(refused.map((q) => [q.objectId, q.code]).sort()).toEqual(
      [
        [sha(huge), 'missing-object'],
        [absent, 'missing-object'],
        [real.id, 'digest-mismatch'],
      ].sort(),
    );
    expect(ids(b.store)).toEqual(ids(a.store));
    await a.hub.disconnectHub();
  }, 60_000);

  it("keeps the credentials in main: the settings file is the user's alone, the desk sees the address, disconnecting forgets them", async () => {
    const d = await workstation('d');
    const status = await d.hub.connectHub(connectRequest(hub, userB));
    expect(status).toMatchObject({ id: 'hub', kind: 'hub', label: hub.url });
    const settingsFile = join(d.workspace, 'sync', 'hub.json');
    expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(settingsFile, 'utf8')).toContain(userB.password);
    await until(
      () => d.status()?.state === 'idle',
      'D to catch up',
      () => d.status(),
    );
    for (const password of [userA, userB, userC].map((u) => u.password)) {
      expect(seenByRenderer.filter((pushed) => pushed.includes(password))).toEqual([]);
      expect(JSON.stringify(d.status())).not.toContain(password);
    }
    await d.hub.disconnectHub();
    expect(existsSync(settingsFile)).toBe(false);
    expect(d.status()).toBeUndefined();
  }, 60_000);
});

function commissionName(store: Store): string {
  return store.db.prepare('SELECT commission FROM rosters LIMIT 1').pluck().get() as string;
}

function forgedObjects(real: Uint8Array): { id: string; bytes: Uint8Array; code: string }[] {
  const text = Buffer.from(real).toString('utf8');
  const signature = /"sig":"([A-Za-z0-9+/=_-]+)"/.exec(text)!;
  const flipped = signature[1]!.startsWith('A') ? `B${signature[1]!.slice(1)}` : `A${signature[1]!.slice(1)}`;
  const badSignature = Buffer.from(text.replace(signature[1]!, flipped), 'utf8');
  const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const otherBytes = Buffer.from(real);
  return [
    { id: sha(badSignature), bytes: badSignature, code: 'bad-signature' },
    { id: sha(Buffer.from('an object nobody signed')), bytes: otherBytes, code: 'digest-mismatch' },
  ];
}
