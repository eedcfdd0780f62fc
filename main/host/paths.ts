import { join, resolve } from 'node:path';

export interface AppPaths {
  readonly root: string;
  readonly rendererDir: string;
  readonly resourcesDir: string;
  readonly preloadScript: string;
  readonly electronMain: string;
}

/**
 * Layout of a built app. `bundleDir` is the folder of the running bundle (dist/main), the same
 * whether run from a checkout or from inside a packaged app.asar.
 */
export function appPaths(bundleDir: string): AppPaths {
  const root = resolve(bundleDir, '..', '..');
  return {
    root,
    rendererDir: join(root, 'dist', 'renderer'),
    resourcesDir: join(root, 'resources'),
    preloadScript: join(root, 'dist', 'main', 'preload.js'),
    electronMain: join(root, 'dist', 'main', 'electron-main.js'),
  };
}
