import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_WORKSPACE, type KeySetupView, type RosterPackSummary, type WorkspaceId, type WorkspaceView } from '../../shared/commission/workspaces';
import { generateSigningKey, keyIdOf, memberKeyOf } from '../../shared/crypto/signing-key';
import { ready } from '../../shared/crypto/sodium';
import { fromBase64 } from '../../shared/encoding/base64';
import { InvalidArgumentsError, NotFoundError, RefusedError } from '../../shared/ipc/errors';
import { decodeObject } from '../../shared/objects/decode-object';
import { shortHex } from '../../shared/objects/issues';
import type { KeyId, MemberId, ObjectId, RosterPayload } from '../../shared/objects/types';
import { rosterFingerprint } from '../../shared/roster/roster-fingerprint';
import { nodeSha256 } from '../crypto/node-sha256';
import { KeyFileError, parseKeyFile, sealSecretKey, unlockKeyFile, type KdfStrength } from '../keys/key-file';
import { writePackFile } from '../packs/pack-file';
import type { EmitMainEvent } from '../services/main-events';
import { readWorkstationSettings, writeWorkstationSettings, type WorkstationSettings } from '../services/workstation-settings';
import { openReadableDatabase } from '../store/database';
import { ImportError, importPack } from '../store/import-pack';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../store/private-files';
import { DATABASE_FILE, openStore } from '../store/store';
import { trustedRosterChain } from '../store/trusted-rosters';
import { readRosterFile, type RosterFile } from './roster-file';
import { currentWorkspace, SETTINGS_FILE, setCurrentWorkspace, TRUSTED_ROSTER_FILE, workspaceDir, workspaceIds } from './workspace-layout';

/** What runs on a workspace's folder: the store's workers, which only ever see the folder of the commission they were started on. */
export interface WorkspaceHost {
  /** Stops what runs on the current workspace: afterwards nothing reads or writes its folder. */
  stop(): Promise<void>;
  /** Starts on a workspace's folder; every call then reaches that workspace. */
  start(id: WorkspaceId, folder: string): Promise<void>;
  readonly emit: EmitMainEvent;
}

export interface WorkspaceServiceOptions {
  /** Argon2id cost of keys generated here (tests use 'interactive'). */
  readonly kdf?: KdfStrength;
  readonly now?: () => number;
}

/**
 * Which commission this workstation works on, and joining a real one: a roster file or pack is
 * verified and its fingerprint shown before anything is written; joining creates the commission's
 * own folder (its own store, inbox, settings and keys), pins its roster and imports the file there;
 * a device key is generated or imported for the chosen delegation. Switching stops the store's
 * workers and starts them on the other folder, so two commissions never share a store.
 */
