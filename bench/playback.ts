// npm run bench:playback — the Day view's map playback in headless Chromium with WebGL (on this
// machine software GL: Mesa llvmpipe through ANGLE), through the renderer's own code: the evidence
// decoder Web Worker, bucketLayers (per time bucket a TripsLayer and a ScatterplotLayer with
// DataFilterExtension, buckets outside the window not drawn), PlaybackClock and countSegments, on a
// bare deck.gl Deck (bench/playback-page/). The days come from the app's generator
// (bench/playback-data.ts, cached in .bench-cache/): at 10⁷ `truceline generate --scale stress`'s
// monitoring day, 10,002,972 detections and 50,012 tracks in 11 chunk pairs; at 10⁴–10⁶ the same
// stress config aimed at fewer detections. For each it prints:
//   open day: from the verified chunk bytes until every bucket is decoded in the worker and handed
//   to deck.gl as binary attributes (layers initialised and buffers uploaded, the first frame's
//   drawing excluded: deck.gl's own frames meanwhile have their draw calls counted, not run), bucket
//   by bucket as the Day view streams them, each bucket's layers in slices handed over one per
//   animation frame; each slice's hand-over and every long main-thread task meanwhile (and, before,
//   the shaders' warm-up as the map mounts); the renderer's JS heap afterwards (performance.memory, after a GC);
//   per frame while playing (sliding 15-minute window at 60×): main-thread JS from the clock's tick
//   through bucketLayers, deck.setProps, deck's layer update and deck.redraw issuing its draw
//   calls, median and p95; the GPU's rasterisation is excluded: in these frames WebGL's draw calls
//   are counted but not passed on, and the GPU is idle at each frame's start; the attributes
//   deck.gl updated and the bytes written to WebGL buffers per frame;
//   a class filter change while paused: the same frame figures, and the filter checked on pixels;
//   for the record, a first frame and 3 playing frames drawn for real, until software GL has run them;
//   the same frame done naively, without DataFilterExtension: the detections in the window filtered
//   on the CPU every frame into new typed arrays (every N), or into a new array of JS objects read
//   through accessors (up to 10⁶), handed to deck.gl as a new layer's data;
//   the same, ours and naive with typed arrays, for the cumulative window (range start to playhead);
//   countSegments's time per call (the counts shown beside the map each frame).
// BENCH_PLAYBACK_SIZES=10000,100000 picks the sizes; BENCH_PLAYBACK_FRAMES the frames measured (default 60).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { WindowMode } from '../renderer/playback/playback-clock';
import { build } from 'vite';
import { CHROMIUM_EXECUTABLE, CHROMIUM_TEST_ARGS } from '../test/e2e/driver/chromium';
import type { CountResult, FilterChangeResult, FirstFrame, FrameMode, FrameSample, OpenResult } from './playback-page/bench-api';
import { benchDay, type CachedDay } from './playback-data';

const ROOT = resolve(__dirname, '..');
const CACHE = join(ROOT, '.bench-cache');
const PAGE_SOURCE = join(ROOT, 'bench', 'playback-page');
const PAGE_BUILD = join(CACHE, 'playback-page');
const SIZES = (process.env['BENCH_PLAYBACK_SIZES'] ?? '10000,100000,1000000,10000000').split(',').map(Number);
const FRAMES = Number(process.env['BENCH_PLAYBACK_FRAMES'] ?? 60);
const WARMUP = 10;
const RASTERISED_FRAMES = 3;
/** One JS object per detection is more than the renderer's heap holds at 10⁷. */
const NAIVE_OBJECTS_UP_TO = 1_000_000;
const COUNT_CALLS = 2_000;
const FILTER_FRAMES = 20;
/** Software GL, not SwiftShader: Mesa llvmpipe through ANGLE's GL-EGL backend. */
const CHROMIUM_ARGS = [...CHROMIUM_TEST_ARGS.filter((arg) => !arg.includes('swiftshader')), '--use-angle=gl-egl', '--enable-precise-memory-info', '--js-flags=--max-old-space-size=4096'];

interface Measure {
  readonly size: number;
  readonly day: CachedDay;
  readonly renderer: string;
  readonly warmUp: { readonly warmUpMs: readonly number[]; readonly warmUpLongTasksMs: readonly number[] };
  readonly open: OpenResult;
  readonly heapBytes: number;
  readonly arrayBufferBytes: number | undefined;
  readonly firstFrame: FirstFrame;
  readonly rasterised: readonly FirstFrame[];
  readonly frames: Readonly<Partial<Record<FrameMode, readonly FrameSample[]>>>;
  /** Ours and naive with new typed arrays, playing the cumulative window (range start to playhead). */
  readonly cumulative: Readonly<Record<'ours' | 'naive-typed', readonly FrameSample[]>>;
  readonly counts: CountResult;
  readonly filterChange: FilterChangeResult;
}

