import type { Citation, Sha256Hex } from '../../shared/objects/types';

// A detection is cited by its row in the signed chunk ("row:N"), a track by its id in the tracks
// chunk ("track:N"): names that stay true whoever replays the chunk. A citation with no ids cites
// the whole chunk. Citations are kept one per chunk, sorted by chunk, ids sorted and unique.

export interface CitedItem {
  readonly chunk: Sha256Hex;
  readonly kind: 'detection' | 'track';
  /** The chunk's own row (detections) or track id (tracks). */
  readonly ref: number;
}

export type CitedField = 'detections' | 'tracks';

export function citationIdOf(item: CitedItem): string {
  return item.kind === 'detection' ? `row:${item.ref}` : `track:${item.ref}`;
}

function fieldOf(item: CitedItem): CitedField {
  return item.kind === 'detection' ? 'detections' : 'tracks';
}

function withCitation(citations: readonly Citation[], chunk: Sha256Hex, citation: Citation | undefined): Citation[] {
  const rest = citations.filter((c) => c.chunk !== chunk);
  return (citation ? [...rest, citation] : rest).sort((a, b) => a.chunk.localeCompare(b.chunk));
}

export function isCited(citations: readonly Citation[], item: CitedItem): boolean {
  return citations.some((c) => c.chunk === item.chunk && (c[fieldOf(item)] ?? []).includes(citationIdOf(item)));
}

/** The citations with the item added (unchanged when it is cited already). */
export function citeItem(citations: readonly Citation[], item: CitedItem): readonly Citation[] {
  if (isCited(citations, item)) return citations;
  const field = fieldOf(item);
  const existing = citations.find((c) => c.chunk === item.chunk);
  const ids = [...(existing?.[field] ?? []), citationIdOf(item)].sort();
  return withCitation(citations, item.chunk, { ...(existing ?? { chunk: item.chunk }), [field]: ids });
}

/** The citations with the whole chunk cited (unchanged when it is cited already, whole or in part). */
export function citeChunk(citations: readonly Citation[], chunk: Sha256Hex): readonly Citation[] {
  return citations.some((c) => c.chunk === chunk) ? citations : withCitation(citations, chunk, { chunk });
}

/** The citations without one id of a chunk; the chunk stays cited while it has another id. */
export function uncite(citations: readonly Citation[], chunk: Sha256Hex, field: CitedField, id: string): readonly Citation[] {
  const existing = citations.find((c) => c.chunk === chunk);
  if (!existing?.[field]?.includes(id)) return citations;
  const { [field]: ids, ...rest } = existing;
  const left = ids!.filter((i) => i !== id);
  const updated: Citation = left.length > 0 ? { ...rest, [field]: left } : rest;
  return withCitation(citations, chunk, updated.tracks || updated.detections ? updated : undefined);
}

/** The citations without a chunk, and every id cited from it. */
export function unciteChunk(citations: readonly Citation[], chunk: Sha256Hex): readonly Citation[] {
  return withCitation(citations, chunk, undefined);
}
