// The days the playback benchmark (bench/playback.ts) plays, from the app's own generator
// (shared/synthetic, as `truceline generate` runs it): the 10⁷ day is `truceline generate --scale
// stress --seed 1`'s monitoring day (the same config through demoDay, so its chunks are the bytes
// of day.pack's chunks, one detections and one tracks chunk per batch), and the smaller days are
// the same stress config with the detections aimed at N, the background objects in proportion and
// batches of N/10 rows, so that every day comes in about as many chunks. Chunks are cached under
// .bench-cache/, keyed by the generator's sources, the line, the seed and N.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoDay } from '../shared/demo/demo-commission';
import { encodeDetections } from '../shared/evidence/detections-codec';
import { encodeTracks } from '../shared/evidence/tracks-codec';
import { batchDetections, batchTracks } from '../shared/synthetic/evidence-chunks';
import { createSyntheticDay } from '../shared/synthetic/synthetic-day';
import type { SyntheticConfig } from '../shared/synthetic/config';
import { readShippedLine } from '../main/demo/write-demo';

const ROOT = resolve(__dirname, '..');
export const STRESS_DETECTIONS = 10_000_000;
/** What decides the chunks' bytes (this file: the smaller days' configs): a change to any of them generates the days again. */
const GENERATOR_SOURCES = ['shared/synthetic', 'shared/demo', 'shared/evidence', 'main/demo/generate.ts', 'bench/playback-data.ts'];

/** A generated day as the Day view plays it: one bucket per batch, its detections chunk and its tracks chunk. */
export interface BenchDay {
  /** What the day is, in words, for the report. */
  readonly source: string;
  readonly detections: number;
  readonly tracks: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  /** [west, south, east, north] degrees: every detection and track vertex lies inside. */
  readonly region: readonly [number, number, number, number];
  /** File names in `dir`. */
  readonly buckets: readonly { readonly detections: string; readonly tracks: string }[];
  readonly bytes: number;
}

export interface CachedDay extends BenchDay {
  readonly dir: string;
}

/** The cached day of about `size` detections (exactly the stress day at 10⁷), generated on first use. */
export async function benchDay(cacheDir: string, size: number, seed = 1): Promise<CachedDay> {
  const line = await readShippedLine(join(ROOT, 'resources'));
  const key = createHash('sha256').update(`${generatorFingerprint()}:${line.sha256}:${seed}:${size}`).digest('hex').slice(0, 12);
  const dir = join(cacheDir, `playback-day-${size}-${key}`);
  const manifest = join(dir, 'day.json');
  if (existsSync(manifest)) return { dir, ...(JSON.parse(readFileSync(manifest, 'utf8')) as BenchDay) };
  const started = performance.now();
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const stress = demoDay(line.vertices, 'stress', seed);
  const day = size === STRESS_DETECTIONS ? stress : createSyntheticDay(line.vertices, scaledConfig(stress.config, size));
  const sensorIds = day.sensors.map((s) => s.id);
  const buckets: { detections: string; tracks: string }[] = [];
  let detections = 0;
  let tracks = 0;
  let bytes = 0;
  for (const batch of day.batches()) {
    const stem = `day-${String(batch.index).padStart(4, '0')}`;
    const files = { detections: `${stem}-detections.arrow`, tracks: `${stem}-tracks.arrow` };
    const detectionBytes = encodeDetections(batchDetections(batch, sensorIds));
    const trackBytes = encodeTracks(batchTracks(batch));
    writeFileSync(join(partial, files.detections), detectionBytes);
    writeFileSync(join(partial, files.tracks), trackBytes);
    buckets.push(files);
    detections += batch.rows;
    tracks += batch.tracks.trackId.length;
    bytes += detectionBytes.length + trackBytes.length;
  }
  const { west, south, east, north } = day.region;
  const source =
    size === STRESS_DETECTIONS
      ? `\`truceline generate --scale stress --seed ${seed}\`'s monitoring day`
      : `the stress config aimed at ${size.toLocaleString('en')} detections (background objects in proportion, batches of ${scaledConfig(stress.config, size).maxBatchRows.toLocaleString('en')} rows)`;
  const result: BenchDay = { source, detections, tracks, windowStartMs: day.startMs, windowEndMs: day.endMs, region: [west, south, east, north], buckets, bytes };
  writeFileSync(join(partial, 'day.json'), `${JSON.stringify(result, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  console.error(`generated ${detections.toLocaleString('en')} detections in ${buckets.length} chunks in ${((performance.now() - started) / 1000).toFixed(1)} s (${dir})`);
  return { dir, ...result };
}

function scaledConfig(stress: SyntheticConfig, size: number): SyntheticConfig {
  const share = size / STRESS_DETECTIONS;
  const violations = Object.fromEntries(Object.entries(stress.violations).map(([kind, count]) => [kind, Math.round(count * share)])) as SyntheticConfig['violations'];
  return {
    ...stress,
    targetDetections: size,
    backgroundObjects: Math.max(10, Math.round(stress.backgroundObjects * share)),
    violations,
    noise: { ...stress.noise, falseAlarmScale: stress.noise.falseAlarmScale * share },
    maxBatchRows: Math.max(1_000, Math.round(size / 10)),
  };
}

function generatorFingerprint(): string {
  const hash = createHash('sha256');
  for (const source of GENERATOR_SOURCES) {
    for (const file of filesUnder(join(ROOT, source))) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}