async function buildPage(): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_SOURCE,
    base: './',
    logLevel: 'error',
    build: { outDir: PAGE_BUILD, emptyOutDir: true, chunkSizeWarningLimit: 8192, modulePreload: { polyfill: false }, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.arrow': 'application/octet-stream' };

/** The built page and, under /days/, the cached days' chunks; cross-origin isolated, so performance.now() has 5 µs steps rather than 100 µs. */
function servePage(): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname;
    const chunk = /^\/days\/(playback-day-\d+-[0-9a-f]+)\/(day-\d+-(?:detections|tracks)\.arrow)$/.exec(path);
    const file = chunk ? join(CACHE, chunk[1]!, chunk[2]!) : join(PAGE_BUILD, path === '/' ? 'index.html' : path.replace(/\.\./g, ''));
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

async function measure(origin: string, size: number, day: CachedDay): Promise<Measure> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`page console: ${message.text()}`);
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'playbackBench' in window);
    const { renderer, ...warmUp } = await page.evaluate((region) => window.playbackBench.start(region), day.region);
    const toOpen = { url: `/days/${basename(day.dir)}`, windowStartMs: day.windowStartMs, windowEndMs: day.windowEndMs, buckets: day.buckets };
    const open = await timed(`${count(size)} open`, () => page.evaluate((toOpen) => window.playbackBench.open(toOpen), toOpen));
    console.error(`${count(size)} hand-over to deck.gl per slice: ${open.handOversMs.map((value) => ms(value)).join(', ')} ms`);
    console.error(
      `${count(size)} long tasks while opening: ${open.longTasksMs.map((value) => ms(value)).join(', ') || 'none'} ms; shader warm-up ${warmUp.warmUpMs.map(ms).join(' + ')} ms, long tasks ${warmUp.warmUpLongTasksMs.map((value) => ms(value)).join(', ') || 'none'}`,
    );
    const { heapBytes, arrayBufferBytes } = await heapAfterGc(page);
    const firstFrame = await timed(`${count(size)} first frame`, () => page.evaluate(() => window.playbackBench.firstFrame()));
    const play = (mode: FrameMode, windowMode: WindowMode = 'sliding') =>
      timed(`${count(size)} ${mode} ${windowMode}`, () =>
        page.evaluate(([mode, windowMode, warmup, frames]) => window.playbackBench.play(mode, windowMode, warmup, frames), [mode, windowMode, WARMUP, FRAMES] as const),
      );
    const frames: Partial<Record<FrameMode, readonly FrameSample[]>> = { ours: await play('ours') };
    const rasterised = await timed(`${count(size)} rasterised frames`, () => page.evaluate((frames) => window.playbackBench.rasterised(frames), RASTERISED_FRAMES));
    const counts = await page.evaluate((calls) => window.playbackBench.counts(calls), COUNT_CALLS);
    const filterChange = await timed(`${count(size)} filter change`, () => page.evaluate((frames) => window.playbackBench.filterChange(frames), FILTER_FRAMES));
    frames['naive-typed'] = await play('naive-typed');
    if (size <= NAIVE_OBJECTS_UP_TO) frames['naive-objects'] = await play('naive-objects');
    const cumulative = { ours: await play('ours', 'cumulative'), 'naive-typed': await play('naive-typed', 'cumulative') };
    return { size, day, renderer, warmUp, open, heapBytes, arrayBufferBytes, firstFrame, rasterised, frames, cumulative, counts, filterChange };
  } finally {
    await browser.close();
  }
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.error(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** performance.memory's used JS heap after a full GC, and the array buffers' backing stores where Chromium reports them. */
async function heapAfterGc(page: Page): Promise<{ heapBytes: number; arrayBufferBytes: number | undefined }> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await session.detach();
  const heapBytes = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
  return { heapBytes, arrayBufferBytes: usage.backingStorageSize };
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}

const median = (values: readonly number[]) => percentile(values, 0.5);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const count = (value: number) => value.toLocaleString('en');
const durations = (values: readonly number[]) =>
  values.length === 0
    ? 'none'
    : [...values]
        .sort((a, b) => b - a)
        .map(ms)
        .join(', ');

function framesCell(samples: readonly FrameSample[] | undefined, pick: (sample: FrameSample) => number = (s) => s.totalMs): string {
  if (!samples) return '—';
  const values = samples.map(pick);
  return `${ms(median(values))} / ${ms(percentile(values, 0.95))}`;
}

