// Builds the app into dist/: main-process bundles with esbuild, the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rm } from 'node:fs/promises';

const MAIN_ENTRIES = {
  'electron-main': 'main/electron/electron-main.ts',
  preload: 'main/electron/preload.ts',
  launch: 'main/launcher/launch.ts',
  'setup-browser': 'main/launcher/setup-browser.ts',
  // The store's worker threads (main/worker/): loaded by path from beside the bundle that starts them.
  'store-worker': 'main/worker/store-worker.ts',
  'verify-worker': 'main/worker/verify-worker.ts',
};

const cliOnly = process.argv.includes('--cli-only');

// The CLI is plain Node: an auditor runs it without the app.
async function buildCli() {
  await esbuild({
    // The import's verifier threads (main/worker/verify-worker.ts) start from beside the CLI too.
    entryPoints: { truceline: 'main/cli/truceline.ts', 'verify-worker': 'main/worker/verify-worker.ts' },
    outdir: 'dist/cli',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
}

if (cliOnly) {
  await buildCli();
  process.exit(0);
}
await rm('dist', { recursive: true, force: true });
await buildCli();
await esbuild({
  entryPoints: MAIN_ENTRIES,
  outdir: 'dist/main',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // Native modules and Electron itself are loaded at run time, never bundled.
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
});
await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
