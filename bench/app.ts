// npm run bench:app — the workstation at commission scale, through the real import, services and
// store workers, for commissions of 1,000, 10,000 and 50,000 incidents × 40 delegations
// (bench/app-commission.ts, cached in .bench-cache/). For each size, in a child process running
// this script bundled as the app ships (its store workers bundled beside it):
//   the import of the commission's packs through the workstation's inbox and import worker, with
//   statements verified per second against raw Ed25519 on one core (measured in the same process
//   just before and just after the import), and the
//   store's size on disk against the packs'; meanwhile the API is called every 20 ms and its
//   latencies recorded;
//   then a fresh start of the services on that store until the first answer, the first page of
//   the queue, one incident's detail, the header and a filter change, each the median of several runs.
// BENCH_APP_SIZES=1000,10000 picks the sizes (default all three); BENCH_APP_RUNS the runs per call.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { DEFAULT_INCIDENT_QUERY, type IncidentPage, type IncidentQuery } from '../shared/commission/incident-list';
import type { ImportStatus } from '../shared/commission/views';
import { signDetached, verifyDetached } from '../shared/crypto/ed25519';
import { generateSigningKey } from '../shared/crypto/signing-key';
import { ready } from '../shared/crypto/sodium';
import type { ApiReply, OperationArgs, OperationName, TrucelineApi } from '../shared/ipc/contract';
import { dispatch } from '../main/api/dispatch';
import { createApiHandlers } from '../main/api/handlers';
import { nodeSha256 } from '../main/crypto/node-sha256';
import { openAppServices, type OpenedServices } from '../main/host/app-services';
import { writePackFile } from '../main/packs/pack-file';
import { importPack } from '../main/store/import-pack';
import { openStore } from '../main/store/store';
import { currentWorkspace, workspaceDir } from '../main/workspaces/workspace-layout';
import { benchCommission, type BenchCommission } from './app-commission';
import { VOTING } from './app-commission-plan';

const ROOT = resolve(__dirname, '..');
const CACHE = join(ROOT, '.bench-cache');
const RESOURCES = join(ROOT, 'resources');
const SIZES = (process.env['BENCH_APP_SIZES'] ?? '1000,10000,50000').split(',').map(Number);
const RUNS = Number(process.env['BENCH_APP_RUNS'] ?? 7);
const PING_MS = 20;
const RAW_MESSAGES = 3_000;

interface Latencies {
  readonly calls: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
}

interface Measure {
  readonly size: number;
  readonly statements: number;
  readonly packBytes: number;
  /** Raw Ed25519 verifications per second on one core, measured just before and just after the import (their mean). */
  readonly raw: number;
  readonly importSeconds: number;
  /** CPU time of the whole measuring process (every thread) while the import ran. */
  readonly importCpuSeconds: number;
  readonly cores: number;
  readonly storeBytes: number;
  /** Latencies of calls made while the import ran, summarised (the child's answer stays small). */
  readonly duringImport: Readonly<Record<'getAppInfo' | 'getCommission' | 'listIncidents', Latencies>>;
  readonly startMs: number;
  readonly calls: Readonly<Record<'queue' | 'detail' | 'header' | 'filter', readonly number[]>>;
  readonly queueTotal: number;
}

/** Raw libsodium Ed25519 verifications per second on this thread, over 600-byte messages (a statement's PAE), best of three. */
async function rawEd25519PerSecond(): Promise<number> {
  await ready();
  const key = await generateSigningKey(nodeSha256);
  const messages = Array.from({ length: RAW_MESSAGES }, () => new Uint8Array(randomBytes(600)));
  const signatures = messages.map((m) => signDetached(m, key.secretKey));
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (let i = 0; i < messages.length; i++) if (!verifyDetached(signatures[i]!, messages[i]!, key.publicKey)) throw new Error('raw verify failed');
    best = Math.min(best, performance.now() - start);
  }
  return (RAW_MESSAGES * 1000) / best;
}

function sizeOnDisk(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOnDisk(join(path, name)), 0);
}

async function call<K extends OperationName>(handlers: TrucelineApi, operation: K, ...args: OperationArgs<K>): Promise<{ ms: number; value: unknown }> {
  const start = performance.now();
  const reply: ApiReply<unknown> = await dispatch(handlers, operation, args);
  // What the loopback host sends the window: the reply as JSON.
  JSON.stringify(reply);
  const ms = performance.now() - start;
  if (!reply.ok) throw new Error(`${operation}: ${reply.error.code}: ${reply.error.message}`);
  return { ms, value: reply.value };
}

function handlersOf(services: OpenedServices): TrucelineApi {
  return createApiHandlers({ host: 'chromium', resourcesDir: RESOURCES, version: 'bench', testMode: false }, services);
}

