// The day the playback benchmark plays (bench/playback-data.ts writes it, bench/playback-page/ plays it).

export const BENCH_DAY_START_MS = Date.UTC(2025, 5, 1);
export const BENCH_DAY_S = 86_400;
/** The area the detections and tracks fall in: [west, south, east, north] degrees. */
export const BENCH_AREA = [36, 47, 38, 48.5] as const;
export const DETECTIONS_PER_TRACK = 200;
