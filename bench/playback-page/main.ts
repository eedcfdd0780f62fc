// The page of the playback benchmark (bench/playback.ts): the renderer's own playback code (the
// evidence decoder worker, bucketLayers as the Day view draws a day's buckets, PlaybackClock,
// countSegments) driving a bare deck.gl Deck over a fixed view of the whole day's region. Every frame is timed from the clock's tick until deck.redraw has
// issued its draw calls. In the timed frames the draw calls themselves are counted, not passed to
// WebGL, and the page waits for the GPU between frames, so that software GL's rasterisation (seconds
// a frame at 10⁷) neither counts nor competes for the cores; a few frames are also drawn for real.
import { Attribute, Deck, WebMercatorViewport, type Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { bucketLayers, shaderWarmUpLayers, sliceCount } from '../../renderer/playback/bucket-layers';
import { CLASS_COLORS } from '../../renderer/playback/class-colors';
import { createEvidenceDecoder } from '../../renderer/playback/decode-evidence';
import { ALL_CLASSES_MASK, passesFilter, SHOW_ALL, type DetectionFilter } from '../../renderer/playback/detection-filter';
import { TRACK_LAYER_ID } from '../../renderer/playback/evidence-layers';
import { countSegments, type EvidenceSegments } from '../../renderer/playback/evidence-segments';
import { PlaybackClock, type PlaybackSnapshot, type WindowMode } from '../../renderer/playback/playback-clock';
import type { PlaybackEvidence } from '../../renderer/playback/playback-evidence';
import { createWindowCounts } from '../../renderer/playback/window-counts';
import type { CountResult, FilterChangeResult, FirstFrame, FrameMode, FrameSample, PlaybackBench } from './bench-api';

const WIDTH = 1024;
const HEIGHT = 640;
const TRAIL_S = 900;
const SPEED = 60;
const FRAME_MS = 1000 / 60;
const FILTER: DetectionFilter = SHOW_ALL;

// Counters: the attributes deck.gl writes, and the bytes handed to WebGL buffers.
const updatedAttributes = new Set<Attribute>();
let glBufferBytes = 0;
let drawCalls = 0;
countAttributeWrites();
countGlBufferBytes();

class BenchDeck extends Deck {
  /** What deck's animation frame does before drawing: the layers' prop diffs and attribute updates. */
  updateLayers(): void {
    this.layerManager!.updateLayers();
  }

  get gl(): WebGL2RenderingContext {
    return (this.device as unknown as { gl: WebGL2RenderingContext }).gl;
  }
}

interface Opened {
  readonly evidence: EvidenceSegments;
  readonly daySeconds: number;
}

let deck: BenchDeck | undefined;
/** The map's hidden layers that compile the evidence's shaders (EvidenceMap.tsx), kept in every layer list as the app keeps them. */
let warmUp: Layer[] = [];
let opened: Opened | undefined;
let rows: NaiveRow[] | undefined;

const bench: PlaybackBench = {
  async start(region) {
    const container = document.querySelector<HTMLDivElement>('#map')!;
    const [west, south, east, north] = region;
    const { longitude, latitude, zoom } = new WebMercatorViewport({ width: WIDTH, height: HEIGHT }).fitBounds([
      [west, south],
      [east, north],
    ]);
    deck = await new Promise<BenchDeck>((resolve) => {
      const created: BenchDeck = new BenchDeck({
        parent: container,
        width: WIDTH,
        height: HEIGHT,
        useDevicePixels: 1,
        controller: false,
        initialViewState: { longitude, latitude, zoom },
        layers: [],
        onLoad: () => resolve(created),
      });
    });
    const gl = deck.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    // As the map mounts, before any evidence: the hidden layers compile the evidence's shaders.
    // One layer a frame, as EvidenceMap adds them.
    const longTasks = observeLongTasks();
    const all = shaderWarmUpLayers();
    const warmUpMs: number[] = [];
    for (let count = 1; count <= all.length; count++) {
      await nextAnimationFrame();
      const started = performance.now();
      warmUp = all.slice(0, count);
      deck.setProps({ layers: warmUp });
      deck.updateLayers();
      warmUpMs.push(performance.now() - started);
    }
    for (let frame = 0; frame < 30; frame++) await nextAnimationFrame();
    return { renderer, warmUpMs, warmUpLongTasksMs: longTasks.stop() };
  },

  async open(day) {
    const chunks = await Promise.all(day.buckets.map(async (bucket) => ({ detections: await fetchBytes(`${day.url}/${bucket.detections}`), tracks: await fetchBytes(`${day.url}/${bucket.tracks}`) })));
    const target = requireDeck();
    const daySeconds = (day.windowEndMs - day.windowStartMs) / 1000;
    const snapshot = new PlaybackClock({ window: { fromS: 0, toS: daySeconds }, playheadS: daySeconds / 2, trailS: TRAIL_S }).snapshot();
    const longTasks = observeLongTasks();
    updatedAttributes.clear();
    glBufferBytes = 0;
    // As the Day view opens a monitoring record (use-evidence-playback.ts, EvidenceMap.tsx,
    // use-slice-hand-over.ts): one decoder worker decoding the buckets in the order listed, while
    // each animation frame hands deck.gl one more slice of the buckets that arrived.
    const decoder = createEvidenceDecoder();
    const segments: PlaybackEvidence[] = [];
    // deck.gl's own animation frames draw while the worker decodes: their draw calls are counted,
    // not run, or software GL's rasterising (seconds at 10⁷) would stall the next bucket's uploads.
    const restoreDraws = stubDrawCalls();
    const started = performance.now();
    let firstBucketMs = 0;
    let decodeWaitMs = 0;
    let deckMs = 0;
    const handOversMs: number[] = [];
    try {
      let decoded = false;
      let failure: unknown;
      void (async () => {
        for (const bucket of chunks) {
          const asked = performance.now();
          segments.push(await decoder.decode({ detections: bucket.detections, tracks: bucket.tracks, windowStartMs: day.windowStartMs }));
          decodeWaitMs += performance.now() - asked;
        }
      })().then(
        () => (decoded = true),
        (error: unknown) => ((failure = error), (decoded = true)),
      );
      let handed = 0;
      while (!decoded || handed < sliceCount(segments)) {
        await nextAnimationFrame();
        if (failure) throw failure;
        if (handed >= sliceCount(segments)) continue;
        handed++;
        const handing = performance.now();
        target.setProps({ layers: [...warmUp, ...bucketLayers(segments, snapshot, FILTER, handed)] });
        target.updateLayers();
        const handedAt = performance.now();
        deckMs += handedAt - handing;
        handOversMs.push(handedAt - handing);
        if (handed === 1) firstBucketMs = handedAt - started;
      }
    } finally {
      restoreDraws();
      decoder.dispose();
    }
    const done = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const longTasksMs = longTasks.stop();
    opened = { evidence: { windowStartMs: day.windowStartMs, segments }, daySeconds };
    const count = (pick: (segment: PlaybackEvidence) => number) => segments.reduce((sum, segment) => sum + pick(segment), 0);
    return {
      buckets: segments.length,
      firstBucketMs,
      decodeWaitMs,
      deckMs,
      handOversMs,
      longestTaskMs: Math.max(0, ...longTasksMs),
      longTasksMs,
      totalMs: done - started,
      detections: count((s) => s.detections.count),
      tracks: count((s) => s.tracks?.count ?? 0),
      vertices: count((s) => s.tracks?.vertexCount ?? 0),
      attributeUpdates: updatedAttributes.size,
      uploadedBytes: glBufferBytes,
    };
  },

  async firstFrame() {
    const target = requireDeck();
    const started = performance.now();
    target.redraw('bench: first frame');
    const issued = performance.now();
    await gpuIdle(target.gl);
    return { jsMs: issued - started, finishedMs: performance.now() - started };
  },

  async play(mode, window, warmup, frames) {
    const target = requireDeck();
    const day = requireOpened();
    const next = frameRunner(target, frameLayers(mode, day), fakeTimeClock(window, day.daySeconds));
    const samples: FrameSample[] = [];
    const restoreDraws = stubDrawCalls();
    try {
      for (let frame = 0; frame < warmup + frames; frame++) {
        await nextAnimationFrame();
        await gpuIdle(target.gl);
        const sample = next();
        if (frame >= warmup) samples.push(sample);
      }
    } finally {
      restoreDraws();
      next.dispose();
    }
    return samples;
  },

  async rasterised(frames) {
    const target = requireDeck();
    const day = requireOpened();
    const next = frameRunner(target, frameLayers('ours', day), fakeTimeClock('sliding', day.daySeconds));
    const timings: FirstFrame[] = [];
    for (let frame = 0; frame < frames; frame++) {
      await nextAnimationFrame();
      await gpuIdle(target.gl);
      const started = performance.now();
      const { totalMs } = next();
      await gpuIdle(target.gl);
      timings.push({ jsMs: totalMs, finishedMs: performance.now() - started });
    }
    next.dispose();
    return timings;
  },

  counts(calls) {
    const { evidence } = requireOpened();
    const filtered: DetectionFilter = { classMask: ALL_CLASSES_MASK & ~1, sensorKindMask: SHOW_ALL.sensorKindMask, minConfidence: 45 };
    const { daySeconds } = requireOpened();
    return { showAllUs: countMicroseconds(evidence, daySeconds, SHOW_ALL, calls), filteredUs: countMicroseconds(evidence, daySeconds, filtered, calls) } satisfies CountResult;
  },

  async filterChange(frames) {
    const target = requireDeck();
    const { evidence, daySeconds } = requireOpened();
    const paused = new PlaybackClock({ window: { fromS: 0, toS: daySeconds }, playheadS: daySeconds / 2, trailS: TRAIL_S }).snapshot();
    const oneClassHidden: DetectionFilter = { ...FILTER, classMask: FILTER.classMask & ~1 };
    let toggles = 0;
    const layersOf: LayersOf = (snapshot) => ({ layers: [...warmUp, ...bucketLayers(evidence.segments, snapshot, toggles++ % 2 === 0 ? oneClassHidden : FILTER)], naiveRows: 0 });
    const next = frameRunner(target, layersOf, { tick: () => paused, dispose: () => undefined });
    const samples: FrameSample[] = [];
    const restoreDraws = stubDrawCalls();
    try {
      for (let frame = 0; frame < 2 + frames; frame++) {
        await nextAnimationFrame();
        await gpuIdle(target.gl);
        const sample = next();
        if (frame >= 2) samples.push(sample);
      }
    } finally {
      restoreDraws();
    }
    const empty = drawnPixels(target, warmUp);
    const lit = (filter: DetectionFilter) => differentPixels(empty, drawnPixels(target, [...warmUp, ...bucketLayers(evidence.segments, paused, filter)]));
    return { samples, litPixelsAll: lit(SHOW_ALL), litPixelsNone: lit({ ...SHOW_ALL, classMask: 0 }) } satisfies FilterChangeResult;
  },

  usedJsHeapBytes() {
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  },
};

window.playbackBench = bench;

/** A playing PlaybackClock whose time and frames the benchmark drives: each tick is one 60 Hz frame. */
function fakeTimeClock(mode: WindowMode, daySeconds: number): FrameClock {
  let nowMs = 0;
  let pending: (() => void) | undefined;
  let latest: PlaybackSnapshot | undefined;
  const clock = new PlaybackClock({
    window: { fromS: 0, toS: daySeconds },
    playheadS: daySeconds / 3,
    speed: SPEED,
    trailS: TRAIL_S,
    mode,
    time: { now: () => nowMs },
    frames: { requestFrame: (callback) => ((pending = callback), 1), cancelFrame: () => (pending = undefined) },
  });
  clock.subscribe((snapshot) => (latest = snapshot));
  clock.play();
  return {
    tick() {
      nowMs += FRAME_MS;
      pending?.();
      return latest!;
    },
    dispose: () => clock.dispose(),
  };
}

interface FrameClock {
  tick(): PlaybackSnapshot;
  dispose(): void;
}

/** One timed frame per call: the clock's tick, the layers, setProps, deck's layer update and redraw. */
function frameRunner(target: BenchDeck, layersOf: LayersOf, clock: FrameClock): (() => FrameSample) & { dispose(): void } {
  const run = () => {
    updatedAttributes.clear();
    glBufferBytes = 0;
    drawCalls = 0;
    const started = performance.now();
    const snapshot = clock.tick();
    const { layers, naiveRows } = layersOf(snapshot);
    const built = performance.now();
    target.setProps({ layers });
    const set = performance.now();
    target.updateLayers();
    const updated = performance.now();
    target.redraw('bench: frame');
    const drawn = performance.now();
    return {
      layersMs: built - started,
      setPropsMs: set - built,
      updateMs: updated - set,
      redrawMs: drawn - updated,
      totalMs: drawn - started,
      attributeUpdates: updatedAttributes.size,
      glBufferBytes,
      drawCalls,
      naiveRows,
    };
  };
  return Object.assign(run, { dispose: () => clock.dispose() });
}

type LayersOf = (snapshot: PlaybackSnapshot) => { layers: Layer[]; naiveRows: number };

function frameLayers(mode: FrameMode, { evidence }: Opened): LayersOf {
  const ours = (snapshot: PlaybackSnapshot) => [...warmUp, ...bucketLayers(evidence.segments, snapshot, FILTER)];
  if (mode === 'ours') return (snapshot) => ({ layers: ours(snapshot), naiveRows: 0 });
  const trackLayers = (snapshot: PlaybackSnapshot) => ours(snapshot).filter((layer) => layer.id.startsWith(TRACK_LAYER_ID) || warmUp.includes(layer));
  if (mode === 'naive-typed') {
    return (snapshot) => {
      const data = naiveTypedData(evidence.segments, snapshot);
      return { layers: [...trackLayers(snapshot), naiveLayer({ data })], naiveRows: data.length };
    };
  }
  rows ??= naiveRows(evidence.segments);
  const all = rows;
  return (snapshot) => {
    const { fromS, toS } = snapshot.visible;
    const data = all.filter((row) => row.seconds >= fromS && row.seconds <= toS && passesFilter(FILTER, row.detectionClass, row.sensorKind, row.confidence));
    const layer = naiveLayer({ data, getPosition: (row: NaiveRow) => row.position, getFillColor: (row: NaiveRow) => CLASS_COLORS[row.detectionClass]! });
    return { layers: [...trackLayers(snapshot), layer], naiveRows: data.length };
  };
}

function naiveLayer(props: object): Layer {
  return new ScatterplotLayer({ id: 'naive-detections', radiusUnits: 'pixels', getRadius: 3, stroked: false, pickable: false, ...props } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/** Without DataFilterExtension: every frame, the detections in the window and passing the filter, copied into new typed arrays. */
function naiveTypedData(segments: readonly PlaybackEvidence[], snapshot: PlaybackSnapshot) {
  const { fromS, toS } = snapshot.visible;
  let length = 0;
  for (const { detections: d } of segments) {
    for (let i = 0; i < d.count; i++) if (d.seconds[i]! >= fromS && d.seconds[i]! <= toS && passesFilter(FILTER, d.detectionClass[i]!, d.sensorKind[i]!, d.confidence[i]!)) length++;
  }
  const positions = new Float32Array(length * 2);
  const colors = new Uint8Array(length * 4);
  let row = 0;
  for (const { detections: d } of segments) {
    for (let i = 0; i < d.count; i++) {
      if (!(d.seconds[i]! >= fromS && d.seconds[i]! <= toS && passesFilter(FILTER, d.detectionClass[i]!, d.sensorKind[i]!, d.confidence[i]!))) continue;
      const [r, g, b] = CLASS_COLORS[d.detectionClass[i]!]!;
      positions[2 * row] = d.lon[i]!;
      positions[2 * row + 1] = d.lat[i]!;
      colors[4 * row] = r;
      colors[4 * row + 1] = g;
      colors[4 * row + 2] = b;
      colors[4 * row + 3] = 255;
      row++;
    }
  }
  return { length, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } };
}

interface NaiveRow {
  readonly position: [number, number];
  readonly seconds: number;
  readonly detectionClass: number;
  readonly sensorKind: number;
  readonly confidence: number;
}

/** The detections as one JS object each, as an app without binary attributes would hold them (built once, not timed). */
function naiveRows(segments: readonly PlaybackEvidence[]): NaiveRow[] {
  return segments.flatMap(({ detections: d }) =>
    Array.from({ length: d.count }, (_, i): NaiveRow => ({
      position: [d.lon[i]!, d.lat[i]!],
      seconds: d.seconds[i]!,
      detectionClass: d.detectionClass[i]!,
      sensorKind: d.sensorKind[i]!,
      confidence: d.confidence[i]!,
    })),
  );
}

/** countSegments, as the Day view counts the window each frame, per call. */
function countMicroseconds(evidence: EvidenceSegments, daySeconds: number, filter: DetectionFilter, calls: number): number {
  const into = createWindowCounts();
  const run = (n: number) => {
    for (let k = 0; k < n; k++) {
      const fromS = ((daySeconds - TRAIL_S) * k) / n;
      countSegments(evidence, fromS, fromS + TRAIL_S, filter, into);
    }
  };
  run(Math.min(calls, 200));
  const started = performance.now();
  run(calls);
  return ((performance.now() - started) * 1000) / calls;
}

/** The canvas's pixels right after drawing `layers` for real (read in the same task, before the canvas is presented). */
function drawnPixels(target: BenchDeck, layers: Layer[]): Uint8Array {
  target.setProps({ layers });
  target.updateLayers();
  target.redraw('bench: pixels');
  const { gl } = target;
  const pixels = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
  gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  return pixels;
}

function differentPixels(a: Uint8Array, b: Uint8Array): number {
  let different = 0;
  for (let p = 0; p < a.length; p += 4) if (a[p] !== b[p] || a[p + 1] !== b[p + 1] || a[p + 2] !== b[p + 2]) different++;
  return different;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** Until the GPU has run every command issued so far (a fence; Chromium's gl.finish does not wait for it). */
async function gpuIdle(gl: WebGL2RenderingContext): Promise<void> {
  const fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0)!;
  gl.flush();
  while (gl.getSyncParameter(fence, gl.SYNC_STATUS) !== gl.SIGNALED) await new Promise((resolve) => setTimeout(resolve, 1));
  gl.deleteSync(fence);
}

const DRAW_CALLS = ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements'] as const;

/**
 * WebGL's draw calls counted and not passed on, so that software GL (seconds a frame at 10⁷)
 * does not rasterise the timed frames; their own main-thread cost, a command written into
 * Chromium's command buffer, is what rasterised() measures with them. Returns the undo.
 */
function stubDrawCalls(): () => void {
  const prototype = WebGL2RenderingContext.prototype as unknown as Record<(typeof DRAW_CALLS)[number], (...args: unknown[]) => void>;
  const originals = DRAW_CALLS.map((name) => [name, prototype[name]] as const);
  for (const name of DRAW_CALLS) prototype[name] = () => void drawCalls++;
  return () => {
    for (const [name, original] of originals) prototype[name] = original;
  };
}

/** The durations of the main-thread tasks over 50 ms from now until stop(). */
function observeLongTasks(): { stop(): number[] } {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => durations.push(...list.getEntries().map((entry) => entry.duration)));
  observer.observe({ type: 'longtask' });
  return {
    stop() {
      durations.push(...observer.takeRecords().map((entry) => entry.duration));
      observer.disconnect();
      return durations;
    },
  };
}

function nextAnimationFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function requireDeck(): BenchDeck {
  if (!deck) throw new Error('playback bench: start() first');
  return deck;
}

function requireOpened(): Opened {
  if (!opened) throw new Error('playback bench: open() first');
  return opened;
}

/** Every attribute whose data deck.gl sets (a new binary value, a changed constant) or recomputes from accessors. */
function countAttributeWrites(): void {
  const prototype = Attribute.prototype as unknown as Record<'setData' | 'updateBuffer', (this: Attribute, ...args: unknown[]) => boolean>;
  for (const name of ['setData', 'updateBuffer'] as const) {
    const original = prototype[name];
    prototype[name] = function (this: Attribute, ...args: unknown[]) {
      const changed = original.apply(this, args);
      if (changed) updatedAttributes.add(this);
      return changed;
    };
  }
}

function countGlBufferBytes(): void {
  const prototype = WebGL2RenderingContext.prototype as unknown as Record<'bufferData' | 'bufferSubData', (...args: unknown[]) => void>;
  const bufferData = prototype.bufferData;
  prototype.bufferData = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    glBufferBytes += typeof args[1] === 'number' ? args[1] : byteLengthOf(args[1], args[3], args[4]);
    return bufferData.apply(this, args);
  };
  const bufferSubData = prototype.bufferSubData;
  prototype.bufferSubData = function (this: WebGL2RenderingContext, ...args: unknown[]) {
    glBufferBytes += byteLengthOf(args[2], args[3], args[4]);
    return bufferSubData.apply(this, args);
  };
}

function byteLengthOf(data: unknown, srcOffset: unknown, length: unknown): number {
  if (ArrayBuffer.isView(data)) {
    const element = 'BYTES_PER_ELEMENT' in data ? (data.BYTES_PER_ELEMENT as number) : 1;
    if (typeof length === 'number' && length > 0) return length * element;
    return data.byteLength - (typeof srcOffset === 'number' ? srcOffset * element : 0);
  }
  return data instanceof ArrayBuffer ? data.byteLength : 0;
}
