// npm run bench:store — measures, side by side in one run on this machine:
//   raw SHA-256 (node:crypto) over the bytes of a generated stress-like pack of about 1 GB;
//   the disk's write-and-sync rate for the same bytes (an import must make every chunk durable);
//   a store import of that pack in a child process: throughput, its ratio to raw hashing (goal
//   ≥ 70%), and the child's peak RSS (goal < 400 MB); then the idempotent re-import.
// BENCH_STORE_MB sets the pack size (default 1024). The pack and the store live in os.tmpdir() and
// are deleted at the end.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { build } from 'esbuild';
import { generateSigningKey, memberKeyOf, type SigningKey } from '../shared/crypto/signing-key';
import { ready } from '../shared/crypto/sodium';
import { encodeDetections, type DetectionColumns } from '../shared/evidence/detections-codec';
import { DETECTION_CLASSES, SENSOR_KINDS } from '../shared/evidence/evidence-vocabulary';
import { signRoster, signStatement } from '../shared/objects/sign-object';
import type { IncidentPayload, MemberId, ObjectId, Sha256Hex, Timestamp } from '../shared/objects/types';
import { writePack, type PackObjectSource } from '../shared/pack/pack-writer';
import { nodeSha256 } from '../main/crypto/node-sha256';
import { importPack } from '../main/store/import-pack';
import { openStore } from '../main/store/store';

const PACK_MB = Number(process.env['BENCH_STORE_MB'] ?? 1024);
const ROWS_PER_CHUNK = 87_000;
const BYTES_PER_ROW = 39;
const DAY_START_MS = Date.UTC(2026, 10, 22);
const DAY_MS = 86_400_000;
const SENSORS = Array.from({ length: 240 }, (_, i) => `SENSOR-${String(i).padStart(3, '0')}`);
const RSS_SAMPLE_MS = 20;

interface ImportMeasure {
  readonly elapsedMs: number;
  readonly added: number;
  readonly present: number;
  readonly rejected: number;
  readonly peakRssBytes: number;
  /** User + system CPU time of the importing process during the import. */
  readonly cpuMs: number;
  readonly detectionCells: number;
}

/** Detections of one time slice of the day, spread along a line from (33°E, 46.5°N) to (40°E, 49.5°N). */
function sliceDetections(slice: number, slices: number): DetectionColumns {
  let state = (slice * 2_654_435_761 + 1) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const rows = ROWS_PER_CHUNK;
  const from = DAY_START_MS + Math.floor((slice * DAY_MS) / slices);
  const span = Math.floor(DAY_MS / slices);
  const columns = {
    timeMs: new BigInt64Array(rows),
    lon: new Float64Array(rows),
    lat: new Float64Array(rows),
    altitudeM: new Float32Array(rows),
    sensorId: { indices: new Int32Array(rows), values: SENSORS },
    sensorKind: new Int8Array(rows),
    detectionClass: new Int8Array(rows),
    confidencePct: new Uint8Array(rows),
    trackId: new Int32Array(rows),
  };
  const words = new Uint32Array(columns.timeMs.buffer);
  for (let i = 0; i < rows; i++) {
    const t = from + Math.floor((i * span) / rows);
    words[2 * i] = t >>> 0;
    words[2 * i + 1] = Math.floor(t / 4_294_967_296);
    const along = random();
    columns.lon[i] = 33 + 7 * along + (random() - 0.5) * 0.3;
    columns.lat[i] = 46.5 + 3 * along + (random() - 0.5) * 0.3;
    columns.altitudeM[i] = random() < 0.1 ? Number.NaN : random() * 3000;
    columns.sensorId.indices[i] = Math.floor(random() * SENSORS.length);
    columns.sensorKind[i] = Math.floor(random() * SENSOR_KINDS.length);
    columns.detectionClass[i] = Math.floor(random() * DETECTION_CLASSES.length);
    columns.confidencePct[i] = Math.floor(random() * 101);
    columns.trackId[i] = random() < 0.4 ? -1 : Math.floor(random() * 50_000);
  }
  return columns;
}

function hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes the pack: a roster, then per slice an Arrow detections chunk and a signed incident that
 * lists it. Chunks are generated twice (once to learn their hashes, once while writing) so that the
 * generator never holds more than one.
 */
