import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { PACK_INDEX_NAME } from '../../shared/pack/pack-index';

/** Packs that could be read as packs but failed entirely (a refused roster, a truncated archive): kept with their reason, never imported again by themselves. */
export const REJECTED_FOLDER = 'rejected';
/** Files in the inbox that are not packs at all: moved aside once, so that they are not offered again. */
export const NOT_PACKS_FOLDER = 'not-packs';

const TAR_BLOCK = 512;
const USTAR_MAGIC_AT = 257;

/**
 * Whether a file starts as a pack does: a ustar header whose entry is the index (docs/PACK.md).
 * Anything else — a folder, a FIFO (never opened: it would wait for a writer), a photo named
 * `.pack` — is not a pack at all.
 */
export async function looksLikePack(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  const file = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => undefined);
  if (!file) return true; // Unreadable now: not known to be something else; it goes with its error to rejected/.
  try {
    const header = Buffer.alloc(TAR_BLOCK);
    const { bytesRead } = await file.read(header, 0, TAR_BLOCK, 0);
    if (bytesRead < TAR_BLOCK) return false;
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    return name === PACK_INDEX_NAME && header.subarray(USTAR_MAGIC_AT, USTAR_MAGIC_AT + 5).toString('latin1') === 'ustar';
  } finally {
    await file.close();
  }
}

/**
 * Moves a file out of the inbox into `inbox/<folder>/`, under a name not taken there yet, with
 * `<name>.reason.txt` beside it saying why in one line. Returns the name it got.
 */
export async function moveAside(inbox: string, file: string, folder: typeof REJECTED_FOLDER | typeof NOT_PACKS_FOLDER, reason: string): Promise<string> {
  const target = join(inbox, folder);
  await mkdir(target, { recursive: true });
  const name = await freeName(target, file);
  await rename(join(inbox, file), join(target, name));
  await writeFile(join(target, `${name}.reason.txt`), `${reason}\n`);
  return name;
}

async function freeName(folder: string, file: string): Promise<string> {
  const extension = extname(file);
  const stem = file.slice(0, file.length - extension.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? file : `${stem}-${n}${extension}`;
    const taken = await lstat(join(folder, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}
