import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealSecretKey } from '../../../main/keys/key-file';
import { readWorkstationSettings } from '../../../main/services/workstation-settings';
import { openReadableDatabase } from '../../../main/store/database';
import { importPack } from '../../../main/store/import-pack';
import { DATABASE_FILE, openStore } from '../../../main/store/store';
import { migrateLegacyLayout, workspaceDir } from '../../../main/workspaces/workspace-layout';
import { WorkspaceService, type WorkspaceHost } from '../../../main/workspaces/workspace-service';
import type { WorkspaceId } from '../../../shared/commission/workspaces';
import type { SigningKey } from '../../../shared/crypto/signing-key';
import { toBase64 } from '../../../shared/encoding/base64';
import type { MainEventName } from '../../../shared/ipc/contract';
import { signRoster } from '../../../shared/objects/sign-object';
import type { ObjectId } from '../../../shared/objects/types';
import { rosterPayload, sha256 } from '../../vectors/commission';
import { bundleEntries, commission, incidentBundle, NOW, packBytes, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission, type IncidentBundle } from '../store/fixtures/store-fixtures';

let c: Commission;
let bundle: IncidentBundle;
let demoBundle: IncidentBundle;
let demoRoster: Awaited<ReturnType<typeof signRoster>>;
/** A roster pack as a secretariat hands it out: the chain v1 → v2 and an incident. */
let rosterPack: Buffer;

beforeAll(async () => {
  c = await commission();
  bundle = await incidentBundle(c, 1);
  demoBundle = await incidentBundle(c, 2);
  // The demo's stand-in: another commission (another roster id) with an incident of its own.
  demoRoster = await signRoster(rosterPayload(c.keys, { commission: 'Demo stand-in' }), [c.keys.CHAIR, c.keys['FRA-1'], c.keys.DEU], sha256);
  rosterPack = await packBytes('sync', [signedEntry(c.genesis), signedEntry(c.v2), ...bundleEntries(bundle)]);
}, 30_000);
afterAll(() => removeTempDirs());

/** Starts nothing: records which folder would serve, and installs the demo's stand-in on the demo's first start, as the writer worker installs the demo. */
class RecordingHost implements WorkspaceHost {
  readonly started: WorkspaceId[] = [];
  readonly events: MainEventName[] = [];
  running: WorkspaceId | undefined;
  readonly emit: WorkspaceHost['emit'] = (event) => void this.events.push(event);
  async stop(): Promise<void> {
    this.running = undefined;
  }
  async start(id: WorkspaceId, folder: string): Promise<void> {
    if (id === 'demo' && !existsSync(join(folder, 'store'))) {
      const store = openStore(join(folder, 'store'), { create: true });
      try {
        const pack = await writePackTo(tempDir('truceline-pack-'), 'demo.pack', 'sync', [signedEntry(demoRoster), ...bundleEntries(demoBundle)]);
        await importPack(store, pack, { now: NOW, roster: { source: 'demo', bytes: demoRoster.bytes } });
      } finally {
        store.close();
      }
      writeFileSync(join(folder, 'workstation.json'), JSON.stringify({ actingAs: 'FRA', keyFile: null, demo: true }));
    }
    this.running = id;
    this.started.push(id);
  }
}

async function openedService(): Promise<{ dataDir: string; host: RecordingHost; service: WorkspaceService }> {
  const dataDir = tempDir('truceline-data-');
  const host = new RecordingHost();
  const service = new WorkspaceService(dataDir, host, { kdf: 'interactive', now: () => NOW });
  await host.start(service.currentId(), service.currentFolder());
  return { dataDir, host, service };
}

function storedIds(dataDir: string, id: WorkspaceId): Set<string> {
  const db = openReadableDatabase(join(workspaceDir(dataDir, id), 'store', DATABASE_FILE));
  try {
    return new Set((db.prepare('SELECT id FROM objects').pluck().all() as string[]).map(String));
  } finally {
    db.close();
  }
}

async function keyFileOf(member: string, key: SigningKey, passphrase: string): Promise<string> {
  return toBase64(new TextEncoder().encode(JSON.stringify(await sealSecretKey(key.secretKey, { member, keyid: key.keyid, passphrase, strength: 'interactive' }))));
}

const b64 = (bytes: Uint8Array) => toBase64(bytes);