/** The child's part: import through the inbox while pinging the API, then a fresh start and the calls. */
async function measure(commission: BenchCommission): Promise<Measure> {
  const dataDir = mkdtempSync(join(tmpdir(), 'truceline-bench-app-'));
  try {
    // The store trusts the commission's roster (pinned by a first import of it alone) and acts as D01.
    const rosterPack = join(dataDir, 'roster.pack');
    const rosterBytes = new Uint8Array(await readFile(commission.rosterFile));
    await writePackFile(rosterPack, 'sync', [{ kind: 'roster', bytes: rosterBytes }]);
    const store = openStore(join(dataDir, 'store'), { create: true });
    await importPack(store, rosterPack, { roster: { source: commission.rosterFile, bytes: rosterBytes } });
    store.close();
    writeFileSync(join(dataDir, 'workstation.json'), JSON.stringify({ actingAs: VOTING[0], keyFile: null, demo: false }));
    mkdirSync(join(dataDir, 'inbox'));
    for (const pack of commission.packs) {
      const target = join(dataDir, 'inbox', pack.split('/').at(-1)!);
      try {
        linkSync(pack, target);
      } catch {
        copyFileSync(pack, target);
      }
    }

    const importing = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
    const handlers = handlersOf(importing);
    const ended = new Promise<ImportStatus>((resolveEnded) => {
      importing.events.subscribe((event, payload) => {
        if (event === 'importProgress' && !(payload as ImportStatus).running) resolveEnded(payload as ImportStatus);
      });
    });
    const duringImport = { getAppInfo: [] as number[], getCommission: [] as number[], listIncidents: [] as number[] };
    const rawBefore = await rawEd25519PerSecond();
    const importStart = performance.now();
    const cpuBefore = process.cpuUsage();
    await call(handlers, 'importInbox');
    let done = false;
    void ended.then(() => (done = true));
    while (!done) {
      duringImport.getAppInfo.push((await call(handlers, 'getAppInfo')).ms);
      duringImport.getCommission.push((await call(handlers, 'getCommission')).ms);
      duringImport.listIncidents.push((await call(handlers, 'listIncidents', DEFAULT_INCIDENT_QUERY)).ms);
      await new Promise((wait) => setTimeout(wait, PING_MS));
    }
    const status = await ended;
    const importSeconds = (performance.now() - importStart) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const importCpuSeconds = (cpu.user + cpu.system) / 1e6;
    await importing.close();
    const raw = (rawBefore + (await rawEd25519PerSecond())) / 2;
    const failed = status.results.filter((r) => r.error !== null || r.rejected > 0);
    if (failed.length > 0) throw new Error(`import: ${failed[0]!.file}: ${failed[0]!.error ?? `${failed[0]!.rejected} rejected: ${failed[0]!.rejections[0]?.reason}`}`);
    // The services moved the store into its commission's folder on their first start (workspace-layout.ts).
    const storeBytes = sizeOnDisk(join(workspaceDir(dataDir, currentWorkspace(dataDir)), 'store'));

    const startAt = performance.now();
    const services = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
    const fresh = handlersOf(services);
    await call(fresh, 'getCommission');
    const startMs = performance.now() - startAt;
    const calls = { queue: [] as number[], detail: [] as number[], header: [] as number[], filter: [] as number[] };
    let queueTotal = 0;
    for (let run = 0; run < RUNS; run++) {
      const page = await call(fresh, 'listIncidents', DEFAULT_INCIDENT_QUERY);
      calls.queue.push(page.ms);
      const items = (page.value as IncidentPage).items;
      queueTotal = (page.value as IncidentPage).total;
      calls.detail.push((await call(fresh, 'getIncident', items[(run * 13) % items.length]!.id)).ms);
      calls.header.push((await call(fresh, 'getCommission')).ms);
      const filter: IncidentQuery = {
        ...DEFAULT_INCIDENT_QUERY,
        outcomes: run % 2 === 0 ? ['violation'] : ['no-consensus', 'disputed'],
        kmMin: 100 * run,
        kmMax: 100 * run + 700,
        sort: run % 2 === 0 ? 'km' : 'time-desc',
      };
      calls.filter.push((await call(fresh, 'listIncidents', filter)).ms);
    }
    await services.close();
    const summarised = { getAppInfo: summarise(duringImport.getAppInfo), getCommission: summarise(duringImport.getCommission), listIncidents: summarise(duringImport.listIncidents) };
    return {
      size: commission.size,
      statements: commission.statements,
      packBytes: commission.packBytes,
      raw,
      importSeconds,
      importCpuSeconds,
      cores: availableParallelism(),
      storeBytes,
      duringImport: summarised,
      startMs,
      calls,
      queueTotal,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** This script and the store worker's entry bundled as scripts/build.mjs bundles the app: the code that ships. */
async function bundle(): Promise<string> {
  const dir = join(CACHE, 'bundle');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3', 'esbuild', 'electron'], logLevel: 'warning' };
  await build({ ...common, entryPoints: [join(ROOT, 'bench', 'app.ts')], outfile: join(dir, 'bench-app.js') });
  await build({ ...common, entryPoints: [join(ROOT, 'main', 'worker', 'store-worker.ts')], outfile: join(dir, 'store-worker.js') });
  await build({ ...common, entryPoints: [join(ROOT, 'main', 'worker', 'verify-worker.ts')], outfile: join(dir, 'verify-worker.js') });
  return join(dir, 'bench-app.js');
}

function runChild(script: string, manifest: string): Promise<Measure> {
  return new Promise((resolveMeasure, reject) => {
    const child = spawn(process.execPath, [script, '--measure', manifest], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveMeasure(JSON.parse(out.trim().split('\n').at(-1)!) as Measure) : reject(new Error(`measuring child exited with ${code}`))));
  });
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const quantile = (values: readonly number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

function table(measures: readonly Measure[]): string {
  const goalAt = (size: number, at10k: string, factor = 2) => (size > 10_000 ? `≤ ${factor}× the 10,000 figure` : size === 10_000 ? at10k : '—');
  const rows: [string, (m: Measure) => string, (m: Measure) => string][] = [
    ['statements (packs)', (m) => `${m.statements.toLocaleString('en')} (${(m.packBytes / 1024 ** 2).toFixed(0)} MiB)`, () => ''],
    ['import through the inbox', (m) => `${m.importSeconds.toFixed(1)} s`, () => ''],
    ['  raw Ed25519 verify, one core (before and after the import)', (m) => `${Math.round(m.raw).toLocaleString('en')} /s`, () => ''],
    [
      '  statements verified /s',
      (m) => `${Math.round(m.statements / m.importSeconds).toLocaleString('en')} = ${(m.statements / m.importSeconds / m.raw).toFixed(2)}× raw`,
      () => '≥ 1.5× raw (both cores)',
    ],
    [
      '  CPU of the import, every thread, per statement',
      (m) => {
        const perStatement = m.importCpuSeconds / m.statements;
        return `${(perStatement * 1e6).toFixed(0)} µs = ${(perStatement * m.raw).toFixed(2)} raw checks: at most ${(m.cores / (perStatement * m.raw)).toFixed(2)}× raw on ${m.cores} cores`;
      },
      () => '',
    ],
    ['  store on disk / packs', (m) => `${(m.storeBytes / 1024 ** 2).toFixed(0)} MiB = ${(m.storeBytes / m.packBytes).toFixed(2)}×`, () => '≤ 1.1×'],
    ['  getAppInfo during import (median / p99 / max)', (m) => latencies(m.duringImport.getAppInfo), () => 'max ≤ 50 ms'],
    ['  getCommission during import', (m) => latencies(m.duringImport.getCommission), () => 'max ≤ 50 ms'],
    ['  listIncidents page during import', (m) => latencies(m.duringImport.listIncidents), () => 'max ≤ 50 ms'],
    ['start to first answer (getCommission)', (m) => ms(m.startMs), (m) => goalAt(m.size, '≤ 1.5 s')],
    ['queue: first page of 100', (m) => `${ms(median(m.calls.queue))} (of ${m.queueTotal.toLocaleString('en')})`, (m) => goalAt(m.size, '≤ 50 ms')],
    ['one incident’s detail', (m) => ms(median(m.calls.detail)), (m) => goalAt(m.size, '≤ 50 ms')],
    ['header (getCommission)', (m) => ms(median(m.calls.header)), () => ''],
    ['filter change (outcome + km, sorted)', (m) => ms(median(m.calls.filter)), (m) => goalAt(m.size, '≤ 50 ms')],
  ];
  const header = ['measure', ...measures.map((m) => `${m.size.toLocaleString('en')} × 40`), 'goal'];
  const body = rows.map(([name, value, goal]) => [name, ...measures.map(value), measures.map(goal).filter(Boolean).join('; ')]);
  return [header, header.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function summarise(values: readonly number[]): Latencies {
  return { calls: values.length, median: median(values), p99: quantile(values, 0.99), max: Math.max(...values) };
}

function latencies(l: Latencies): string {
  return l.calls === 0 ? 'no call' : `${ms(l.median)} / ${ms(l.p99)} / ${ms(l.max)} (${l.calls} calls)`;
}

async function main(): Promise<void> {
  process.stdout.write(`bench:app on ${process.version}, ${new Date().toISOString()}; sizes ${SIZES.join(', ')}; ${RUNS} runs per call\n`);
  const script = await bundle();
  const measures: Measure[] = [];
  for (const size of SIZES) {
    const commission = await benchCommission(size, CACHE, (line) => process.stderr.write(`${line}\n`));
    if (commission.buildSeconds > 0) process.stderr.write(`bench commission ${size}: ready (built in ${commission.buildSeconds.toFixed(0)} s, then cached)\n`);
    const manifest = join(commission.dir, 'manifest.json');
    measures.push(await runChild(script, manifest));
    process.stderr.write(`measured ${size}\n`);
  }
  process.stdout.write(`\n${table(measures)}\n`);
}

if (process.argv[2] === '--measure') {
  void readFile(process.argv[3]!, 'utf8')
    .then((text) => measure(JSON.parse(text) as BenchCommission))
    // Exits once the answer is written: stdout to a pipe is asynchronous.
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0)))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
