import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { readonly present: true; readonly path: string } | { readonly present: false; readonly reason: string };

/** The `electron` package resolves to its binary's path, or throws when the binary was never downloaded. */
export function findElectronBinary(fromDir: string): ElectronBinary {
  try {
    const path = createRequire(`${fromDir}/`)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { present: true, path };
    return { present: false, reason: 'the electron package has no binary' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      present: false,
      reason: message.includes('Cannot find module') ? 'the electron package is not installed' : 'its binary was not downloaded',
    };
  }
}
