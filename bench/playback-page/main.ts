// The page of the playback benchmark (bench/playback.ts): the renderer's own playback code
// (decode worker, detection attributes, evidenceLayers, PlaybackClock, countWindow) driving a bare
// deck.gl Deck over a fixed view. Every frame is timed from the clock's tick until deck.redraw has
// issued its draw calls. In the timed frames the draw calls themselves are counted, not passed to
// WebGL, and the page waits for the GPU between frames, so that software GL's rasterisation (seconds
// a frame at 10⁷) neither counts nor competes for the cores; a few frames are also drawn for real.
import { Attribute, Deck, type Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { CLASS_COLORS } from '../../renderer/playback/class-colors';
import { decodeEvidence } from '../../renderer/playback/decode-evidence';
import { filterValues } from '../../renderer/playback/detection-attributes';
import { ALL_CLASSES_MASK, passesFilter, SHOW_ALL, type DetectionFilter } from '../../renderer/playback/detection-filter';
import { detectionBuffers, evidenceLayers, staticDetectionAttributes, TRACK_LAYER_ID, trackBuffers, type DetectionBuffers, type TrackBuffers } from '../../renderer/playback/evidence-layers';
import { PlaybackClock, type PlaybackSnapshot, type WindowMode } from '../../renderer/playback/playback-clock';
import type { PlaybackEvidence } from '../../renderer/playback/playback-evidence';
import { countWindow, createWindowCounts } from '../../renderer/playback/window-counts';
import { BENCH_AREA, BENCH_DAY_S, BENCH_DAY_START_MS } from '../playback-day';
import type { CountResult, FirstFrame, FrameMode, FrameSample, PlaybackBench } from './bench-api';

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
  readonly evidence: PlaybackEvidence;
  readonly detections: DetectionBuffers;
  readonly tracks: { readonly buffers: TrackBuffers; readonly trackClass: Uint8Array } | undefined;
}

let deck: BenchDeck | undefined;
let opened: Opened | undefined;
let rows: NaiveRow[] | undefined;

