import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { DEMO_WORKSPACE, type WorkspaceId } from '../../shared/commission/workspaces';
import { writeFileDurably } from '../keys/durable-file';
import { readWorkstationSettings, writeWorkstationSettings } from '../services/workstation-settings';
import { openReadableDatabase } from '../store/database';
import { makePrivateFolder } from '../store/private-files';
import { pinnedRoster, type PinnedRoster } from '../store/roster-trust';
import { DATABASE_FILE } from '../store/store';

// <dataDir>/workspace.json names the current commission; each commission lives in its own folder,
// <dataDir>/commissions/<id>/ (id: "demo", or the id of the roster the commission's store pinned),
// with everything the store's workers keep: store/, inbox/, workstation.json, keys/, assessing/ …
// Two commissions never share a store, an inbox or a key.

const WORKSPACE_ID = /^(?:demo|[0-9a-f]{64})$/;
const COMMISSIONS = 'commissions';
const CURRENT_FILE = 'workspace.json';
/** The commission's roster as this workstation pinned it when joining (also what `--roster` of the CLI takes). */
export const TRUSTED_ROSTER_FILE = 'trusted-roster.json';
export const SETTINGS_FILE = 'workstation.json';
/** What a data folder held before commissions had folders of their own; the store last, since its presence marks the old layout. */
const LEGACY_ENTRIES = ['workstation.json', 'inbox', 'demo', 'keys', 'assessing', 'preferences.json', 'signed', 'outbox', 'store'] as const;

export function isWorkspaceId(value: unknown): value is WorkspaceId {
  return typeof value === 'string' && WORKSPACE_ID.test(value);
}

export function workspaceDir(dataDir: string, id: WorkspaceId): string {
  return join(dataDir, COMMISSIONS, id);
}

/** The commissions this workstation holds, the demo among them when it was ever opened. */
export function workspaceIds(dataDir: string): WorkspaceId[] {
  try {
    return readdirSync(join(dataDir, COMMISSIONS), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isWorkspaceId(entry.name))
      .map((entry) => entry.name as WorkspaceId);
  } catch {
    return [];
  }
}

/** The commission the workstation opens: the one workspace.json names, the demo when it names none. */
export function currentWorkspace(dataDir: string): WorkspaceId {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, CURRENT_FILE), 'utf8')) as { current?: unknown };
    if (isWorkspaceId(raw.current)) return raw.current;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  return DEMO_WORKSPACE;
}

export async function setCurrentWorkspace(dataDir: string, id: WorkspaceId): Promise<void> {
  makePrivateFolder(dataDir);
  await writeFileDurably(join(dataDir, CURRENT_FILE), `${JSON.stringify({ current: id }, null, 2)}\n`);
}

/**
 * Moves a data folder of the old layout (one store at <dataDir>/store) into a workspace of its own:
 * the demo's folder when its settings say demo, else the folder of the roster its store pinned. Each
 * entry moves by a rename; workspace.json is written first, so a start after a crash half way
 * finishes the move. The settings' key file path follows its file. Returns the workspace it moved to.
 */
export async function migrateLegacyLayout(dataDir: string): Promise<WorkspaceId | undefined> {
  if (!existsSync(join(dataDir, 'store'))) return undefined;
  const id = existsSync(join(dataDir, CURRENT_FILE)) ? currentWorkspace(dataDir) : legacyWorkspaceId(dataDir);
  await setCurrentWorkspace(dataDir, id);
  const target = workspaceDir(dataDir, id);
  makePrivateFolder(target);
  for (const entry of LEGACY_ENTRIES) {
    if (existsSync(join(dataDir, entry)) && !existsSync(join(target, entry))) await rename(join(dataDir, entry), join(target, entry));
  }
  const settingsFile = join(target, SETTINGS_FILE);
  const settings = readWorkstationSettings(settingsFile);
  if (settings.keyFile !== null && settings.keyFile.startsWith(dataDir + sep) && !settings.keyFile.startsWith(join(dataDir, COMMISSIONS) + sep)) {
    await writeWorkstationSettings(settingsFile, { ...settings, keyFile: join(target, settings.keyFile.slice(dataDir.length + 1)) });
  }
  const pinned = id === DEMO_WORKSPACE ? undefined : pinnedRosterIn(join(target, 'store'));
  if (pinned && !existsSync(join(target, TRUSTED_ROSTER_FILE))) await writeFileDurably(join(target, TRUSTED_ROSTER_FILE), Buffer.from(pinned.bytes).toString('utf8'));
  return id;
}

function legacyWorkspaceId(dataDir: string): WorkspaceId {
  if (readWorkstationSettings(join(dataDir, SETTINGS_FILE)).demo) return DEMO_WORKSPACE;
  return pinnedRosterIn(join(dataDir, 'store'))?.id ?? DEMO_WORKSPACE;
}

function pinnedRosterIn(storeDir: string): PinnedRoster | undefined {
  if (!existsSync(join(storeDir, DATABASE_FILE))) return undefined;
  const db = openReadableDatabase(join(storeDir, DATABASE_FILE));
  try {
    return pinnedRoster(db);
  } finally {
    db.close();
  }
}
