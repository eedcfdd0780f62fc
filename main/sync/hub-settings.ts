import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { isHubDomain, isHubServer, isHubUser, MAX_HUB_SECRET, MAX_HUB_SERVERS, type HubConnectRequest, type HubLeafSite } from '../../shared/sync/hub';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../store/private-files';

/**
 * The workspace's hub settings, `<workspace>/sync/hub.json` (mode 0600): the addresses, this
 * workstation's credentials and the TLS CA. They stay in main; the desk sees only the address.
 * A person may also write the file by hand (README): then `credsFile` and `tlsCaFile` may be
 * absolute paths; relative ones are in the sync folder.
 */
export interface HubSettings {
  readonly servers: readonly string[];
  readonly auth: { readonly kind: 'none' } | { readonly kind: 'user'; readonly user: string; readonly password: string } | { readonly kind: 'creds'; readonly credsFile: string };
  readonly tlsCaFile: string | null;
  readonly leaf: HubLeafSite | null;
}

/** What this workstation remembers of its exchanges with hubs: its own name there and how far it published to each. */
export interface HubState {
  /** 16 hex characters, random, made once: names this workstation's durable consumer and its messages. */
  readonly workstation: string;
  readonly hubs: Readonly<Record<string, HubCursor>>;
}

/** Objects of the store (by rowid) published through these, in order: signed objects first, chunks after their incidents. */
export interface HubCursor {
  readonly signedThrough: number;
  readonly chunksThrough: number;
}

export const syncFolderOf = (workspace: string) => join(workspace, 'sync');
const SETTINGS_FILE = 'hub.json';
const STATE_FILE = 'hub-state.json';
const CREDS_FILE = 'hub.creds';
const CA_FILE = 'hub-ca.pem';

export class HubSettingsError extends Error {
  override readonly name = 'HubSettingsError';
}

/** The hub settings of the workspace, or undefined when none are saved; throws one line when the file is not valid. */
export async function readHubSettings(workspace: string): Promise<HubSettings | undefined> {
  const path = join(syncFolderOf(workspace), SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new HubSettingsError(`${path}: ${(error as Error).message}`);
  }
  try {
    return parseHubSettings(JSON.parse(text) as unknown, syncFolderOf(workspace));
  } catch (error) {
    throw new HubSettingsError(`${path}: ${(error as Error).message}`);
  }
}

/** Saves what the desk sent: credentials and CA files beside the settings, all mode 0600, each written whole and renamed into place. */
export async function saveHubSettings(workspace: string, request: HubConnectRequest): Promise<HubSettings> {
  const folder = syncFolderOf(workspace);
  makePrivateFolder(folder);
  const auth: HubSettings['auth'] =
    request.auth.kind === 'creds' ? (await writePrivate(join(folder, CREDS_FILE), Buffer.from(request.auth.credsBase64, 'base64')), { kind: 'creds', credsFile: CREDS_FILE }) : request.auth;
  let tlsCaFile: string | null = null;
  if (request.tlsCaBase64 !== null) {
    await writePrivate(join(folder, CA_FILE), Buffer.from(request.tlsCaBase64, 'base64'));
    tlsCaFile = CA_FILE;
  }
  const settings: HubSettings = { servers: [...request.servers], auth, tlsCaFile, leaf: request.leaf };
  await writePrivate(join(folder, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
  return parseHubSettings(settings, folder);
}

/** Forgets the hub: settings and credentials go; the state (how far this workstation published) stays for a later connect. */
export async function forgetHubSettings(workspace: string): Promise<void> {
  const folder = syncFolderOf(workspace);
  for (const file of [SETTINGS_FILE, CREDS_FILE, CA_FILE]) await rm(join(folder, file), { force: true });
}

export async function readHubState(workspace: string): Promise<HubState> {
  const path = join(syncFolderOf(workspace), STATE_FILE);
  try {
    const state = JSON.parse(await readFile(path, 'utf8')) as HubState;
    if (typeof state.workstation === 'string' && /^[0-9a-f]{16}$/.test(state.workstation) && typeof state.hubs === 'object' && state.hubs !== null) return state;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  // Lost or damaged: a new name starts a new consumer, which catches up from the stream's start; importing is idempotent.
  const state: HubState = { workstation: randomBytes(8).toString('hex'), hubs: {} };
  await writeHubState(workspace, state);
  return state;
}

export async function writeHubState(workspace: string, state: HubState): Promise<void> {
  const folder = syncFolderOf(workspace);
  makePrivateFolder(folder);
  await writePrivate(join(folder, STATE_FILE), `${JSON.stringify(state)}\n`);
}

async function writePrivate(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode: PRIVATE_FILE_MODE });
  await rename(temporary, path);
}

function parseHubSettings(value: unknown, folder: string): HubSettings {
  const record = object(value, 'the settings');
  const servers = record['servers'];
  if (!Array.isArray(servers) || servers.length === 0 || servers.length > MAX_HUB_SERVERS || !servers.every((s) => typeof s === 'string' && isHubServer(s))) {
    throw new HubSettingsError(`servers must list 1 to ${MAX_HUB_SERVERS} addresses like nats://host:4222 or tls://host:4222`);
  }
  const auth = object(record['auth'] ?? { kind: 'none' }, 'auth');
  let parsedAuth: HubSettings['auth'];
  if (auth['kind'] === 'none') parsedAuth = { kind: 'none' };
  else if (auth['kind'] === 'user') {
    const { user, password } = auth;
    if (typeof user !== 'string' || !isHubUser(user)) throw new HubSettingsError('auth.user must be 1 to 128 printable characters without spaces');
    if (typeof password !== 'string' || password.length === 0 || password.length > MAX_HUB_SECRET) throw new HubSettingsError(`auth.password must be 1 to ${MAX_HUB_SECRET} characters`);
    parsedAuth = { kind: 'user', user, password };
  } else if (auth['kind'] === 'creds') {
    if (typeof auth['credsFile'] !== 'string' || auth['credsFile'].length === 0) throw new HubSettingsError('auth.credsFile must name the credentials file');
    parsedAuth = { kind: 'creds', credsFile: inFolder(folder, auth['credsFile']) };
  } else throw new HubSettingsError('auth.kind must be none, user or creds');
  const ca = record['tlsCaFile'] ?? null;
  if (ca !== null && (typeof ca !== 'string' || ca.length === 0)) throw new HubSettingsError('tlsCaFile must name a PEM file, or be null');
  const leaf = record['leaf'] ?? null;
  let parsedLeaf: HubLeafSite | null = null;
  if (leaf !== null) {
    const { siteDomain, hubDomain } = object(leaf, 'leaf');
    if (typeof siteDomain !== 'string' || !isHubDomain(siteDomain) || typeof hubDomain !== 'string' || !isHubDomain(hubDomain) || siteDomain === hubDomain) {
      throw new HubSettingsError('leaf.siteDomain and leaf.hubDomain must be two different JetStream domains (1 to 32 of A-Z a-z 0-9 _ -)');
    }
    parsedLeaf = { siteDomain, hubDomain };
  }
  return { servers: servers as string[], auth: parsedAuth, tlsCaFile: ca === null ? null : inFolder(folder, ca), leaf: parsedLeaf };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HubSettingsError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

function inFolder(folder: string, file: string): string {
  return isAbsolute(file) ? file : join(folder, file);
}