describe('inspecting a roster file or pack', () => {
  it('verifies a roster file and shows the commission, its members and the fingerprint to compare', async () => {
    const { service } = await openedService();
    const summary = await service.inspect(b64(c.genesis.bytes));
    expect(summary).toMatchObject({ rosterId: c.genesis.id, commission: 'Joint Ceasefire Commission (test vectors)', version: 1, expired: false, otherObjects: 0, joined: false });
    expect(summary.fingerprint.words).toHaveLength(32);
    expect(summary.fingerprint.hex.replaceAll(' ', '')).toBe(c.genesis.id);
    expect(summary.members.map((m) => m.id)).toContain('FRA');
  });

  it('follows the chain of a pack to its newest roster and pins the genesis roster', async () => {
    const { service } = await openedService();
    const summary = await service.inspect(b64(rosterPack));
    expect(summary).toMatchObject({ rosterId: c.genesis.id, version: 2 });
    expect(summary.otherObjects).toBeGreaterThan(0);
  });

  it.each([
    ['a genesis roster its members did not sign', async () => (await signRoster(rosterPayload(c.keys), [c.keys.CHAIR], sha256)).bytes, /roster .* is refused: .*genesis roster/],
    ['bytes that are neither a roster nor a pack', async () => new TextEncoder().encode('not a pack at all'), /neither a roster nor a pack/],
    ['a pack holding no roster', async () => new Uint8Array(await packBytes('incident-bundle', bundleEntries(bundle))), /holds no roster/],
  ])('refuses %s in one line', async (_what, bytes, message) => {
    const { service } = await openedService();
    const refusal = await service.inspect(b64(await bytes())).catch((error: Error) => error);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(message);
    expect((refusal as Error).message).not.toContain('\n');
  });
});

describe('joining a commission', () => {
  it('refuses a file whose roster is not the one whose fingerprint was compared, and installs nothing', async () => {
    const { dataDir, host, service } = await openedService();
    await expect(service.join(b64(rosterPack), demoRoster.id, 'FRA' as never)).rejects.toThrow(/not the one whose fingerprint you compared/);
    expect(existsSync(workspaceDir(dataDir, c.genesis.id))).toBe(false);
    expect(host.running).toBe('demo');
  });

  it('refuses a delegation the roster does not list', async () => {
    const { service } = await openedService();
    await expect(service.join(b64(rosterPack), c.genesis.id, 'ESP' as never)).rejects.toThrow(/ESP is not a member/);
  });

  it('creates the commission its own store, pinned to its roster, and switching back to the demo never mixes the two', async () => {
    const { dataDir, host, service } = await openedService();
    const joined = await service.join(b64(rosterPack), c.genesis.id, 'FRA' as never);
    expect(joined).toMatchObject({ id: c.genesis.id, commission: 'Joint Ceasefire Commission (test vectors)', current: true, demo: false, actingAs: 'FRA', hasKey: false });
    expect(host.running).toBe(c.genesis.id);
    expect(host.events).toContain('workstationChanged');
    expect(JSON.parse(readFileSync(join(dataDir, 'workspace.json'), 'utf8'))).toEqual({ current: c.genesis.id });
    expect(new Uint8Array(readFileSync(join(workspaceDir(dataDir, c.genesis.id), 'trusted-roster.json')))).toEqual(c.genesis.bytes);

    const commissionIds = storedIds(dataDir, c.genesis.id);
    const demoIds = storedIds(dataDir, 'demo');
    expect(commissionIds.has(bundle.incident.id)).toBe(true);
    expect(commissionIds.has(c.v2.id)).toBe(true);
    expect(demoIds.has(demoBundle.incident.id)).toBe(true);
    expect([...commissionIds].filter((id) => demoIds.has(id))).toEqual([]);

    const back = await service.use('demo');
    expect(back).toMatchObject({ id: 'demo', demo: true, current: true });
    expect(host.running).toBe('demo');
    expect(storedIds(dataDir, 'demo').has(bundle.incident.id)).toBe(false);
    expect(storedIds(dataDir, c.genesis.id).has(demoBundle.incident.id)).toBe(false);
    expect((await service.list()).map((w) => [w.id, w.current])).toEqual([
      ['demo', true],
      [c.genesis.id, false],
    ]);
    await expect(service.generateKey('a long passphrase')).rejects.toThrow(/demo commission has its own public demo keys/);
    await service.use(c.genesis.id as ObjectId);
    expect(host.running).toBe(c.genesis.id);
  });
});

