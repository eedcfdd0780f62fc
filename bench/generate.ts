// npx tsx bench/generate.ts [tiny|demo|stress] [seed] — builds a synthetic monitoring day and
// drains its detection batches, reporting build time, generation rate and peak memory. Nothing is
// kept: each batch is dropped as soon as it is counted, as a streaming consumer would.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LonLat } from '../shared/geo/types';
import { SCALE_NAMES, scaleConfig, type ScaleName } from '../shared/synthetic/config';
import { createSyntheticDay } from '../shared/synthetic/synthetic-day';

const LINE_FILE = resolve(__dirname, '../resources/basemap/ceasefire_line_illustrative.geojson');

function parseScale(value: string | undefined): ScaleName {
  const scale = value ?? 'stress';
  if (!(SCALE_NAMES as readonly string[]).includes(scale)) throw new Error(`unknown scale ${scale}; use one of ${SCALE_NAMES.join(', ')}`);
  return scale as ScaleName;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

const scale = parseScale(process.argv[2]);
const seed = Number(process.argv[3] ?? 1);
const vertices = JSON.parse(readFileSync(LINE_FILE, 'utf8')).features[0].geometry.coordinates as LonLat[];

const cpuStart = process.cpuUsage();
const buildStart = performance.now();
const day = createSyntheticDay(vertices, scaleConfig(scale, seed));
const buildMs = performance.now() - buildStart;

let batches = 0;
let rows = 0;
let tracks = 0;
let vertexCount = 0;
let falseAlarms = 0;
let missed = 0;
let largestBatch = 0;
let peakSampledRss = process.memoryUsage().rss;
const generateStart = performance.now();
for (const batch of day.batches()) {
  batches++;
  rows += batch.rows;
  tracks += batch.tracks.trackId.length;
  vertexCount += batch.tracks.vertexLon.length;
  falseAlarms += batch.truth.falseAlarms;
  missed += batch.truth.missedDetections;
  largestBatch = Math.max(largestBatch, batch.rows);
  peakSampledRss = Math.max(peakSampledRss, process.memoryUsage().rss);
}
const generateMs = performance.now() - generateStart;
const cpu = process.cpuUsage(cpuStart);
const peakRss = Math.max(peakSampledRss, process.resourceUsage().maxRSS * 1024);

console.log(`synthetic monitoring day: scale ${scale}, seed ${seed}, line km ${day.fromKm.toFixed(0)}–${day.toKm.toFixed(0)}`);
console.log(`  sensors ${day.sensors.length}, UAV patrols ${day.uavPatrols.length}, satellite passes ${day.satellitePasses.length}`);
console.log(`  background objects ${day.groundTruth.backgroundObjects}, incidents ${day.incidents.length}`);
console.log(`  detections ${rows.toLocaleString('en')} (false alarms ${falseAlarms.toLocaleString('en')}, missed ${missed.toLocaleString('en')})`);
console.log(`  tracks ${tracks.toLocaleString('en')} with ${vertexCount.toLocaleString('en')} vertices`);
console.log(`  batches ${batches}, largest ${largestBatch.toLocaleString('en')} rows (limit ${day.config.maxBatchRows.toLocaleString('en')})`);
console.log(`  build ${(buildMs / 1000).toFixed(2)} s, generate ${(generateMs / 1000).toFixed(2)} s`);
console.log(`  generation ${Math.round((rows * 1000) / generateMs).toLocaleString('en')} rows/s, overall ${Math.round((rows * 1000) / (buildMs + generateMs)).toLocaleString('en')} rows/s`);
console.log(`  CPU user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s`);
console.log(`  peak RSS ${megabytes(peakRss)}`);
