import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { citeInDraft, draftCitations, isCited, onDraftCitationsChange } from '../../../renderer/assessment/draft-citations';
import type { ObjectId, Sha256Hex } from '../../../shared/objects/types';

const INCIDENT = 'a'.repeat(64) as ObjectId;
const CHUNK_A = '1'.repeat(64) as Sha256Hex;
const CHUNK_B = '2'.repeat(64) as Sha256Hex;

beforeEach(() => {
  const items = new Map<string, string>();
  (globalThis as { localStorage?: Partial<Storage> }).localStorage = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('the draft citations', () => {
  it('collect detections by chunk row and tracks by id, once each, in the assessment’s citation form', () => {
    let changes = 0;
    const stop = onDraftCitationsChange(() => changes++);
    expect(citeInDraft(INCIDENT, { chunk: CHUNK_B, kind: 'track', ref: 17 })).toBe(true);
    expect(citeInDraft(INCIDENT, { chunk: CHUNK_A, kind: 'detection', ref: 1203 })).toBe(true);
    expect(citeInDraft(INCIDENT, { chunk: CHUNK_A, kind: 'detection', ref: 5 })).toBe(true);
    expect(citeInDraft(INCIDENT, { chunk: CHUNK_A, kind: 'detection', ref: 5 })).toBe(false);
    stop();
    expect(changes).toBe(3);
    expect(draftCitations(INCIDENT)).toEqual([
      { chunk: CHUNK_A, detections: ['row:1203', 'row:5'] },
      { chunk: CHUNK_B, tracks: ['track:17'] },
    ]);
    expect(isCited(INCIDENT, { chunk: CHUNK_B, kind: 'track', ref: 17 })).toBe(true);
    expect(isCited(INCIDENT, { chunk: CHUNK_B, kind: 'detection', ref: 17 })).toBe(false);
    expect(draftCitations('b'.repeat(64) as ObjectId)).toEqual([]);
  });

  it('reads a damaged stored draft as empty instead of failing', () => {
    localStorage.setItem(`truceline.draft-citations.${INCIDENT}`, '{not json');
    expect(draftCitations(INCIDENT)).toEqual([]);
  });
});