const bench: PlaybackBench = {
  async start() {
    const container = document.querySelector<HTMLDivElement>('#map')!;
    const [west, south, east, north] = BENCH_AREA;
    deck = await new Promise<BenchDeck>((resolve) => {
      const created: BenchDeck = new BenchDeck({
        parent: container,
        width: WIDTH,
        height: HEIGHT,
        useDevicePixels: 1,
        controller: false,
        initialViewState: { longitude: (west + east) / 2, latitude: (south + north) / 2, zoom: 8.3 },
        layers: [],
        onLoad: () => resolve(created),
      });
    });
    const gl = deck.gl;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  },

  async open(detectionsUrl, tracksUrl) {
    const [detectionBytes, trackBytes] = await Promise.all([fetchBytes(detectionsUrl), fetchBytes(tracksUrl)]);
    updatedAttributes.clear();
    glBufferBytes = 0;
    const started = performance.now();
    const evidence = await decodeEvidence({ detections: detectionBytes, tracks: trackBytes, windowStartMs: BENCH_DAY_START_MS });
    const decoded = performance.now();
    // Positions and colours come built from the decoder's worker; the window's thread builds the filter values.
    const detections = detectionBuffers(staticDetectionAttributes(evidence.mapAttributes.positions, evidence.mapAttributes.colors), filterValues(evidence.detections, { ...FILTER, minConfidence: 0 }));
    const tracks = evidence.tracks && { buffers: trackBuffers(evidence.tracks), trackClass: evidence.tracks.trackClass };
    const built = performance.now();
    opened = { evidence, detections, tracks };
    const snapshot = new PlaybackClock({ window: { fromS: 0, toS: BENCH_DAY_S }, playheadS: BENCH_DAY_S / 2, trailS: TRAIL_S }).snapshot();
    const target = requireDeck();
    target.setProps({ layers: evidenceLayers({ segment: 0, visible: true, detections, tracks, colors: CLASS_COLORS, snapshot, filter: FILTER }) });
    target.updateLayers();
    const done = performance.now();
    return {
      decodeMs: decoded - started,
      attributesMs: built - decoded,
      deckMs: done - built,
      totalMs: done - started,
      detections: evidence.detections.count,
      tracks: evidence.tracks?.count ?? 0,
      vertices: evidence.tracks?.vertexCount ?? 0,
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
    const next = frameRunner(target, frameLayers(mode, requireOpened()), window);
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
    const next = frameRunner(target, frameLayers('ours', requireOpened()), 'sliding');
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
    return { showAllUs: countMicroseconds(evidence, SHOW_ALL, calls), filteredUs: countMicroseconds(evidence, filtered, calls) } satisfies CountResult;
  },

  usedJsHeapBytes() {
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
  },
};

window.playbackBench = bench;

/** A playing PlaybackClock whose time and frames the benchmark drives: each tick is one 60 Hz frame. */
function fakeTimeClock(mode: WindowMode): { tick(): PlaybackSnapshot; dispose(): void } {
  let nowMs = 0;
  let pending: (() => void) | undefined;
  let latest: PlaybackSnapshot | undefined;
  const clock = new PlaybackClock({
    window: { fromS: 0, toS: BENCH_DAY_S },
    playheadS: BENCH_DAY_S / 3,
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

/** One timed frame per call: the clock's tick, the layers, setProps, deck's layer update and redraw. */
function frameRunner(target: BenchDeck, layersOf: LayersOf, window: WindowMode): (() => FrameSample) & { dispose(): void } {
  const clock = fakeTimeClock(window);
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

function frameLayers(mode: FrameMode, { evidence, detections, tracks }: Opened): LayersOf {
  const ours = (snapshot: PlaybackSnapshot) => evidenceLayers({ segment: 0, visible: true, detections, tracks, colors: CLASS_COLORS, snapshot, filter: FILTER });
  if (mode === 'ours') return (snapshot) => ({ layers: ours(snapshot), naiveRows: 0 });
  const trackLayers = (snapshot: PlaybackSnapshot) => ours(snapshot).filter((layer) => layer.id.startsWith(TRACK_LAYER_ID));
  if (mode === 'naive-typed') {
    return (snapshot) => {
      const data = naiveTypedData(evidence, snapshot);
      return { layers: [...trackLayers(snapshot), naiveLayer({ data })], naiveRows: data.length };
    };
  }
  rows ??= naiveRows(evidence);
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
function naiveTypedData(evidence: PlaybackEvidence, snapshot: PlaybackSnapshot) {
  const { count, seconds, lon, lat, detectionClass, sensorKind, confidence } = evidence.detections;
  const { fromS, toS } = snapshot.visible;
  const shown = (i: number) => seconds[i]! >= fromS && seconds[i]! <= toS && passesFilter(FILTER, detectionClass[i]!, sensorKind[i]!, confidence[i]!);
  let length = 0;
  for (let i = 0; i < count; i++) if (shown(i)) length++;
  const positions = new Float32Array(length * 2);
  const colors = new Uint8Array(length * 4);
  for (let i = 0, row = 0; i < count; i++) {
    if (!shown(i)) continue;
    const [r, g, b] = CLASS_COLORS[detectionClass[i]!]!;
    positions[2 * row] = lon[i]!;
    positions[2 * row + 1] = lat[i]!;
    colors[4 * row] = r;
    colors[4 * row + 1] = g;
    colors[4 * row + 2] = b;
    colors[4 * row + 3] = 255;
    row++;
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
function naiveRows(evidence: PlaybackEvidence): NaiveRow[] {
  const { count, seconds, lon, lat, detectionClass, sensorKind, confidence } = evidence.detections;
  return Array.from({ length: count }, (_, i) => ({ position: [lon[i]!, lat[i]!], seconds: seconds[i]!, detectionClass: detectionClass[i]!, sensorKind: sensorKind[i]!, confidence: confidence[i]! }));
}

function countMicroseconds(evidence: PlaybackEvidence, filter: DetectionFilter, calls: number): number {
  const into = createWindowCounts();
  const { countIndex, detections } = evidence;
  const run = (n: number) => {
    for (let k = 0; k < n; k++) {
      const fromS = ((BENCH_DAY_S - TRAIL_S) * k) / n;
      countWindow(countIndex, detections.seconds, fromS, fromS + TRAIL_S, filter, into);
    }
  };
  run(Math.min(calls, 200));
  const started = performance.now();
  run(calls);
  return ((performance.now() - started) * 1000) / calls;
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
