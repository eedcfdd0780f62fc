import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiHandlers } from '../api/handlers';
import { defaultDataDir, openAppServices } from '../host/app-services';
import { appPaths } from '../host/paths';
import { xdgOpenShell } from '../host/xdg-open-shell';
import { startLoopbackServer } from '../loopback/loopback-server';
import { hasDisplay } from './display';
import { findElectronBinary } from './electron-binary';
import { chromiumAppArgs, ensureChromium } from './system-chromium';

const paths = appPaths(__dirname);
const say = (line: string) => process.stdout.write(`${line}\n`);
const testMode = process.env['TRUCELINE_TEST'] === '1';
/** Serve the app on loopback and print its address, opening no browser (end-to-end tests). */
const serveOnly = process.argv.includes('--serve-only');
/** Use the system Chromium even where Electron is installed. */
const forceChromium = process.argv.includes('--chromium');

async function main(): Promise<void> {
  const electron = findElectronBinary(paths.root);
  if (electron.present && !serveOnly && !forceChromium) {
    const child = spawn(electron.path, [paths.root], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (forceChromium) say('Opening Truceline in the system Chromium (--chromium).');
  else if (!serveOnly && !electron.present) {
    say(`Electron is not available (${electron.reason}; \`npm run electron:install\` fetches it where its download host is reachable): opening Truceline in the system Chromium instead.`);
  }
  const chromium = serveOnly || !hasDisplay() ? undefined : ensureChromium(say);

  const version = (JSON.parse(readFileSync(join(paths.root, 'package.json'), 'utf8')) as { version: string }).version;
  const services = await openAppServices({ dataDir: defaultDataDir(), resourcesDir: paths.resourcesDir, log: say });
  const handlers = createApiHandlers({ host: 'chromium', resourcesDir: paths.resourcesDir, version, testMode, shell: xdgOpenShell() }, services);
  const server = await startLoopbackServer({ handlers, rendererDir: paths.rendererDir, events: services.events, evidence: services.evidence });
  const stop = async (code: number) => {
    await server.close();
    await services.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(130));
  process.on('SIGTERM', () => void stop(143));

  if (serveOnly) {
    say(`TRUCELINE_URL=${server.launchUrl}`);
    return;
  }
  if (!chromium) {
    const port = new URL(server.origin).port;
    say(
      `No display found (DISPLAY and WAYLAND_DISPLAY are unset): run \`xvfb-run -a npm start\` for a virtual display, or open ${server.launchUrl} in a browser on this machine, once: its first load signs that browser in (over SSH: \`ssh -L ${port}:127.0.0.1:${port} …\`). Serving until Ctrl-C.`,
    );
    return;
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'truceline-chromium-'));
  const browser = spawn(chromium, chromiumAppArgs(server.launchUrl, profileDir), { stdio: ['ignore', 'ignore', 'inherit'] });
  browser.on('exit', (code) => {
    void rm(profileDir, { recursive: true, force: true }).then(() => stop(code ?? 0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`truceline: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
