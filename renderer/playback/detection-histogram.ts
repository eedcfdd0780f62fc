import { addRowsBefore, CLASS_COUNT, type DetectionCountIndex } from './detection-count-index';
import { confidenceThreshold, type DetectionFilter } from './detection-filter';
import { lowerBound, upperBound } from './sorted-search';

/** Detections per time bin, stacked by class: the count of class c in bin b is counts[b * CLASS_COUNT + c]. */
export interface DetectionHistogram {
  readonly bins: number;
  /** bins + 1 bin edges, seconds since the window start, rounded to float32 as the data are. */
  readonly edgesS: Float64Array;
  readonly counts: Uint32Array;
  /** Per bin, all classes together. */
  readonly binTotals: Uint32Array;
  /** The largest bin total, to scale the bars. */
  readonly maxBinTotal: number;
}

/**
 * Bin b holds the detections with edgesS[b] ≤ seconds < edgesS[b + 1], the last bin also those at
 * exactly edgesS[bins]: equal bins from fromS to toS, each edge rounded to float32.
 */
export function histogramEdges(fromS: number, toS: number, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`a histogram needs a whole number of bins ≥ 1, not ${bins}`);
  if (!(Number.isFinite(fromS) && Number.isFinite(toS) && fromS < toS)) throw new RangeError(`histogram window [${fromS}, ${toS}] is empty or not finite`);
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = Math.fround(b === bins ? toS : fromS + ((toS - fromS) * b) / bins);
  return edges;
}

export function histogramCount(histogram: DetectionHistogram, bin: number, detectionClass: number): number {
  return histogram.counts[bin * CLASS_COUNT + detectionClass]!;
}

/**
 * The stacked histogram of the time-sorted `seconds` over [fromS, toS] under the filter: the
 * filtered count before each edge's row (a binary search per edge, then at most 19 per (class,
 * sensor kind) from the count index), differenced. Cost grows with bins, not with detections.
 */
export function detectionHistogram(index: DetectionCountIndex, seconds: Float32Array, fromS: number, toS: number, bins: number, filter: DetectionFilter): DetectionHistogram {
  const threshold = confidenceThreshold(filter);
  const edgesS = histogramEdges(fromS, toS, bins);
  const counts = new Uint32Array(bins * CLASS_COUNT);
  const binTotals = new Uint32Array(bins);
  const before = new Float64Array(CLASS_COUNT);
  const previous = new Float64Array(CLASS_COUNT);
  let maxBinTotal = 0;
  let edgeRow = lowerBound(seconds, edgesS[0]!);
  addRowsBefore(index, edgeRow, filter.classMask, filter.sensorKindMask, threshold, 1, previous);
  for (let b = 0; b < bins; b++) {
    edgeRow = b + 1 === bins ? upperBound(seconds, edgesS[bins]!, edgeRow) : lowerBound(seconds, edgesS[b + 1]!, edgeRow);
    before.fill(0);
    addRowsBefore(index, edgeRow, filter.classMask, filter.sensorKindMask, threshold, 1, before);
    let total = 0;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const inBin = before[c]! - previous[c]!;
      counts[b * CLASS_COUNT + c] = inBin;
      total += inBin;
      previous[c] = before[c]!;
    }
    binTotals[b] = total;
    if (total > maxBinTotal) maxBinTotal = total;
  }
  return { bins, edgesS, counts, binTotals, maxBinTotal };
}
