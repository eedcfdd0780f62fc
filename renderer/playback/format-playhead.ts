/** Epoch milliseconds as UTC to the nearest millisecond, e.g. "2026-03-14 05:12:09.482 UTC". */
export function formatPlayhead(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`playhead ${epochMs} ms is not a time`);
  const [date, time] = new Date(Math.round(epochMs)).toISOString().split('T');
  return `${date} ${time!.slice(0, 12)} UTC`;
}

/** The playhead of a clock counting seconds from `windowStartMs`, formatted as formatPlayhead does. */
export function formatPlayheadSeconds(windowStartMs: number, playheadS: number): string {
  return formatPlayhead(windowStartMs + playheadS * 1000);
}