async function generatePack(path: string, rosterPath: string): Promise<{ readonly objects: number; readonly bytes: number }> {
  await ready();
  const slices = Math.max(1, Math.round((PACK_MB * 1024 ** 2) / (ROWS_PER_CHUNK * BYTES_PER_ROW)));
  const [chair, mission] = [await generateSigningKey(nodeSha256), await generateSigningKey(nodeSha256)] as [SigningKey, SigningKey];
  const roster = await signRoster(
    {
      kind: 'roster',
      commission: 'Benchmark commission',
      version: 1,
      prev: null,
      issued: '2026-01-01T00:00:00Z' as Timestamp,
      expires: '2030-01-01T00:00:00Z' as Timestamp,
      members: [
        { id: 'CHAIR' as MemberId, name: 'Chair', role: 'chair', weight: 1, keys: [memberKeyOf(chair)] },
        { id: 'MISSION' as MemberId, name: 'Monitoring mission', role: 'producer', weight: 1, keys: [memberKeyOf(mission)] },
      ],
      rule: { method: 'consensus', weighted: false, silenceProcedure: false },
      updateThreshold: 1,
      lineGeometry: '0'.repeat(64) as Sha256Hex,
    },
    [chair],
    nodeSha256,
  );
  await writeFile(rosterPath, roster.bytes);
  const sources: PackObjectSource[] = [{ id: roster.id as string as Sha256Hex, kind: 'roster', size: roster.bytes.length, open: () => roster.bytes }];
  let prev: ObjectId | null = null;
  for (let slice = 0; slice < slices; slice++) {
    const chunk = encodeDetections(sliceDetections(slice, slices));
    const sha256 = hex(chunk) as Sha256Hex;
    sources.push({ id: sha256, kind: 'chunk', size: chunk.length, open: () => encodeDetections(sliceDetections(slice, slices)) });
    const start = new Date(DAY_START_MS + Math.floor((slice * DAY_MS) / slices)).toISOString().replace(/\.\d{3}Z$/, 'Z') as Timestamp;
    const end = new Date(DAY_START_MS + Math.floor(((slice + 1) * DAY_MS) / slices)).toISOString().replace(/\.\d{3}Z$/, 'Z') as Timestamp;
    const payload: IncidentPayload = {
      kind: 'incident',
      author: 'MISSION' as MemberId,
      seq: slice + 1,
      prev,
      created: '2026-11-23T00:00:00Z' as Timestamp,
      incident: `INC-2026-${String(slice + 1).padStart(6, '0')}`,
      window: { start, end },
      location: { lonE6: 36_500_000, latE6: 48_000_000, uncertaintyM: 5000 },
      chainageM: 1000 * slice,
      category: 'artillery-fire',
      summary: `Detections of slice ${slice + 1} of ${slices} along the whole line.`,
      observations: [{ modality: 'radar', count: ROWS_PER_CHUNK, distanceBand: 'unknown' }],
      evidence: [{ name: 'detections.arrow', role: 'detections', mediaType: 'application/vnd.apache.arrow.file', sha256, size: chunk.length }],
    };
    const incident = await signStatement(payload, mission, nodeSha256);
    prev = incident.id;
    sources.push({ id: incident.id as string as Sha256Hex, kind: 'incident', size: incident.bytes.length, open: () => incident.bytes });
  }
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const piece of writePack('sync', sources)) {
      bytes += piece.length;
      yield piece;
    }
  }
  await pipeline(Readable.from(counted()), createWriteStream(path));
  // On disk before anything is timed, so that its write-back does not compete with the import's.
  const written = await open(path, 'r+');
  await written.sync();
  await written.close();
  return { objects: sources.length, bytes };
}

/** Raw SHA-256 over the pack's bytes: the file is read in 1 MiB pieces and only the hashing is timed. */
async function rawSha256MsOf(path: string): Promise<number> {
  const hash = createHash('sha256');
  let hashingMs = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const start = performance.now();
    hash.update(piece as Buffer);
    hashingMs += performance.now() - start;
  }
  hash.digest();
  return hashingMs;
}

/** Copies the pack to a new file and syncs it: what the disk gives an import that must make its chunks durable. */
async function writeAndSyncMsOf(path: string, dir: string): Promise<number> {
  const target = join(dir, 'copy.bin');
  const start = performance.now();
  const file = await open(target, 'w');
  let position = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    await file.write(piece as Buffer, 0, (piece as Buffer).length, position);
    position += (piece as Buffer).length;
  }
  await file.sync();
  await file.close();
  const elapsed = performance.now() - start;
  await rm(target);
  return elapsed;
}

