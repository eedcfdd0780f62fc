import type { Citation, ObjectId, Sha256Hex } from '../../shared/objects/types';

// The delegation's draft citations per incident, kept in the page's storage until the assessment
// that carries them is sealed. A detection is cited by its row in the signed chunk ("row:N"), a
// track by its id in the tracks chunk ("track:N"): names that stay true whoever replays the chunk.

export interface CitedItem {
  readonly chunk: Sha256Hex;
  readonly kind: 'detection' | 'track';
  /** The chunk's own row (detections) or track id (tracks). */
  readonly ref: number;
}

const KEY_PREFIX = 'truceline.draft-citations.';
const listeners = new Set<() => void>();

export function citationIdOf(item: CitedItem): string {
  return item.kind === 'detection' ? `row:${item.ref}` : `track:${item.ref}`;
}

function storage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export function draftCitations(incident: ObjectId): Citation[] {
  const text = storage()?.getItem(KEY_PREFIX + incident);
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as Citation[]) : [];
  } catch {
    return [];
  }
}

/** Adds the item to the incident's draft (once); true when it was not cited yet. */
export function citeInDraft(incident: ObjectId, item: CitedItem): boolean {
  const citations = draftCitations(incident);
  const id = citationIdOf(item);
  const field = item.kind === 'detection' ? 'detections' : 'tracks';
  const existing = citations.find((c) => c.chunk === item.chunk);
  if (existing?.[field]?.includes(id)) return false;
  const updated: Citation = existing ? { ...existing, [field]: [...(existing[field] ?? []), id].sort() } : { chunk: item.chunk, [field]: [id] };
  const next = [...citations.filter((c) => c.chunk !== item.chunk), updated].sort((a, b) => a.chunk.localeCompare(b.chunk));
  storage()?.setItem(KEY_PREFIX + incident, JSON.stringify(next));
  for (const listener of listeners) listener();
  return true;
}

export function isCited(incident: ObjectId, item: CitedItem): boolean {
  const field = item.kind === 'detection' ? 'detections' : 'tracks';
  return draftCitations(incident).some((c) => c.chunk === item.chunk && (c[field] ?? []).includes(citationIdOf(item)));
}

export function onDraftCitationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