function report(measures: readonly Measure[]): string {
  const first = measures[0]!;
  const lines = [
    `Playback benchmark (npm run bench:playback), ${new Date().toISOString().slice(0, 10)}: headless Chromium ${CHROMIUM_EXECUTABLE}, WebGL on ${first.renderer}; ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'} (shared).`,
    `Generated days, played as the Day view plays a monitoring record (one time bucket per chunk pair); a sliding 15-minute window at 60×; canvas 1024×640 over the day's region; ${FRAMES} frames after ${WARMUP} warm-up.`,
    ...measures.map(({ size, day }) => `- ${count(size)}: ${day.source}: ${count(day.detections)} detections, ${count(day.tracks)} tracks, ${day.buckets.length} chunk pairs, ${mib(day.bytes)}.`),
    '',
    'Open day: verified chunk bytes → bucket by bucket decoded in the worker, handed to deck.gl as binary attributes in slices, one per animation frame (first frame not included); JS heap after a GC.',
    "The shaders are compiled before, as the map mounts (hidden one-row layers, one a frame): each one's setProps + layer update, and the long tasks until 30 frames later.",
    '| detections | tracks / vertices | buckets / slices | shader warm-up: tracks + detections (long tasks) | first slice playing | decoding in the worker | deck.gl layers + upload (slice median / p95 / max) | total | longest main-thread task (tasks > 50 ms: durations) | attributes set / WebGL bytes written | JS heap (performance.memory) | of which array buffers |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...measures
      .map(({ size, warmUp, open, heapBytes, arrayBufferBytes }) =>
        [
          count(size),
          `${count(open.tracks)} / ${count(open.vertices)}`,
          `${open.buckets} / ${open.handOversMs.length}`,
          `${warmUp.warmUpMs.map(ms).join(' + ')} ms (${durations(warmUp.warmUpLongTasksMs)})`,
          seconds(open.firstBucketMs),
          seconds(open.decodeWaitMs),
          `${seconds(open.deckMs)} (${ms(median(open.handOversMs))} / ${ms(percentile(open.handOversMs, 0.95))} / ${ms(Math.max(...open.handOversMs))} ms)`,
          `**${seconds(open.totalMs)}**`,
          `${ms(open.longestTaskMs)} ms (${open.longTasksMs.length}: ${durations(open.longTasksMs)})`,
          `${open.attributeUpdates} / ${mib(open.uploadedBytes)}`,
          mib(heapBytes),
          arrayBufferBytes === undefined ? '—' : mib(arrayBufferBytes),
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
    '',
    'A class filter change while paused (every frame shows or hides one class): main-thread JS per frame in ms, median / max; on pixels drawn for real, the pixels lit with every class shown and with none.',
    '| detections | frame with a filter change | attribute updates / frame | WebGL buffer bytes / frame | lit pixels: all classes / none |',
    '|---:|---:|---:|---:|---:|',
    ...measures.map(({ size, filterChange: { samples, litPixelsAll, litPixelsNone } }) => {
      const totals = samples.map((s) => s.totalMs);
      return `| ${count(size)} | ${ms(median(totals))} / ${ms(Math.max(...totals))} | ${Math.max(...samples.map((s) => s.attributeUpdates))} | ${count(Math.round(mean(samples.map((s) => s.glBufferBytes))))} | ${count(litPixelsAll)} / ${count(litPixelsNone)} |`;
    }),
    '',
    'Per frame while playing: main-thread JS in ms, median / p95, the draw calls counted but not passed to WebGL and the GPU idle at each frame start (no rasterisation).',
    'Ours = clock tick + bucketLayers + setProps + deck layer update + redraw; naive = the same with the detections filtered on the CPU into a new layer data every frame (no fade).',
    '| detections | ours: total | layers | setProps | layer update | redraw | attribute updates / frame | WebGL buffer bytes / frame | naive, new typed arrays | naive, new JS objects | naive rows / frame | countSegments µs (all / filtered) | draw calls / frame |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...measures.map(({ size, frames, counts }) => {
      const ours = frames.ours!;
      const naiveRows = frames['naive-typed']?.map((s) => s.naiveRows);
      return `| ${[
        count(size),
        `**${framesCell(ours)}**`,
        framesCell(ours, (s) => s.layersMs),
        framesCell(ours, (s) => s.setPropsMs),
        framesCell(ours, (s) => s.updateMs),
        framesCell(ours, (s) => s.redrawMs),
        `${mean(ours.map((s) => s.attributeUpdates)).toFixed(1)} (max ${Math.max(...ours.map((s) => s.attributeUpdates))})`,
        count(Math.round(mean(ours.map((s) => s.glBufferBytes)))),
        naiveCell(frames['naive-typed']),
        naiveCell(frames['naive-objects']),
        naiveRows ? count(Math.round(mean(naiveRows))) : '—',
        `${counts.showAllUs.toFixed(1)} / ${counts.filteredUs.toFixed(1)}`,
        mean(ours.map((s) => s.drawCalls)).toFixed(0),
      ].join(' | ')} |`;
    }),
    '',
    'The cumulative window (from the range start to the playhead, which runs from a third of the day): ours and naive with new typed arrays, ms median / p95.',
    '| detections | ours | attribute updates / frame | naive, new typed arrays | naive rows / frame | naive / ours |',
    '|---:|---:|---:|---:|---:|---:|',
    ...measures.map(({ size, cumulative }) => {
      const { ours, 'naive-typed': naive } = cumulative;
      const ratio = median(naive.map((s) => s.totalMs)) / median(ours.map((s) => s.totalMs));
      const updates = Math.max(...ours.map((s) => s.attributeUpdates));
      return `| ${count(size)} | ${framesCell(ours)} | ${updates} | ${naiveCell(naive)} | ${count(Math.round(mean(naive.map((s) => s.naiveRows))))} | ${ratio.toFixed(1)}× |`;
    }),
    '',
    `Software GL (llvmpipe), for the record: frames drawn for real, main-thread JS / until the GPU had run them (a fence); playing: median of ${RASTERISED_FRAMES}.`,
    '| detections | first frame | playing frame |',
    '|---:|---:|---:|',
    ...measures.map(({ size, firstFrame, rasterised }) => {
      const playing = { jsMs: median(rasterised.map((f) => f.jsMs)), finishedMs: median(rasterised.map((f) => f.finishedMs)) };
      return `| ${count(size)} | ${drawnCell(firstFrame)} | ${drawnCell(playing)} |`;
    }),
    '',
    ...summary(measures),
    'GPU frame time: not measured on this machine (software GL).',
  ];
  return lines.join('\n');
}

