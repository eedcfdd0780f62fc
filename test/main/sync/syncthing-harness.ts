import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './fixtures/free-port';

// Two real Syncthing instances (Debian's `syncthing`) on loopback only, for tests: each with a home
// folder of its own, its GUI/REST API on 127.0.0.1 with an API key, listening on 127.0.0.1 only,
// global and local discovery, relays, NAT traversal, usage and crash reporting and upgrades off,
// each knowing the other by its explicit address, sharing one folder.

const run = promisify(execFile);
export const FOLDER_ID = 'truceline-objects-test';

export interface SyncthingInstance {
  readonly name: string;
  readonly deviceId: string;
  readonly folder: string;
  /** GET on the REST API, parsed. */
  rest<T>(path: string): Promise<T>;
  /** What it printed, for a failure's message. */
  log(): string;
  stop(): Promise<void>;
}

/** Whether `syncthing` can be run here (CI installs it; see .ci/run). */
export async function syncthingVersion(): Promise<string | undefined> {
  try {
    return (await run('syncthing', ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

interface Prepared {
  readonly name: string;
  readonly home: string;
  readonly folder: string;
  readonly deviceId: string;
  readonly guiPort: number;
  readonly listenPort: number;
  readonly apiKey: string;
}

async function prepare(baseDir: string, name: string, folder: string): Promise<Prepared> {
  const home = join(baseDir, `syncthing-${name}`);
  mkdirSync(home, { recursive: true });
  await run('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { env: environment(home) });
  const deviceId = (await run('syncthing', ['serve', `--home=${home}`, '--device-id'], { env: environment(home) })).stdout.trim();
  // Syncthing refuses to sync a folder without its marker; the test's folders start empty.
  mkdirSync(join(folder, '.stfolder'), { recursive: true });
  return { name, home, folder, deviceId, guiPort: await freePort(), listenPort: await freePort(), apiKey: randomBytes(16).toString('hex') };
}

function environment(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, STNOUPGRADE: '1', STNORESTART: '1', STNODEFAULTFOLDER: '1' };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function device(id: string, name: string, address: string): string {
  return `    <device id="${id}" name="${escape(name)}" compression="metadata" introducer="false">
        <address>${address}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`;
}

/** The whole config.xml: Syncthing fills in every default left out. */
function configXml(self: Prepared, peer: Prepared): string {
  return `<configuration version="36">
    <folder id="${FOLDER_ID}" label="Truceline objects" path="${escape(self.folder)}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${self.deviceId}"></device>
        <device id="${peer.deviceId}"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <paused>false</paused>
        <markerName>.stfolder</markerName>
    </folder>
${device(self.deviceId, self.name, 'dynamic')}
${device(peer.deviceId, peer.name, `tcp://127.0.0.1:${peer.listenPort}`)}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.guiPort}</address>
        <apikey>${self.apiKey}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`;
}

function launch(p: Prepared): SyncthingInstance {
  let output = '';
  // Its own process group, so that stopping it stops whatever it started.
  const child: ChildProcess = spawn('syncthing', ['serve', `--home=${p.home}`, '--no-browser', '--no-restart', '--no-upgrade', `--gui-address=127.0.0.1:${p.guiPort}`, `--gui-apikey=${p.apiKey}`], {
    env: environment(p.home),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (data: Buffer) => {
    output = (output + data.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name: p.name,
    deviceId: p.deviceId,
    folder: p.folder,
    rest: async <T>(path: string) => {
      const response = await fetch(`http://127.0.0.1:${p.guiPort}${path}`, { headers: { 'X-API-Key': p.apiKey } });
      if (!response.ok) throw new Error(`syncthing ${p.name} ${path}: HTTP ${response.status}`);
      return (await response.json()) as T;
    },
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Polls `check` until it holds (never a fixed sleep), failing with `what` and the instances' logs after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number, instances: readonly SyncthingInstance[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${instances.map((i) => `--- syncthing ${i.name}\n${i.log().slice(-3000)}`).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts two instances sharing `folders[0]` (on the first) and `folders[1]` (on the second) as one folder, and waits until they are connected. */
export async function startSyncthingPair(baseDir: string, folders: readonly [string, string]): Promise<[SyncthingInstance, SyncthingInstance]> {
  const a = await prepare(baseDir, 'a', folders[0]);
  const b = await prepare(baseDir, 'b', folders[1]);
  writeFileSync(join(a.home, 'config.xml'), configXml(a, b));
  writeFileSync(join(b.home, 'config.xml'), configXml(b, a));
  const instances: [SyncthingInstance, SyncthingInstance] = [launch(a), launch(b)];
  try {
    for (const instance of instances) await until(async () => (await instance.rest<{ ping?: string }>('/rest/system/ping')).ping === 'pong', `syncthing ${instance.name} to answer`, 30_000, instances);
    for (const [instance, peer] of [instances, [instances[1], instances[0]]] as const) {
      await until(
        async () => (await instance.rest<{ connections: Record<string, { connected: boolean }> }>('/rest/system/connections')).connections[peer.deviceId]?.connected === true,
        `syncthing ${instance.name} to connect to ${peer.name}`,
        30_000,
        instances,
      );
    }
    for (const instance of instances) {
      await until(async () => (await instance.rest<{ state: string }>(`/rest/db/status?folder=${FOLDER_ID}`)).state === 'idle', `syncthing ${instance.name}'s folder to be idle`, 30_000, instances);
    }
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    throw error;
  }
  return instances;
}
