import { CLASS_COUNT } from './detection-count-index';
import type { DetectionFilter } from './detection-filter';
import { detectionHistogram, histogramEdges, type DetectionHistogram } from './detection-histogram';
import type { PlaybackEvidence } from './playback-evidence';
import { countWindow, createWindowCounts, type WindowCounts } from './window-counts';

// The evidence that plays, as time buckets: an incident's one detections chunk (with its tracks),
// or a monitoring record's day in many chunks, each decoded on its own as it streams in. Every
// bucket counts seconds from the same window start; counts and histograms add the buckets up, and
// the map draws only the buckets whose time span meets the visible range.

export interface EvidenceSegments {
  /** Epoch ms every bucket's seconds count from. */
  readonly windowStartMs: number;
  /** In the order the chunks were listed; each bucket's rows in time order. */
  readonly segments: readonly PlaybackEvidence[];
}

export interface SpanS {
  readonly fromS: number;
  readonly toS: number;
}

/** A bucket's first and last detection second; undefined when it has none. */
export function detectionsSpan(segment: PlaybackEvidence): SpanS | undefined {
  const { seconds, count } = segment.detections;
  return count === 0 ? undefined : { fromS: seconds[0]!, toS: seconds[count - 1]! };
}

/** A bucket's first and last track vertex second; undefined when it has no tracks. */
export function tracksSpan(segment: PlaybackEvidence): SpanS | undefined {
  const tracks = segment.tracks?.timeSpanMs;
  return tracks && { fromS: Math.fround((tracks.minMs - segment.windowStartMs) / 1000), toS: Math.fround((tracks.maxMs - segment.windowStartMs) / 1000) };
}

/** A bucket's first and last second, of its detections and its tracks' vertices; undefined when it has neither. */
export function segmentSpan(segment: PlaybackEvidence): SpanS | undefined {
  const detections = detectionsSpan(segment);
  const tracks = tracksSpan(segment);
  if (!tracks || !detections) return tracks ?? detections;
  return { fromS: Math.min(detections.fromS, tracks.fromS), toS: Math.max(detections.toS, tracks.toS) };
}

/** Whether a span meets [fromS, toS] (compared as the GPU's float32 seconds). */
export function spanMeets(span: SpanS | undefined, fromS: number, toS: number): boolean {
  return span !== undefined && span.fromS <= Math.fround(toS) && span.toS >= Math.fround(fromS);
}

/** Whether any detection of the bucket can fall in [fromS, toS]. */
export function segmentMeets(segment: PlaybackEvidence, fromS: number, toS: number): boolean {
  return spanMeets(segmentSpan(segment), fromS, toS);
}

const scratch = createWindowCounts();

/** countWindow over every bucket, added up into `into`; nothing allocated. */
export function countSegments(evidence: EvidenceSegments, fromS: number, toS: number, filter: DetectionFilter, into: WindowCounts): WindowCounts {
  into.shown.fill(0);
  into.matching.fill(0);
  into.shownTotal = 0;
  into.matchingTotal = 0;
  into.inWindow = 0;
  into.total = 0;
  for (const segment of evidence.segments) {
    countWindow(segment.countIndex, segment.detections.seconds, fromS, toS, filter, scratch);
    for (let c = 0; c < CLASS_COUNT; c++) {
      into.shown[c]! += scratch.shown[c]!;
      into.matching[c]! += scratch.matching[c]!;
    }
    into.shownTotal += scratch.shownTotal;
    into.matchingTotal += scratch.matchingTotal;
    into.inWindow += scratch.inWindow;
    into.total += scratch.total;
  }
  return into;
}

/** The stacked histogram of all buckets over [fromS, toS]. */
export function segmentsHistogram(evidence: EvidenceSegments, fromS: number, toS: number, bins: number, filter: DetectionFilter): DetectionHistogram {
  const edgesS = histogramEdges(fromS, toS, bins);
  const counts = new Uint32Array(bins * CLASS_COUNT);
  const binTotals = new Uint32Array(bins);
  for (const segment of evidence.segments) {
    if (!segmentMeets(segment, fromS, toS)) continue;
    const part = detectionHistogram(segment.countIndex, segment.detections.seconds, fromS, toS, bins, filter);
    for (let i = 0; i < counts.length; i++) counts[i]! += part.counts[i]!;
    for (let b = 0; b < bins; b++) binTotals[b]! += part.binTotals[b]!;
  }
  let maxBinTotal = 0;
  for (let b = 0; b < bins; b++) maxBinTotal = Math.max(maxBinTotal, binTotals[b]!);
  return { bins, edgesS, counts, binTotals, maxBinTotal };
}

/** One bucket as segments: an incident's single detections chunk. */
export function singleSegment(evidence: PlaybackEvidence): EvidenceSegments {
  return { windowStartMs: evidence.windowStartMs, segments: [evidence] };
}
