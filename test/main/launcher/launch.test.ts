import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../main/launcher/electron-binary';

const ROOT = resolve(__dirname, '../../..');
const LAUNCHER = resolve(ROOT, 'dist/main/launch.js');

/** Runs the built launcher with no display until it says it is serving, then stops it. */
function launchHeadless(args: string[]): Promise<string[]> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', TRUCELINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'truceline-launch-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  return new Promise((resolveLines, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no "Serving" line; got: ${lines.join(' | ')}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString()}`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.includes('Serving until Ctrl-C')) {
        clearTimeout(timer);
        child.once('exit', () => resolveLines(lines));
        const url = /open (http:\/\/127\.0\.0\.1:\d+\/session\?token=\S+) in a browser/.exec(line)?.[1];
        if (!url) return child.kill();
        // The printed address signs one browser in (a session cookie) and is worthless after.
        get(url, (first) => {
          lines.push(`GET launch link -> ${first.statusCode} ${String(first.headers['set-cookie'] ?? '')}`);
          first.resume();
          get(url, (second) => {
            lines.push(`GET launch link again -> ${second.statusCode}`);
            second.resume();
            child.kill('SIGTERM');
          });
        });
      }
    });
  });
}

describe('npm start without a display', () => {
  it('installs the demo on first start, says there is no display and how to proceed, and serves the app on loopback', async () => {
    const lines = await launchHeadless(['--chromium']);
    expect(lines[0]).toBe('Opening Truceline in the system Chromium (--chromium).');
    expect(lines).toContainEqual(expect.stringMatching(/^No display found \(DISPLAY and WAYLAND_DISPLAY are unset\): run `xvfb-run -a npm start`/));
    expect(lines).toContainEqual(expect.stringMatching(/^DEMO commission installed: \d+ incidents; you act as FRA/));
    expect(lines).toContainEqual(expect.stringMatching(/^GET launch link -> 303 truceline-session-\d+=\S+; HttpOnly; SameSite=Strict; Path=\/$/));
    expect(lines).toContain('GET launch link again -> 403');
  });

  it.runIf(!findElectronBinary(ROOT).present)('says in one line that Electron is missing and the system Chromium is used instead', async () => {
    const lines = await launchHeadless([]);
    expect(lines[0]).toMatch(/^Electron is not available \(.+\): opening Truceline in the system Chromium instead\.$/);
  });
});
