/** A peer's name as part of a file name: letters, digits, dot, underscore and hyphen only. */
export function fileStem(peer: string): string {
  const stem = peer
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return stem.length > 0 ? stem : 'peer';
}

/** UTC, to the second, sortable and safe in any file system: 20261122T190000Z. */
export function compactTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** The file name of a pack for a peer, written at `ms`. */
export function peerPackName(peer: string, ms: number): string {
  return `${fileStem(peer)}-${compactTime(ms)}.pack`;
}
