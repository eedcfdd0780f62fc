// What the playback benchmark's page (main.ts) offers the driver (bench/playback.ts) on window.playbackBench.

import type { WindowMode } from '../../renderer/playback/playback-clock';

export type FrameMode = 'ours' | 'naive-typed' | 'naive-objects';

export interface OpenResult {
  /** Chunk bytes posted to the evidence decoder worker until the decoded columns are back. */
  readonly decodeMs: number;
  /** interleavedPositions, classColors, filterValues, trackBuffers on the main thread. */
  readonly attributesMs: number;
  /** evidenceLayers, deck.setProps and deck's layer update: layers initialised, attributes uploaded; nothing drawn. */
  readonly deckMs: number;
  readonly totalMs: number;
  readonly detections: number;
  readonly tracks: number;
  readonly vertices: number;
  readonly attributeUpdates: number;
  /** Bytes passed to gl.bufferData / gl.bufferSubData while opening. */
  readonly uploadedBytes: number;
}

export interface FrameSample {
  /** Clock frame and building the layers (for the naive modes, the CPU filter and new arrays too). */
  readonly layersMs: number;
  readonly setPropsMs: number;
  /** deck's layer update (LayerManager.updateLayers): prop diffs, attribute updates. */
  readonly updateMs: number;
  /** deck.redraw: the draw calls issued, not waited for. */
  readonly redrawMs: number;
  readonly totalMs: number;
  /** Attributes whose data deck.gl set or recomputed in this frame. */
  readonly attributeUpdates: number;
  /** Bytes the page passed to gl.bufferData / gl.bufferSubData in this frame (uniform buffers included). */
  readonly glBufferBytes: number;
  /** WebGL draw calls deck.gl issued in this frame. */
  readonly drawCalls: number;
  /** Detections drawn by the naive modes (in the window and passing the filter); 0 for ours. */
  readonly naiveRows: number;
}

export interface CountResult {
  /** Microseconds per countWindow call with every class, sensor kind and confidence shown. */
  readonly showAllUs: number;
  /** Microseconds per call with one class hidden and a minimum confidence of 45. */
  readonly filteredUs: number;
}

/** A frame drawn for real: its main-thread JS, and the time until the GPU had run it (a fence signalled). */
export interface FirstFrame {
  readonly jsMs: number;
  readonly finishedMs: number;
}

export interface PlaybackBench {
  /** The WebGL renderer string (WEBGL_debug_renderer_info), once deck.gl has its device. */
  start(): Promise<string>;
  /** Fetches the chunks (not timed), then opens the day: decode in the worker, attributes, deck.gl layers. */
  open(detectionsUrl: string, tracksUrl: string): Promise<OpenResult>;
  firstFrame(): Promise<FirstFrame>;
  /** Timed frames while playing, with the draw calls counted but not passed to WebGL (no rasterisation); the GPU is idle at each frame's start. */
  play(mode: FrameMode, window: WindowMode, warmup: number, frames: number): Promise<FrameSample[]>;
  /** Playing frames of ours drawn for real, each waited for until the GPU has run it. */
  rasterised(frames: number): Promise<FirstFrame[]>;
  counts(calls: number): CountResult;
  usedJsHeapBytes(): number;
}

declare global {
  interface Window {
    playbackBench: PlaybackBench;
  }
}
