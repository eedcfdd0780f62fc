import { useCallback, useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type { DetectionFilter } from './detection-filter';
import { formatPlayheadSeconds } from './format-playhead';
import type { PlaybackClock, PlaybackSnapshot, TimeRangeS } from './playback-clock';
import type { PlaybackControls } from './playback-controls';
import { segmentsHistogram, type EvidenceSegments } from './evidence-segments';
import { drawBrushOverlay, drawHistogram, drawPlayheadOverlay, drawTimeAxis, preparedContext } from './timeline-draw';
import { brushBetween, brushGripAt, histogramBinCount, movedBrush, pxToDuration, pxToSeconds, resizedBrush, secondsToPx, timeScale, timeTicks, type TimeScale } from './timeline-geometry';
import { useElementWidth } from './use-element-width';

const STRIP_HEIGHT = 20;
const BARS_HEIGHT = 60;
const AXIS_HEIGHT = 16;
const MAIN_HEIGHT = BARS_HEIGHT + AXIS_HEIGHT;
/** A press that moves less than this is a click (seek), not a drag (brush). */
const DRAG_PX = 3;

export interface TimelineProps {
  readonly clock: PlaybackClock;
  readonly evidence: EvidenceSegments;
  readonly filter: DetectionFilter;
  readonly controls: PlaybackControls;
  /** Incidents to mark on the timeline (a monitoring day's), seconds since the window start; clicking one seeks to its start. */
  readonly markers?: readonly TimelineMarker[];
}

export interface TimelineMarker {
  readonly id: string;
  readonly label: string;
  readonly fromS: number;
  readonly toS: number;
}

const NO_MARKERS: readonly TimelineMarker[] = [];

type Drag =
  | { readonly kind: 'seek' }
  | { readonly kind: 'brush'; readonly startPx: number; readonly anchorS: number }
  | { readonly kind: 'strip'; readonly startPx: number; readonly anchorS: number; readonly grip: 'from' | 'to' | 'body' | 'none' };

/**
 * The brush strip (the whole window, where the brush is drawn and dragged) above the main
 * timeline (the playback range: the brush, or else the whole window). Histograms are drawn when
 * the evidence, filter, range or width change; each frame redraws only the two overlays.
 */
export function Timeline({ clock, evidence, filter, controls, markers = NO_MARKERS }: TimelineProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const stripBars = useRef<HTMLCanvasElement>(null);
  const stripOverlay = useRef<HTMLCanvasElement>(null);
  const mainBars = useRef<HTMLCanvasElement>(null);
  const mainOverlay = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | undefined>(undefined);
  const pending = useRef<TimeRangeS | undefined>(undefined);

  const { window: playbackWindow, brush, range } = controls;
  const windowScale = useMemo(() => (width > 0 ? timeScale(playbackWindow, width) : undefined), [playbackWindow, width]);
  const rangeScale = useMemo(() => (width > 0 ? timeScale(range, width) : undefined), [range, width]);
  const { classMask, sensorKindMask, minConfidence } = filter;
  const stripHistogram = useMemo(
    () => windowScale && segmentsHistogram(evidence, windowScale.fromS, windowScale.toS, histogramBinCount(windowScale.widthPx, 2), { classMask, sensorKindMask, minConfidence }),
    [evidence, windowScale, classMask, sensorKindMask, minConfidence],
  );
  const mainHistogram = useMemo(
    () => rangeScale && segmentsHistogram(evidence, rangeScale.fromS, rangeScale.toS, histogramBinCount(rangeScale.widthPx), { classMask, sensorKindMask, minConfidence }),
    [evidence, rangeScale, classMask, sensorKindMask, minConfidence],
  );

  useEffect(() => {
    const context = windowScale && stripBars.current && preparedContext(stripBars.current, windowScale.widthPx, STRIP_HEIGHT);
    if (context && stripHistogram) drawHistogram(context, stripHistogram, windowScale, 2, STRIP_HEIGHT - 2);
  }, [windowScale, stripHistogram]);

  useEffect(() => {
    const context = rangeScale && mainBars.current && preparedContext(mainBars.current, rangeScale.widthPx, MAIN_HEIGHT);
    if (!context || !mainHistogram) return;
    drawHistogram(context, mainHistogram, rangeScale, 8, BARS_HEIGHT - 8);
    drawTimeAxis(context, timeTicks(rangeScale, evidence.windowStartMs), rangeScale, 0, BARS_HEIGHT, AXIS_HEIGHT);
  }, [rangeScale, mainHistogram, evidence.windowStartMs]);

  const drawOverlays = useCallback(
    (snapshot: PlaybackSnapshot) => {
      if (!windowScale || !rangeScale) return;
      const main = mainOverlay.current && preparedContext(mainOverlay.current, rangeScale.widthPx, MAIN_HEIGHT);
      const onMain = drag.current?.kind === 'brush' ? pending.current : undefined;
      if (main) drawPlayheadOverlay(main, rangeScale, BARS_HEIGHT, snapshot.visible, snapshot.playheadS, onMain);
      const strip = stripOverlay.current && preparedContext(stripOverlay.current, windowScale.widthPx, STRIP_HEIGHT);
      const onStrip = drag.current?.kind === 'strip' ? pending.current : undefined;
      if (strip) drawBrushOverlay(strip, windowScale, STRIP_HEIGHT, onStrip ?? snapshot.brush, onStrip !== undefined, snapshot.playheadS);
      const slider = mainOverlay.current;
      if (slider && !snapshot.playing) {
        slider.setAttribute('aria-valuenow', snapshot.playheadS.toFixed(3));
        slider.setAttribute('aria-valuetext', formatPlayheadSeconds(evidence.windowStartMs, snapshot.playheadS));
      }
    },
    [windowScale, rangeScale, evidence.windowStartMs],
  );

  useEffect(() => {
    drawOverlays(clock.snapshot());
    return clock.subscribe(drawOverlays);
  }, [clock, drawOverlays]);

  const redraw = () => drawOverlays(clock.snapshot());
  const pointerPx = (event: PointerEvent<HTMLCanvasElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;
  const minBrushS = (scale: TimeScale) => pxToDuration(scale, DRAG_PX);
  const endDrag = () => {
    drag.current = undefined;
    pending.current = undefined;
    redraw();
  };

  const onMainDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 || !rangeScale) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const px = pointerPx(event);
    const seconds = pxToSeconds(rangeScale, px);
    if (event.shiftKey) {
      drag.current = { kind: 'brush', startPx: px, anchorS: seconds };
      return;
    }
    drag.current = { kind: 'seek' };
    clock.seek(seconds);
  };
  const onMainMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    if (!current || !rangeScale) return;
    const seconds = pxToSeconds(rangeScale, pointerPx(event));
    if (current.kind === 'seek') return clock.seek(seconds);
    if (current.kind !== 'brush') return;
    pending.current = brushBetween(playbackWindow, current.anchorS, seconds, minBrushS(rangeScale));
    redraw();
  };
  const onMainUp = () => {
    const brushed = drag.current?.kind === 'brush' ? pending.current : undefined;
    endDrag();
    if (brushed) clock.brush(brushed.fromS, brushed.toS);
  };

  const onStripDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 || !windowScale) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const px = pointerPx(event);
    drag.current = { kind: 'strip', startPx: px, anchorS: pxToSeconds(windowScale, px), grip: brushGripAt(windowScale, brush, px) };
  };
  const onStripMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!windowScale) return;
    const px = pointerPx(event);
    const current = drag.current;
    if (!current || current.kind !== 'strip') {
      const grip = brushGripAt(windowScale, brush, px);
      event.currentTarget.style.cursor = grip === 'none' ? 'crosshair' : grip === 'body' ? 'grab' : 'ew-resize';
      return;
    }
    if (Math.abs(px - current.startPx) < DRAG_PX && pending.current === undefined) return;
    const seconds = pxToSeconds(windowScale, px);
    const minS = minBrushS(windowScale);
    if (brush && (current.grip === 'from' || current.grip === 'to')) pending.current = resizedBrush(playbackWindow, brush, current.grip, seconds, minS);
    else if (brush && current.grip === 'body') pending.current = movedBrush(playbackWindow, brush, seconds - current.anchorS);
    else pending.current = brushBetween(playbackWindow, current.anchorS, seconds, minS);
    redraw();
  };
  const onStripUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const current = drag.current;
    const brushed = pending.current;
    endDrag();
    if (!current || current.kind !== 'strip' || !windowScale) return;
    if (brushed) return clock.brush(brushed.fromS, brushed.toS);
    if (Math.abs(pointerPx(event) - current.startPx) >= DRAG_PX) return;
    const seconds = pxToSeconds(windowScale, pointerPx(event));
    if (brush && (seconds < brush.fromS || seconds > brush.toS)) clock.clearBrush();
    clock.seek(seconds);
  };
  const clearBrush = () => clock.clearBrush();

  return (
    <div className="playback-timeline" ref={containerRef}>
      <div className="timeline-strip" style={{ height: STRIP_HEIGHT }}>
        <canvas ref={stripBars} aria-hidden="true" />
        <canvas
          ref={stripOverlay}
          data-testid="playback-brush-strip"
          aria-label="Whole window: drag to brush a part of it, drag the brush or its ends to change it, double-click to clear it"
          onPointerDown={onStripDown}
          onPointerMove={onStripMove}
          onPointerUp={onStripUp}
          onPointerCancel={endDrag}
          onDoubleClick={clearBrush}
        />
      </div>
      {markers.length > 0 && rangeScale && (
        <div className="timeline-markers" aria-label="Incidents on this timeline">
          {markers
            .filter((marker) => marker.toS >= rangeScale.fromS && marker.fromS <= rangeScale.toS)
            .map((marker) => {
              const left = secondsToPx(rangeScale, Math.max(marker.fromS, rangeScale.fromS));
              const right = secondsToPx(rangeScale, Math.min(marker.toS, rangeScale.toS));
              return (
                <button
                  key={marker.id}
                  type="button"
                  className="timeline-marker"
                  data-testid="playback-marker"
                  data-label={marker.label}
                  title={`${marker.label}: click to play from its start`}
                  aria-label={`${marker.label}: play from its start`}
                  style={{ left, width: Math.max(right - left, 3) }}
                  onClick={() => clock.seek(marker.fromS)}
                />
              );
            })}
        </div>
      )}
      <div className="timeline-main" style={{ height: MAIN_HEIGHT }}>
        <canvas ref={mainBars} aria-hidden="true" />
        <canvas
          ref={mainOverlay}
          data-testid="playback-timeline"
          role="slider"
          tabIndex={0}
          aria-label="Playhead: click or drag to seek, Shift-drag to brush, double-click to clear the brush"
          aria-valuemin={Number(range.fromS.toFixed(3))}
          aria-valuemax={Number(range.toS.toFixed(3))}
          onPointerDown={onMainDown}
          onPointerMove={onMainMove}
          onPointerUp={onMainUp}
          onPointerCancel={endDrag}
          onDoubleClick={clearBrush}
        />
      </div>
    </div>
  );
}