describe('the delegation key', () => {
  async function joinedService() {
    const opened = await openedService();
    await opened.service.join(b64(rosterPack), c.genesis.id, 'FRA' as never);
    return opened;
  }

  it('imports a key file of the delegation that opens with its passphrase, and says whether the current roster lists it', async () => {
    const { dataDir, service, host } = await joinedService();
    const listed = await service.importKeyFile(await keyFileOf('FRA', c.keys['FRA-2'], 'france passphrase'), 'france passphrase');
    expect(listed).toMatchObject({ member: 'FRA', keyid: c.keys['FRA-2'].keyid, inRoster: true });
    const settings = readWorkstationSettings(join(workspaceDir(dataDir, c.genesis.id), 'workstation.json'));
    expect(settings.keyFile).toMatch(/keys\/FRA-[0-9a-f]{16}\.key$/);
    expect(statSync(settings.keyFile!).mode & 0o777).toBe(0o600);
    expect(host.running).toBe(c.genesis.id);
    // FRA-1 was rotated out by roster v2: installed, but it cannot sign.
    expect(await service.importKeyFile(await keyFileOf('FRA', c.keys['FRA-1'], 'france passphrase'), 'france passphrase')).toMatchObject({ inRoster: false });
  });

  it('refuses a key file of another delegation and a wrong passphrase, each in one line', async () => {
    const { service } = await joinedService();
    await expect(service.importKeyFile(await keyFileOf('DEU', c.keys.DEU, 'german passphrase'), 'german passphrase')).rejects.toThrow(/^this key file belongs to DEU, not to FRA/);
    await expect(service.importKeyFile(await keyFileOf('FRA', c.keys['FRA-2'], 'france passphrase'), 'wrong passphrase')).rejects.toThrow(/wrong passphrase/);
    await expect(service.importKeyFile(b64(new TextEncoder().encode('{"format":"other"}')), 'whatever passphrase')).rejects.toThrow(/key file: format/);
  });

  it('generates a sealed key whose keyid is to be sent for the next roster', async () => {
    const { service } = await joinedService();
    await expect(service.generateKey('short')).rejects.toThrow(/at least 8 characters/);
    const key = await service.generateKey('a long passphrase');
    expect(key.keyid).toMatch(/^[0-9a-f]{64}$/);
    expect(key.inRoster).toBe(false);
    expect(JSON.parse(readFileSync(key.publicKeyFile, 'utf8'))).toEqual({ member: 'FRA', keyid: key.keyid, publicKey: key.publicKey });
    expect(readFileSync(key.publicKeyFile.replace(/\.pub\.json$/, ''), 'utf8')).not.toContain('a long passphrase');
  });
});

describe('a data folder of the old layout', () => {
  it('moves into a workspace of its own, keeping the key file path right', async () => {
    const dataDir = tempDir('truceline-legacy-');
    const store = openStore(join(dataDir, 'store'), { create: true });
    await importPack(store, await writePackTo(tempDir('truceline-pack-'), 'r.pack', 'sync', [signedEntry(c.genesis)]), { now: NOW, roster: { source: 'r', bytes: c.genesis.bytes } });
    store.close();
    mkdirSync(join(dataDir, 'inbox'));
    mkdirSync(join(dataDir, 'keys'));
    writeFileSync(join(dataDir, 'keys', 'FRA.key'), '{}');
    writeFileSync(join(dataDir, 'workstation.json'), JSON.stringify({ actingAs: 'FRA', keyFile: join(dataDir, 'keys', 'FRA.key'), demo: false }));
    expect(await migrateLegacyLayout(dataDir)).toBe(c.genesis.id);
    const folder = workspaceDir(dataDir, c.genesis.id);
    expect(existsSync(join(dataDir, 'store'))).toBe(false);
    expect(storedIds(dataDir, c.genesis.id).has(c.genesis.id)).toBe(true);
    expect(readWorkstationSettings(join(folder, 'workstation.json')).keyFile).toBe(join(folder, 'keys', 'FRA.key'));
    expect(existsSync(join(folder, 'trusted-roster.json'))).toBe(true);
    const service = new WorkspaceService(dataDir, new RecordingHost());
    expect(service.currentId()).toBe(c.genesis.id);
    expect(await migrateLegacyLayout(dataDir)).toBeUndefined();
  });

  it('moves the demo into the demo workspace', async () => {
    const dataDir = tempDir('truceline-legacy-');
    openStore(join(dataDir, 'store'), { create: true }).close();
    mkdirSync(join(dataDir, 'demo', 'keys'), { recursive: true });
    writeFileSync(join(dataDir, 'workstation.json'), JSON.stringify({ actingAs: 'FRA', keyFile: join(dataDir, 'demo', 'keys', 'FRA.key'), demo: true }));
    expect(await migrateLegacyLayout(dataDir)).toBe('demo');
    expect(readWorkstationSettings(join(workspaceDir(dataDir, 'demo'), 'workstation.json')).keyFile).toBe(join(workspaceDir(dataDir, 'demo'), 'demo', 'keys', 'FRA.key'));
    expect(existsSync(join(workspaceDir(dataDir, 'demo'), 'store', DATABASE_FILE))).toBe(true);
  });
});
