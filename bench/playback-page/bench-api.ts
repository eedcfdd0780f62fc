// What the playback benchmark's page (main.ts) offers the driver (bench/playback.ts) on window.playbackBench.

import type { WindowMode } from '../../renderer/playback/playback-clock';

export type FrameMode = 'ours' | 'naive-typed' | 'naive-objects';

/** The day to open: bench/playback-data.ts's manifest, its chunks under `url`. */
export interface DayToOpen {
  readonly url: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly buckets: readonly { readonly detections: string; readonly tracks: string }[];
}

export interface OpenResult {
  readonly buckets: number;
  /** Until the first bucket's first slice is decoded and handed to deck.gl: the day starts playing. */
  readonly firstBucketMs: number;
  /** The decoder worker's time, from asking for a bucket until it arrived, summed over the buckets (overlaps the hand-overs of earlier buckets). */
  readonly decodeWaitMs: number;
  /** On the window's thread: the slices' layers, deck.setProps and deck's layer update (attributes uploaded), summed. */
  readonly deckMs: number;
  /** Each slice's hand-over to deck.gl (one per animation frame), in order. */
  readonly handOversMs: readonly number[];
  /** The longest main-thread task the browser saw during the open (a long task is over 50 ms); 0 when none. */
  readonly longestTaskMs: number;
  /** Every long task's duration during the open, in order. */
  readonly longTasksMs: readonly number[];
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

/** A class filter change while paused: one frame with a new filter (every other frame toggles one class). */
export interface FilterChangeResult {
  readonly samples: readonly FrameSample[];
  /** Pixels that differ from the empty map, with every class shown and with none, in a frame drawn for real. */
  readonly litPixelsAll: number;
  readonly litPixelsNone: number;
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
  /** Once deck.gl has its device: the WebGL renderer string (WEBGL_debug_renderer_info), and the shaders' warm-up as the map mounts (each warm-up layer's setProps and layer update, one a frame, and the long tasks until 30 frames later). */
  start(region: readonly [number, number, number, number]): Promise<{ readonly renderer: string; readonly warmUpMs: readonly number[]; readonly warmUpLongTasksMs: readonly number[] }>;
  /** Fetches the chunks (not timed), then opens the day as the Day view does: bucket by bucket, decoded in the worker, handed to deck.gl. */
  open(day: DayToOpen): Promise<OpenResult>;
  firstFrame(): Promise<FirstFrame>;
  /** Timed frames while playing, with the draw calls counted but not passed to WebGL (no rasterisation); the GPU is idle at each frame's start. */
  play(mode: FrameMode, window: WindowMode, warmup: number, frames: number): Promise<FrameSample[]>;
  /** Playing frames of ours drawn for real, each waited for until the GPU has run it. */
  rasterised(frames: number): Promise<FirstFrame[]>;
  counts(calls: number): CountResult;
  /** Class filter changes while paused, timed like play(), then the filter checked on real pixels. */
  filterChange(frames: number): Promise<FilterChangeResult>;
  usedJsHeapBytes(): number;
}

declare global {
  interface Window {
    playbackBench: PlaybackBench;
  }
}
