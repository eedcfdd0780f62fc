import { CLASS_COLORS } from './class-colors';
import { CLASS_COUNT } from './detection-count-index';
import type { DetectionHistogram } from './detection-histogram';
import type { TimeRangeS } from './playback-clock';
import { secondsToPx, type TimeScale, type TimeTick } from './timeline-geometry';

const AXIS_COLOR = '#93a1af';
const GRID_COLOR = 'rgba(230, 236, 242, 0.07)';
const PLAYHEAD_COLOR = '#ffffff';
const VISIBLE_FILL = 'rgba(142, 197, 255, 0.16)';
const VISIBLE_EDGE = 'rgba(142, 197, 255, 0.65)';
const BRUSH_COLOR = '#8ec5ff';
const PENDING_FILL = 'rgba(245, 200, 66, 0.2)';
const PENDING_EDGE = '#f5c842';
const OUTSIDE_BRUSH = 'rgba(15, 23, 32, 0.62)';
const AXIS_FONT = '10px system-ui, -apple-system, "Segoe UI", sans-serif';
const CLASS_FILLS = CLASS_COLORS.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);

/** The canvas's 2D context sized to `widthPx` × `heightPx` CSS pixels at the device's pixel ratio, cleared, drawing in CSS pixels. */
export function preparedContext(canvas: HTMLCanvasElement, widthPx: number, heightPx: number): CanvasRenderingContext2D | undefined {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(widthPx * ratio));
  const height = Math.max(1, Math.round(heightPx * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, widthPx, heightPx);
  return context;
}

/** Bars stacked by class from the bottom of [top, top + height], scaled to the tallest bin; one fill colour set per class. */
export function drawHistogram(context: CanvasRenderingContext2D, histogram: DetectionHistogram, scale: TimeScale, top: number, height: number): void {
  const { bins, edgesS, counts, maxBinTotal } = histogram;
  if (maxBinTotal === 0) return;
  const pxPerDetection = height / maxBinTotal;
  const stacked = new Float64Array(bins);
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    context.fillStyle = CLASS_FILLS[cls]!;
    for (let b = 0; b < bins; b++) {
      const count = counts[b * CLASS_COUNT + cls]!;
      if (count === 0) continue;
      const x = secondsToPx(scale, edgesS[b]!);
      const width = Math.max(1, secondsToPx(scale, edgesS[b + 1]!) - x - 0.5);
      const barHeight = count * pxPerDetection;
      context.fillRect(x, top + height - stacked[b]! - barHeight, width, barHeight);
      stacked[b]! += barHeight;
    }
  }
}

/** Gridlines through the bars above the axis, ticks and UTC labels in [axisTop, axisTop + axisHeight]; labels kept inside the canvas. */
export function drawTimeAxis(context: CanvasRenderingContext2D, ticks: readonly TimeTick[], scale: TimeScale, barsTop: number, axisTop: number, axisHeight: number): void {
  context.strokeStyle = GRID_COLOR;
  context.lineWidth = 1;
  context.beginPath();
  for (const tick of ticks) {
    const x = Math.round(secondsToPx(scale, tick.seconds)) + 0.5;
    context.moveTo(x, barsTop);
    context.lineTo(x, axisTop);
  }
  context.stroke();
  context.strokeStyle = AXIS_COLOR;
  context.beginPath();
  context.moveTo(0, axisTop + 0.5);
  context.lineTo(scale.widthPx, axisTop + 0.5);
  for (const tick of ticks) {
    const x = Math.round(secondsToPx(scale, tick.seconds)) + 0.5;
    context.moveTo(x, axisTop);
    context.lineTo(x, axisTop + 4);
  }
  context.stroke();
  context.fillStyle = AXIS_COLOR;
  context.font = AXIS_FONT;
  context.textBaseline = 'bottom';
  for (const tick of ticks) {
    const half = context.measureText(tick.label).width / 2;
    const x = Math.min(scale.widthPx - half, Math.max(half, secondsToPx(scale, tick.seconds)));
    context.textAlign = 'center';
    context.fillText(tick.label, x, axisTop + axisHeight);
  }
}

/** The main timeline's moving parts: the visible range shaded, a brush being drawn, and the playhead. */
export function drawPlayheadOverlay(context: CanvasRenderingContext2D, scale: TimeScale, height: number, visible: TimeRangeS, playheadS: number, pending: TimeRangeS | undefined): void {
  const from = clampPx(scale, secondsToPx(scale, visible.fromS));
  const to = clampPx(scale, secondsToPx(scale, visible.toS));
  if (to > from) {
    context.fillStyle = VISIBLE_FILL;
    context.fillRect(from, 0, to - from, height);
    context.fillStyle = VISIBLE_EDGE;
    context.fillRect(from, 0, 1, height);
  }
  if (pending) drawPending(context, scale, height, pending);
  const x = secondsToPx(scale, playheadS);
  context.fillStyle = PLAYHEAD_COLOR;
  context.fillRect(Math.round(x) - 1, 0, 2, height);
  context.beginPath();
  context.moveTo(x - 5, 0);
  context.lineTo(x + 5, 0);
  context.lineTo(x, 6);
  context.fill();
}

/** The brush strip's moving parts: outside the brush dimmed, the brush with its two handles, and the playhead. */
export function drawBrushOverlay(context: CanvasRenderingContext2D, scale: TimeScale, height: number, brush: TimeRangeS | undefined, pending: boolean, playheadS: number): void {
  if (brush) {
    const from = clampPx(scale, secondsToPx(scale, brush.fromS));
    const to = clampPx(scale, secondsToPx(scale, brush.toS));
    context.fillStyle = OUTSIDE_BRUSH;
    context.fillRect(0, 0, from, height);
    context.fillRect(to, 0, scale.widthPx - to, height);
    const color = pending ? PENDING_EDGE : BRUSH_COLOR;
    context.strokeStyle = color;
    context.lineWidth = 1;
    context.strokeRect(from + 0.5, 0.5, Math.max(0, to - from - 1), height - 1);
    context.fillStyle = color;
    context.fillRect(from - 1, 2, 4, height - 4);
    context.fillRect(to - 3, 2, 4, height - 4);
  }
  context.fillStyle = PLAYHEAD_COLOR;
  context.fillRect(Math.round(secondsToPx(scale, playheadS)), 0, 1, height);
}

function drawPending(context: CanvasRenderingContext2D, scale: TimeScale, height: number, pending: TimeRangeS): void {
  const from = clampPx(scale, secondsToPx(scale, pending.fromS));
  const to = clampPx(scale, secondsToPx(scale, pending.toS));
  context.fillStyle = PENDING_FILL;
  context.fillRect(from, 0, to - from, height);
  context.fillStyle = PENDING_EDGE;
  context.fillRect(from, 0, 1, height);
  context.fillRect(to - 1, 0, 1, height);
}

function clampPx(scale: TimeScale, px: number): number {
  return Math.min(scale.widthPx, Math.max(0, px));
}
