import type { LonLat } from '../geo/types';
import type { Side } from './codes';
import type { ViolationKind } from './config';
import type { LineFrame } from './line-frame';
import type { MovingObject } from './moving-object';
import type { EmissionContext } from './observation';
import type { Coverage } from './observer-plan';
import type { RandomSource } from './prng';
import type { RecordedTrack } from './recorded-source';
import { RowBuffer } from './row-buffer';
import type { ViolationTruth } from './types';

/** Everything an injector needs to stage one violation. */
export interface InjectionSettings {
  readonly frame: LineFrame;
  readonly coverage: Coverage;
  readonly context: EmissionContext;
  readonly fromKm: number;
  readonly toKm: number;
  readonly zoneHalfWidthKm: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly opticalPosts: ReadonlyArray<{ readonly position: LonLat; readonly side: Side }>;
}

/** A staged violation: its truth, and the detections and tracks the sensors made of it. */
export interface InjectedDraft {
  readonly truth: Omit<ViolationTruth, 'incidentIndex'>;
  readonly rows: RowBuffer;
  readonly tracks: readonly RecordedTrack[];
}

/**
 * Stages one violation of `kind` with the object ids firstObjectId, firstObjectId + 1, …, or
 * returns null when the draw found no place that the sensors cover.
 */
export type Injector = (kind: ViolationKind, settings: InjectionSettings, random: RandomSource, firstObjectId: number) => InjectedDraft | null;

/** Records every detection and the track of injected objects. */
export function recordObjects(objects: readonly MovingObject[], context: EmissionContext): { rows: RowBuffer; tracks: RecordedTrack[] } {
  const rows = new RowBuffer();
  for (const object of objects) object.emitRows(object.startMs, object.endMs, rows, context);
  return { rows, tracks: objects.map((object) => object.recordTrack(context)) };
}

/** A km along the monitored stretch, `marginKm` clear of its ends where the stretch allows. */
export function drawKm(settings: InjectionSettings, random: RandomSource, marginKm: number): number {
  const margin = Math.min(marginKm, (settings.toKm - settings.fromKm) / 4);
  return random.between(settings.fromKm + margin, settings.toKm - margin);
}

/** A start time that leaves `durationMs` before the end of the period. */
export function drawStart(settings: InjectionSettings, random: RandomSource, durationMs: number): number {
  return Math.floor(random.between(settings.startMs + 60_000, Math.max(settings.startMs + 60_001, settings.endMs - durationMs - 60_000)));
}
