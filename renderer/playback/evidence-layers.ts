import type { Layer, LayerContext, PickingInfo } from '@deck.gl/core';
import { DataFilterExtension, type DataFilterExtensionProps } from '@deck.gl/extensions';
import { TripsLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { DetectionFilter } from './detection-filter';
import { FILTER_SIZE, filterRange, shownCategories, shownClasses } from './detection-attributes';
import type { PlaybackSnapshot } from './playback-clock';
import type { PlaybackEvidence, PlaybackTracks } from './playback-evidence';

export const DETECTION_LAYER_ID = 'evidence-detections';
export const TRACK_LAYER_ID = 'evidence-tracks';

/**
 * DataFilterExtension whose categories are already the bits of its mask: a category value k (< 128)
 * is bit k, so the detections' categories come as a binary attribute built in the decoder's worker,
 * never mapped value by value on the window's thread, and a class or sensor-kind change sets only
 * the mask, a uniform. deck.gl 9.4 maps categories through a per-layer table (`_getCategoryKey`)
 * and a per-value transform; both are replaced here.
 */
export class CategoryBitFilter extends DataFilterExtension {
  static override componentName = 'CategoryBitFilter';

  override initializeState(this: Layer<DataFilterExtensionProps>, context: LayerContext, extension: this): void {
    DataFilterExtension.prototype.initializeState.call(this, context, extension);
    const categories = this.getAttributeManager()?.attributes['filterCategoryValues'];
    if (categories) (categories.settings as { transform?: unknown }).transform = undefined;
  }

  override _getCategoryKey(this: Layer<DataFilterExtensionProps>, category: number | string): number {
    return Number(category);
  }
}

const DETECTION_FILTER = new CategoryBitFilter({ filterSize: FILTER_SIZE, categorySize: 1 });
const TRACK_FILTER = new CategoryBitFilter({ filterSize: 0, categorySize: 1 });
const DETECTION_RADIUS_PX = 3;
const TRACK_WIDTH_PX = 2.5;
/** Of a sliding window, the older part where detections fade out. */
const FADING_SHARE = 0.5;

/** The detections' GPU attributes (detection-attributes.ts), one object per decode: its identity tells deck.gl to upload. */
export interface DetectionBuffers {
  readonly length: number;
  readonly attributes: {
    readonly getPosition: { readonly value: Float32Array; readonly size: 2 };
    readonly getFillColor: { readonly value: Uint8Array; readonly size: 4; readonly normalized: true };
    readonly getFilterValue: { readonly value: Float32Array; readonly size: typeof FILTER_SIZE };
    readonly getFilterCategory: { readonly value: Uint32Array; readonly size: 1 };
  };
}

/** The tracks as deck.gl's binary paths: one object per decode. */
export interface TrackBuffers {
  readonly length: number;
  readonly startIndices: Uint32Array;
  readonly attributes: {
    readonly getPath: { readonly value: Float32Array; readonly size: 2 };
    readonly getTimestamps: { readonly value: Float32Array; readonly size: 1 };
  };
}

export function detectionBuffers({ positions, colors, filterValues, filterCategories }: PlaybackEvidence['mapAttributes']): DetectionBuffers {
  return {
    length: positions.length / 2,
    attributes: {
      getPosition: { value: positions, size: 2 },
      getFillColor: { value: colors, size: 4, normalized: true },
      getFilterValue: { value: filterValues, size: FILTER_SIZE },
      getFilterCategory: { value: filterCategories, size: 1 },
    },
  };
}

export function trackBuffers(tracks: PlaybackTracks): TrackBuffers {
  return { length: tracks.count, startIndices: tracks.startIndices, attributes: { getPath: { value: tracks.positions, size: 2 }, getTimestamps: { value: tracks.timestamps, size: 1 } } };
}

interface SliceLayerOptions {
  /** The time bucket's index and the slice's first row (detections) or track: the layer's id ends with them. */
  readonly segment: number;
  readonly first: number;
  /** False when the slice does not meet the visible range: its layer draws nothing and costs nothing. */
  readonly visible: boolean;
  readonly snapshot: PlaybackSnapshot;
  readonly filter: DetectionFilter;
}

/** The id of a slice's layer: the bucket's index, then the slice's first row or track unless it is the bucket's first. */
export function sliceLayerId(base: string, segment: number, first: number): string {
  return first === 0 ? `${base}-${segment}` : `${base}-${segment}-${first}`;
}

export interface TrackLayerOptions extends SliceLayerOptions {
  readonly buffers: TrackBuffers;
  readonly trackClass: Uint8Array;
  readonly colors: readonly (readonly [number, number, number])[];
}

/**
 * A slice of tracks as trails for one playback frame: only uniforms change from frame to frame, the
 * current time and trail. Picking is off while playing (a click pauses first), so the GPU never
 * renders picking buffers during playback.
 */
export function trackLayer({ segment, first, visible, buffers, trackClass, colors, snapshot, filter }: TrackLayerOptions): Layer {
  const { fromS, toS } = snapshot.visible;
  return new TripsLayer({
    id: sliceLayerId(TRACK_LAYER_ID, segment, first),
    visible,
    data: buffers,
    _pathType: 'open',
    getColor: (_: unknown, { index }: { index: number }) => colors[trackClass[index]!] ?? [200, 200, 200],
    widthUnits: 'pixels',
    getWidth: TRACK_WIDTH_PX,
    capRounded: true,
    jointRounded: true,
    currentTime: toS,
    trailLength: Math.max(toS - fromS, 1e-3),
    fadeTrail: snapshot.mode === 'sliding',
    pickable: !snapshot.playing,
    getFilterCategory: (_: unknown, { index }: { index: number }) => trackClass[index]!,
    filterCategories: shownClasses(filter),
    updateTriggers: { getColor: colors },
    extensions: [TRACK_FILTER],
  } as ConstructorParameters<typeof TripsLayer>[0]);
}

export interface DetectionLayerOptions extends SliceLayerOptions {
  readonly buffers: DetectionBuffers;
}

/** A slice of detections as points for one playback frame: only the filter range (a uniform) changes from frame to frame. */
export function detectionLayer({ segment, first, visible, buffers, snapshot, filter }: DetectionLayerOptions): Layer {
  const { fromS, toS } = snapshot.visible;
  const sliding = snapshot.mode === 'sliding';
  const softFrom = sliding ? fromS + (toS - fromS) * FADING_SHARE : fromS;
  return new ScatterplotLayer({
    id: sliceLayerId(DETECTION_LAYER_ID, segment, first),
    visible,
    data: buffers,
    radiusUnits: 'pixels',
    getRadius: DETECTION_RADIUS_PX,
    stroked: false,
    pickable: !snapshot.playing,
    filterRange: filterRange(fromS, toS, filter),
    filterSoftRange: sliding ? filterRange(softFrom, toS, filter) : null,
    filterCategories: shownCategories(filter),
    extensions: [DETECTION_FILTER],
  } as ConstructorParameters<typeof ScatterplotLayer>[0]);
}

/** What a click on the map picked among the evidence: in time bucket `segment`, a detection's row (time order) or a track's index (tracks in start order, PlaybackTracks). */
export type EvidencePick = { readonly kind: 'detection'; readonly segment: number; readonly row: number } | { readonly kind: 'track'; readonly segment: number; readonly index: number };

const PICKED_LAYER = new RegExp(`^(${DETECTION_LAYER_ID}|${TRACK_LAYER_ID})-(\\d+)(?:-(\\d+))?$`);

export function evidencePick(info: PickingInfo): EvidencePick | undefined {
  const match = PICKED_LAYER.exec(info.layer?.id ?? '');
  if (!match || info.index < 0) return undefined;
  const segment = Number(match[2]);
  const first = Number(match[3] ?? 0);
  return match[1] === DETECTION_LAYER_ID ? { kind: 'detection', segment, row: first + info.index } : { kind: 'track', segment, index: first + info.index };
}
