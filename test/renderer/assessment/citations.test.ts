import { describe, expect, it } from 'vitest';
import { citeChunk, citeItem, isCited, uncite, unciteChunk } from '../../../renderer/assessment/citations';
import type { Citation, Sha256Hex } from '../../../shared/objects/types';

const CHUNK_A = '1'.repeat(64) as Sha256Hex;
const CHUNK_B = '2'.repeat(64) as Sha256Hex;

describe('draft citations', () => {
  it('collect detections by chunk row and tracks by id, once each, one citation per chunk in chunk order', () => {
    let citations: readonly Citation[] = [];
    citations = citeItem(citations, { chunk: CHUNK_B, kind: 'track', ref: 17 });
    citations = citeItem(citations, { chunk: CHUNK_A, kind: 'detection', ref: 1203 });
    citations = citeItem(citations, { chunk: CHUNK_A, kind: 'detection', ref: 5 });
    const before = citations;
    citations = citeItem(citations, { chunk: CHUNK_A, kind: 'detection', ref: 5 });
    expect(citations).toBe(before);
    expect(citations).toEqual([
      { chunk: CHUNK_A, detections: ['row:1203', 'row:5'] },
      { chunk: CHUNK_B, tracks: ['track:17'] },
    ]);
    expect(isCited(citations, { chunk: CHUNK_B, kind: 'track', ref: 17 })).toBe(true);
    expect(isCited(citations, { chunk: CHUNK_B, kind: 'detection', ref: 17 })).toBe(false);
  });

  it('cite a whole chunk once, and keep its ids when items of it are cited too', () => {
    let citations = citeChunk([], CHUNK_A);
    expect(citations).toEqual([{ chunk: CHUNK_A }]);
    expect(citeChunk(citations, CHUNK_A)).toBe(citations);
    citations = citeItem(citations, { chunk: CHUNK_A, kind: 'track', ref: 3 });
    expect(citations).toEqual([{ chunk: CHUNK_A, tracks: ['track:3'] }]);
  });

  it('remove one id, dropping the chunk with its last id, or a whole chunk at once', () => {
    const citations: Citation[] = [
      { chunk: CHUNK_A, detections: ['row:1', 'row:2'], tracks: ['track:9'] },
      { chunk: CHUNK_B, tracks: ['track:4'] },
    ];
    expect(uncite(citations, CHUNK_A, 'detections', 'row:1')).toEqual([{ chunk: CHUNK_A, detections: ['row:2'], tracks: ['track:9'] }, citations[1]]);
    expect(uncite(citations, CHUNK_A, 'tracks', 'track:9')).toEqual([{ chunk: CHUNK_A, detections: ['row:1', 'row:2'] }, citations[1]]);
    expect(uncite(citations, CHUNK_B, 'tracks', 'track:4')).toEqual([citations[0]]);
    expect(uncite(citations, CHUNK_B, 'tracks', 'track:5')).toBe(citations);
    expect(unciteChunk(citations, CHUNK_A)).toEqual([citations[1]]);
  });
});