export class WorkspaceService {
  private current: WorkspaceId;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly dataDir: string,
    private readonly host: WorkspaceHost,
    private readonly options: WorkspaceServiceOptions = {},
  ) {
    this.current = currentWorkspace(dataDir);
    this.now = options.now ?? Date.now;
  }

  currentId(): WorkspaceId {
    return this.current;
  }

  currentFolder(): string {
    return workspaceDir(this.dataDir, this.current);
  }

  async list(): Promise<WorkspaceView[]> {
    await ready();
    const joined = workspaceIds(this.dataDir).filter((id) => id !== DEMO_WORKSPACE && existsSync(join(workspaceDir(this.dataDir, id), TRUSTED_ROSTER_FILE)));
    const ids = [DEMO_WORKSPACE, ...joined] as const;
    const views: WorkspaceView[] = [];
    for (const id of ids) views.push(await this.view(id));
    return views;
  }

  async inspect(fileBase64: string): Promise<RosterPackSummary> {
    const file = await readRosterFile(decodeFile(fileBase64), this.now());
    return summaryOf(file, existsSync(join(workspaceDir(this.dataDir, file.anchor.id), TRUSTED_ROSTER_FILE)));
  }

  /** Joins the commission whose roster the user compared (`rosterId`) and acts for `member` in it; the file's other objects are imported too. */
  join(fileBase64: string, rosterId: ObjectId, member: MemberId): Promise<WorkspaceView> {
    return this.exclusive(async () => {
      const file = await readRosterFile(decodeFile(fileBase64), this.now());
      if (file.anchor.id !== rosterId) {
        throw new RefusedError(`the roster in this file (${shortHex(file.anchor.id)}) is not the one whose fingerprint you compared (${shortHex(rosterId)}): nothing was installed`);
      }
      const delegation = file.chain.current.payload.members.find((m) => m.id === member);
      if (!delegation) throw new RefusedError(`${member} is not a member of ${file.chain.current.payload.commission} (roster v${file.chain.current.version})`);
      const folder = workspaceDir(this.dataDir, rosterId);
      const isNew = !existsSync(folder);
      const previous = this.current;
      await this.host.stop();
      try {
        await installCommission(folder, file, fileBase64, this.now());
        const settings = readWorkstationSettings(join(folder, SETTINGS_FILE));
        const keyFile = settings.actingAs === member ? settings.keyFile : null;
        await writeWorkstationSettings(join(folder, SETTINGS_FILE), { actingAs: member, keyFile, demo: false });
      } catch (error) {
        if (isNew) await rm(folder, { recursive: true, force: true });
        await this.host.start(previous, workspaceDir(this.dataDir, previous));
        throw error instanceof ImportError ? new RefusedError(error.message) : error;
      }
      await this.switchStarted(rosterId, previous);
      return this.view(rosterId);
    });
  }

  use(id: WorkspaceId): Promise<WorkspaceView> {
    return this.exclusive(async () => {
      if (id !== DEMO_WORKSPACE && !existsSync(join(workspaceDir(this.dataDir, id), TRUSTED_ROSTER_FILE))) throw new NotFoundError(`this workstation has not joined the commission ${shortHex(id)}`);
      if (id !== this.current) {
        const previous = this.current;
        await this.host.stop();
        await this.switchStarted(id, previous);
      }
      return this.view(id);
    });
  }

  /** A new device key for the acting delegation, sealed with the passphrase; its public half is to be sent to the secretariat for the next roster. */
  generateKey(passphrase: string): Promise<KeySetupView> {
    return this.exclusive(async () => {
      const { folder, member } = this.delegationForKeys();
      await ready();
      const key = await generateSigningKey(nodeSha256);
      let sealed;
      try {
        sealed = await sealSecretKey(key.secretKey, { member, keyid: key.keyid, passphrase, strength: this.options.kdf ?? 'moderate' });
      } catch (error) {
        throw error instanceof KeyFileError ? new RefusedError(error.message) : error;
      } finally {
        key.secretKey.fill(0);
      }
      return this.installKey(folder, member, key.keyid, memberKeyOf(key).publicKey, `${JSON.stringify(sealed, null, 2)}\n`);
    });
  }

  /** Installs a sealed key file the delegation already has: it must open with the passphrase and belong to the acting delegation. */
  importKeyFile(fileBase64: string, passphrase: string): Promise<KeySetupView> {
    return this.exclusive(async () => {
      const { folder, member } = this.delegationForKeys();
      const bytes = decodeFile(fileBase64);
      let raw: unknown;
      try {
        raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        throw new RefusedError('the key file is not JSON: choose the sealed key file (KEY, not KEY.pub.json or KEY.log.json)');
      }
      try {
        const file = parseKeyFile(raw);
        if (file.member !== member) throw new RefusedError(`this key file belongs to ${file.member}, not to ${member}, the delegation this workstation acts for`);
        const opened = await unlockKeyFile(raw, passphrase);
        opened.secretKey.fill(0);
        const keyid = await keyIdOf(opened.publicKey, nodeSha256);
        if (keyid !== opened.keyid) throw new RefusedError(`key file of ${member}: its keyid does not match its public key`);
        return await this.installKey(folder, member, keyid, file.publicKey, new TextDecoder().decode(bytes));
      } catch (error) {
        throw error instanceof KeyFileError ? new RefusedError(error.message) : error;
      }
    });
  }

  private delegationForKeys(): { folder: string; member: MemberId } {
    if (this.current === DEMO_WORKSPACE) throw new RefusedError('the demo commission has its own public demo keys: join a commission first');
    const folder = this.currentFolder();
    const member = readWorkstationSettings(join(folder, SETTINGS_FILE)).actingAs;
    if (member === null) throw new RefusedError('choose the delegation this workstation acts for first');
    return { folder, member };
  }

  private async installKey(folder: string, member: MemberId, keyid: KeyId, publicKey: string, sealedText: string): Promise<KeySetupView> {
    const keys = join(folder, 'keys');
    makePrivateFolder(keys);
    const keyFile = join(keys, `${member}-${keyid.slice(0, 16)}.key`);
    if (existsSync(keyFile)) {
      if (readFileSync(keyFile, 'utf8') !== sealedText) throw new RefusedError(`another key file with keyid ${shortHex(keyid)} is installed already`);
    } else {
      await writeFile(keyFile, sealedText, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    }
    const publicKeyFile = `${keyFile}.pub.json`;
    await writeFile(publicKeyFile, `${JSON.stringify({ member, keyid, publicKey }, null, 2)}\n`);
    const settingsFile = join(folder, SETTINGS_FILE);
    await writeWorkstationSettings(settingsFile, { ...readWorkstationSettings(settingsFile), keyFile });
    // The store's workers start again so that no key of before stays unlocked.
    await this.host.stop();
    await this.host.start(this.current, folder);
    this.host.emit('workstationChanged', { reason: 'delegation' });
    return { member, keyid, publicKey, publicKeyFile, inRoster: await this.rosterLists(folder, member, keyid) };
  }

  private async rosterLists(folder: string, member: MemberId, keyid: KeyId): Promise<boolean> {
    const db = openReadableDatabase(join(folder, 'store', DATABASE_FILE));
    try {
      const chain = await trustedRosterChain(db, this.now());
      if (!chain?.ok) return false;
      return chain.value.current.payload.members.some((m) => m.id === member && m.keys.some((k) => k.keyid === keyid));
    } finally {
      db.close();
    }
  }

  private async switchStarted(id: WorkspaceId, previous: WorkspaceId): Promise<void> {
    try {
      await this.host.start(id, workspaceDir(this.dataDir, id));
    } catch (error) {
      await this.host.start(previous, workspaceDir(this.dataDir, previous));
      throw new RefusedError(`the commission's store cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.current = id;
    await setCurrentWorkspace(this.dataDir, id);
    this.host.emit('workstationChanged', { reason: 'commission' });
  }

  private async view(id: WorkspaceId): Promise<WorkspaceView> {
    const folder = workspaceDir(this.dataDir, id);
    const settings: WorkstationSettings = readWorkstationSettings(join(folder, SETTINGS_FILE));
    const common = { id, current: id === this.current, actingAs: settings.actingAs, hasKey: settings.keyFile !== null };
    if (id === DEMO_WORKSPACE) return { ...common, commission: 'Demo commission', demo: true, fingerprint: null };
    return { ...common, commission: await commissionName(folder), demo: false, fingerprint: rosterFingerprint(id) };
  }

  private exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.queue.then(body);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function decodeFile(fileBase64: string): Uint8Array {
  const bytes = fromBase64(fileBase64);
  if (bytes === undefined) throw new InvalidArgumentsError('the file must be sent as base64');
  return bytes;
}

async function commissionName(folder: string): Promise<string> {
  try {
    const decoded = await decodeObject(new Uint8Array(await readFile(join(folder, TRUSTED_ROSTER_FILE))), nodeSha256);
    return decoded.ok && decoded.value.kind === 'roster' ? (decoded.value.payload as RosterPayload).commission : '(unreadable roster)';
  } catch {
    return '(unreadable roster)';
  }
}

function summaryOf(file: RosterFile, joined: boolean): RosterPackSummary {
  const current = file.chain.current.payload;
  return {
    rosterId: file.anchor.id,
    fingerprint: rosterFingerprint(file.anchor.id),
    commission: current.commission,
    version: current.version,
    expires: current.expires,
    expired: file.chain.status === 'expired',
    members: current.members.map((m) => ({ id: m.id, name: m.name, role: m.role, keyids: m.keys.map((k) => k.keyid) })),
    otherObjects: file.otherObjects,
    joined,
  };
}

/** The commission's own folder: its pinned roster, and its store holding what the file brought, imported as any pack is. */
async function installCommission(folder: string, file: RosterFile, fileBase64: string, now: number): Promise<void> {
  makePrivateFolder(folder);
  const imported = join(folder, 'inbox', 'imported');
  await mkdir(imported, { recursive: true, mode: 0o700 });
  const pack = join(imported, `joined-${now}.pack`);
  if (file.isPack) await writeFile(pack, decodeFile(fileBase64));
  else await writePackFile(pack, 'sync', [{ kind: 'roster', bytes: file.anchor.bytes }]);
  const store = openStore(join(folder, 'store'), { create: true });
  try {
    await importPack(store, pack, { roster: { source: 'the roster file', bytes: file.anchor.bytes }, now });
  } finally {
    store.close();
  }
  await writeFile(join(folder, TRUSTED_ROSTER_FILE), file.anchor.bytes);
}