/** The import, run in this script as a child process so that its peak RSS is its own. */
async function importChild(pack: string, dir: string, roster: string | undefined): Promise<void> {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const store = openStore(dir, { create: true });
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await importPack(store, pack, roster === undefined ? {} : { roster: { source: roster, bytes: new Uint8Array(readFileSync(roster)) } });
  const elapsedMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sample);
  const detectionCells = store.db.prepare('SELECT count(*) FROM detection_cells').pluck().get() as number;
  store.close();
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8').toString());
  const measure: ImportMeasure = {
    elapsedMs,
    added: report.added,
    present: report.present,
    rejected: report.rejected,
    peakRssBytes: Math.max(peak, hwm ? Number(hwm[1]) * 1024 : 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    detectionCells,
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

/**
 * The child runs this script bundled as scripts/build.mjs bundles the CLI, since that is the code
 * that ships (run through tsx's loader the same import takes about half as long again).
 */
async function bundleThisScript(work: string): Promise<string> {
  const outfile = join(work, 'bench-store.cjs');
  await build({ entryPoints: [process.argv[1]!], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3', 'esbuild'], logLevel: 'warning' });
  return outfile;
}

function runImportChild(script: string, pack: string, dir: string, roster?: string): Promise<ImportMeasure> {
  return new Promise((resolve, reject) => {
    const args = [script, '--import-child', pack, dir, ...(roster ? [roster] : [])];
    const env = { ...process.env, NODE_PATH: join(dirname(process.argv[1]!), '..', 'node_modules') };
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ImportMeasure) : reject(new Error(`import child exited with ${code}`))));
  });
}

const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'truceline-bench-store-'));
  try {
    const pack = join(work, 'stress.pack');
    const roster = join(work, 'roster.json');
    const start = performance.now();
    const generated = await generatePack(pack, roster);
    const generateMs = performance.now() - start;
    const bytes = statSync(pack).size;
    process.stderr.write(`generated ${pack}: ${generated.objects} objects, ${(bytes / 1e6).toFixed(0)} MB in ${(generateMs / 1000).toFixed(1)} s\n`);

    const hashMs = await rawSha256MsOf(pack);
    const diskMs = await writeAndSyncMsOf(pack, work);
    const store = join(work, 'store');
    const script = await bundleThisScript(work);
    const first = await runImportChild(script, pack, store, roster);
    if (first.rejected !== 0 || first.added !== generated.objects) throw new Error(`the import stored ${first.added} of ${generated.objects} objects, rejected ${first.rejected}`);
    const again = await runImportChild(script, pack, store);

    const hashRate = mbPerSecond(bytes, hashMs);
    const diskRate = mbPerSecond(bytes, diskMs);
    const importRate = mbPerSecond(bytes, first.elapsedMs);
    const againRate = mbPerSecond(bytes, again.elapsedMs);
    const rows: [string, string, string][] = [
      ['pack', `${(bytes / 1e6).toFixed(0)} MB, ${generated.objects} objects`, `${(generated.objects - 1) / 2} Arrow chunks of ${ROWS_PER_CHUNK} detections + as many signed incidents`],
      ['raw SHA-256 (node:crypto)', `${hashRate.toFixed(0)} MB/s`, `${(hashMs / 1000).toFixed(2)} s`],
      ['disk write + fsync', `${diskRate.toFixed(0)} MB/s`, `${(diskMs / 1000).toFixed(2)} s`],
      ['import', `${importRate.toFixed(0)} MB/s`, `${(first.elapsedMs / 1000).toFixed(2)} s (CPU ${(first.cpuMs / 1000).toFixed(2)} s), ${first.detectionCells} detection cells`],
      ['import / raw SHA-256', `${((100 * importRate) / hashRate).toFixed(0)} %`, 'goal ≥ 70 %'],
      ['import / min(hash, disk)', `${((100 * importRate) / Math.min(hashRate, diskRate)).toFixed(0)} %`, 'the slower of the two bounds an import'],
      ['peak RSS of the import', `${(first.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`, 'goal < 400 MiB'],
      ['re-import (all present)', `${againRate.toFixed(0)} MB/s`, `${(again.elapsedMs / 1000).toFixed(2)} s, peak RSS ${(again.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    const valueWidth = Math.max(...rows.map((r) => r[1].length));
    process.stdout.write(`\nstore import benchmark (${new Date().toISOString()})\n`);
    for (const [name, value, note] of rows) process.stdout.write(`  ${name.padEnd(width)}  ${value.padStart(valueWidth)}  ${note}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--import-child') {
  void importChild(process.argv[3]!, process.argv[4]!, process.argv[5]);
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
