import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const INSTALL_CHROMIUM_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

export function findChromium(): string | undefined {
  const override = process.env['TRUCELINE_CHROMIUM'];
  if (override) return existsSync(override) ? override : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

function canInstallWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * Finds the system Chromium, installing Debian's package when we are root with apt; otherwise
 * throws with the exact command to run.
 */
export function ensureChromium(log: (line: string) => void): string {
  const found = findChromium();
  if (found) return found;
  if (!canInstallWithApt()) {
    throw new Error(`Chromium was not found: install it with \`${INSTALL_CHROMIUM_COMMAND}\` (or set TRUCELINE_CHROMIUM to a Chromium binary), then run the command again.`);
  }
  log("Chromium was not found: installing Debian's chromium package (apt-get install -y chromium)…");
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed (exit ${result.status ?? 'signal'}); install Chromium with \`${INSTALL_CHROMIUM_COMMAND}\`.`);
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get installed chromium but no binary was found at ${CANDIDATES.join(', ')}.`);
  return installed;
}

/** Flags for a private, quiet, offline app window. */
export function chromiumAppArgs(url: string, profileDir: string): string[] {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--window-size=1440,900',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    // Software WebGL2 where the machine has no usable GPU (VMs, Xvfb).
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ];
  // Chromium refuses to start as root with its sandbox on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
