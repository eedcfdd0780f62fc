import { randomBytes } from 'node:crypto';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

// A shared folder's layout is a content-addressed object store (docs/SYNC.md): every object, signed
// or chunk, is one file named by the SHA-256 of its bytes, in a folder named by the name's first two
// hex digits. Files are written under a temporary name and renamed, never modified, never deleted.
// What an object is comes from its bytes, as in a pack; nothing else in the folder is trusted.

/** The folder inside the attached folder that holds the objects, so that the user's other files never mix with them. */
export const OBJECTS_FOLDER = 'truceline-objects';

const OBJECT_NAME = /^[0-9a-f]{64}$/;
const PREFIX_FOLDER = /^[0-9a-f]{2}$/;
/**
 * Our own temporary files take Syncthing's temporary pattern (`.syncthing.*.tmp`), which Syncthing
 * never scans, so a half-written object never travels; the `truceline-` part tells them from Syncthing's own.
 */
const OWN_TEMPORARY = /^\.syncthing\.truceline-[0-9a-f]{64}-[0-9a-f]{12}\.tmp$/;

export type FolderEntryName =
  { readonly kind: 'object'; readonly id: string } | { readonly kind: 'ignored'; readonly why: 'own-temporary' | 'syncthing-temporary' | 'conflict-copy' | 'syncthing-marker' | 'not-an-object-name' };

/** What a file name in a two-hex-digit folder is: an object only when it is exactly 64 lowercase hex digits. */
export function classifyEntryName(name: string): FolderEntryName {
  if (OBJECT_NAME.test(name)) return { kind: 'object', id: name };
  if (OWN_TEMPORARY.test(name)) return { kind: 'ignored', why: 'own-temporary' };
  if ((name.startsWith('.syncthing.') && name.endsWith('.tmp')) || name.startsWith('~syncthing~')) return { kind: 'ignored', why: 'syncthing-temporary' };
  if (name.includes('.sync-conflict-')) return { kind: 'ignored', why: 'conflict-copy' };
  if (name === '.stfolder' || name === '.stignore' || name === '.stversions') return { kind: 'ignored', why: 'syncthing-marker' };
  return { kind: 'ignored', why: 'not-an-object-name' };
}

export function objectsRoot(folder: string): string {
  return join(folder, OBJECTS_FOLDER);
}

export function objectPath(folder: string, id: string): string {
  if (!OBJECT_NAME.test(id)) throw new Error(`object name "${id.slice(0, 80)}" is not a lowercase SHA-256`);
  return join(objectsRoot(folder), id.slice(0, 2), id);
}

/** A fresh temporary name for writing `id` in its folder. */
export function temporaryPath(folder: string, id: string): string {
  return join(objectsRoot(folder), id.slice(0, 2), `.syncthing.truceline-${id}-${randomBytes(6).toString('hex')}.tmp`);
}

export interface FolderObject {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface FolderScan {
  readonly objects: readonly FolderObject[];
  /** Our own temporary files (a crash's leftovers, or a write in progress elsewhere on a network share), with their age. */
  readonly temporaries: readonly { readonly path: string; readonly mtimeMs: number }[];
  /** Files whose name is in the layout but that are not regular files (a folder, a symbolic link): never read. */
  readonly notFiles: number;
}

/**
 * Lists the folder's objects by their names; reads no content. A file whose name is not exactly an
 * object name in its prefix folder is ignored (Syncthing's temporary and conflict files among them).
 * An absent objects folder is an empty one; an attached folder that is gone throws.
 */
export async function scanFolder(folder: string): Promise<FolderScan> {
  await stat(folder);
  const root = objectsRoot(folder);
  let prefixes: string[];
  try {
    prefixes = (await readdir(root)).filter((name) => PREFIX_FOLDER.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { objects: [], temporaries: [], notFiles: 0 };
    throw error;
  }
  const objects: FolderObject[] = [];
  const temporaries: { path: string; mtimeMs: number }[] = [];
  let notFiles = 0;
  for (const prefix of prefixes) {
    const names = await readdir(join(root, prefix)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const entry = classifyEntryName(name);
      const own = entry.kind === 'ignored' && entry.why === 'own-temporary';
      if (entry.kind !== 'object' && !own) continue;
      if (entry.kind === 'object' && !name.startsWith(prefix)) continue;
      const path = join(root, prefix, name);
      // Not followed: a link named like an object could point anywhere on this machine.
      const info = await lstat(path).catch(() => undefined);
      if (info === undefined) continue;
      if (!info.isFile()) {
        notFiles += 1;
        continue;
      }
      if (own) temporaries.push({ path, mtimeMs: info.mtimeMs });
      else objects.push({ id: name, path, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return { objects, temporaries, notFiles };
}