function drawnCell({ jsMs, finishedMs }: FirstFrame): string {
  return `${ms(jsMs)} ms / ${finishedMs >= 1000 ? seconds(finishedMs) : `${ms(finishedMs)} ms`}`;
}

function naiveCell(samples: readonly FrameSample[] | undefined): string {
  if (!samples) return '—';
  const updates = mean(samples.map((s) => s.attributeUpdates));
  return `${framesCell(samples)} (${updates.toFixed(1)} attr. updates)`;
}

function summary(measures: readonly Measure[]): string[] {
  const at = (size: number) => measures.find((m) => m.size === size);
  const oursMedian = (m: Measure) => median(m.frames.ours!.map((s) => s.totalMs));
  const lines: string[] = [];
  const small = at(10_000);
  const large = at(10_000_000);
  if (small && large) lines.push(`Flat in N: ours at 10⁷ / at 10⁴ (medians) = ${(oursMedian(large) / oursMedian(small)).toFixed(2)}× (goal ≤ 1.5×).`);
  const ratio = (m: Measure, mode: FrameMode) => {
    const samples = m.frames[mode];
    return samples ? `${(median(samples.map((s) => s.totalMs)) / oursMedian(m)).toFixed(1)}×` : 'not measured';
  };
  const million = at(1_000_000);
  if (million) lines.push(`Naive / ours at 10⁶ (medians): new typed arrays ${ratio(million, 'naive-typed')}, new JS objects ${ratio(million, 'naive-objects')} (goal ≥ 20×).`);
  if (large) lines.push(`Naive / ours at 10⁷ (medians): new typed arrays ${ratio(large, 'naive-typed')}.`);
  if (million) {
    const { ours, 'naive-typed': naive } = million.cumulative;
    lines.push(`Cumulative window at 10⁶: naive with new typed arrays / ours = ${(median(naive.map((s) => s.totalMs)) / median(ours.map((s) => s.totalMs))).toFixed(1)}×.`);
  }
  const updates = measures.flatMap((m) => [...m.frames.ours!, ...m.cumulative.ours].map((s) => s.attributeUpdates));
  lines.push(`Attribute updates per frame while playing (ours): at most ${Math.max(...updates)} at any N (goal 0).`);
  if (large) lines.push(`Open day at 10⁷: ${seconds(large.open.totalMs)} (goal ≤ 5 s); JS heap ${mib(large.heapBytes)} (goal ≤ 1.5 GB).`);
  return lines;
}

async function main(): Promise<void> {
  const days = new Map<number, CachedDay>();
  for (const size of SIZES) days.set(size, await benchDay(CACHE, size));
  await buildPage();
  const server = await servePage();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const measures: Measure[] = [];
  try {
    for (const size of SIZES) {
      const started = performance.now();
      measures.push(await measure(origin, size, days.get(size)!));
      console.error(`measured ${count(size)} detections in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    server.close();
  }
  console.log(report(measures));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
