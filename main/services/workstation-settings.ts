import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { MemberId } from '../../shared/objects/types';

/** This device's own settings (not commission data): whom it signs for and with which key file. */
export interface WorkstationSettings {
  readonly actingAs: MemberId | null;
  /** The sealed secret key of the delegation this workstation signs for; it never leaves main. */
  readonly keyFile: string | null;
  readonly demo: boolean;
}

export const NO_SETTINGS: WorkstationSettings = { actingAs: null, keyFile: null, demo: false };

export function readWorkstationSettings(file: string): WorkstationSettings {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WorkstationSettings>;
    return {
      actingAs: typeof raw.actingAs === 'string' ? (raw.actingAs as MemberId) : null,
      keyFile: typeof raw.keyFile === 'string' ? raw.keyFile : null,
      demo: raw.demo === true,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_SETTINGS;
    throw new Error(`${file}: workstation settings are unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function writeWorkstationSettings(file: string, settings: WorkstationSettings): Promise<void> {
  await writeFile(`${file}.partial`, `${JSON.stringify(settings, null, 2)}\n`);
  await rename(`${file}.partial`, file);
}
