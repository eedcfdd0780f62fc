import type { PlaybackTracks } from './playback-evidence';

/**
 * The tracks in the order of their first vertex's time (ties in chunk order, tracks without vertices first),
 * so that a run of consecutive tracks — a slice the map draws as one layer — spans a short time and
 * stays hidden while the window is elsewhere. The same object when they already are in that order.
 */
export function tracksByStart(tracks: PlaybackTracks): PlaybackTracks {
  const { count, startIndices, timestamps } = tracks;
  const startS = new Float64Array(count);
  let inOrder = true;
  for (let t = 0; t < count; t++) {
    startS[t] = startIndices[t + 1]! > startIndices[t]! ? timestamps[startIndices[t]!]! : -Infinity;
    if (t > 0 && startS[t]! < startS[t - 1]!) inOrder = false;
  }
  if (inOrder) return tracks;
  const order = Uint32Array.from({ length: count }, (_, t) => t).sort((a, b) => startS[a]! - startS[b]! || a - b);
  const positions = new Float32Array(tracks.positions.length);
  const sortedTimestamps = new Float32Array(timestamps.length);
  const sortedStarts = new Uint32Array(count + 1);
  const trackId = new Int32Array(count);
  const trackClass = new Uint8Array(count);
  let vertex = 0;
  order.forEach((from, to) => {
    const [first, end] = [startIndices[from]!, startIndices[from + 1]!];
    sortedStarts[to] = vertex;
    positions.set(tracks.positions.subarray(2 * first, 2 * end), 2 * vertex);
    sortedTimestamps.set(timestamps.subarray(first, end), vertex);
    trackId[to] = tracks.trackId[from]!;
    trackClass[to] = tracks.trackClass[from]!;
    vertex += end - first;
  });
  sortedStarts[count] = vertex;
  return { ...tracks, positions, timestamps: sortedTimestamps, startIndices: sortedStarts, trackId, trackClass };
}
