import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../shared/assessment/draft';
import type { MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';
import { confidenceOfText, draftPart, KEY_LOCKED, problemsByField, sealBlockReason, withAttribution, withCategory, withConfidenceText, withFinding } from '../../../renderer/assessment/draft-form';

const DRAFT = emptyDraft('a'.repeat(64) as ObjectId, 1);
const PARTY = 'PARTY-A' as MemberId;

describe('the draft form', () => {
  it('attributes only a violation, and forgets the attribution when the finding changes', () => {
    expect(withAttribution(DRAFT, PARTY).attribution).toBe('undetermined');
    const attributed = withAttribution(withFinding(DRAFT, 'violation'), PARTY);
    expect(attributed.attribution).toBe(PARTY);
    expect(withFinding(attributed, 'violation').attribution).toBe(PARTY);
    expect(withFinding(attributed, 'inconclusive')).toMatchObject({ finding: 'inconclusive', attribution: 'undetermined' });
  });

  it('reads the confidence as typed and leaves its range to main', () => {
    expect(confidenceOfText('')).toEqual({ confidence: null, problem: null });
    expect(confidenceOfText(' 80 ')).toEqual({ confidence: 80, problem: null });
    expect(confidenceOfText('12.5')).toEqual({ confidence: null, problem: '12.5 is not a whole number of percent from 0 to 100' });
    expect(confidenceOfText('abc').confidence).toBeNull();
    expect(withConfidenceText(DRAFT, '101').confidence).toBe(101);
  });

  it('sends the draft alone, without who saved it and when', () => {
    const saved = { ...DRAFT, delegation: 'FRA' as MemberId, saved: '2026-11-20T10:00:00Z' as Timestamp };
    expect(draftPart(saved)).toEqual(DRAFT);
    expect(Object.keys(draftPart(saved))).toEqual(Object.keys(DRAFT));
  });

  it('keeps categories in the taxonomy order, once each', () => {
    let draft = withCategory(DRAFT, 'other', true);
    draft = withCategory(draft, 'artillery-fire', true);
    draft = withCategory(draft, 'artillery-fire', true);
    expect(draft.categories).toEqual(['artillery-fire', 'other']);
    expect(withCategory(draft, 'other', false).categories).toEqual(['artillery-fire']);
  });

  it('puts each problem next to its field, and the others together', () => {
    const byField = problemsByField([
      { field: 'finding', message: 'choose a finding' },
      { field: 'confidence', message: 'give a confidence from 0 to 100 %' },
      { field: 'delegation', message: 'CHAIR is a chair member in roster v1: only voting, party and observer members assess' },
      { field: 'confidence', message: 'confidence must be at most 100' },
    ]);
    expect(byField.get('finding')).toEqual(['choose a finding']);
    expect(byField.get('confidence')).toEqual(['give a confidence from 0 to 100 %', 'confidence must be at most 100']);
    expect(byField.get('other')).toHaveLength(1);
    expect(byField.has('rationale')).toBe(false);
  });

  it('offers the seal only for a saved draft main found nothing wrong with, and an unlocked key', () => {
    expect(sealBlockReason(false, 0, false, true)).toBeNull();
    expect(sealBlockReason(false, 0, false, false)).toBe(KEY_LOCKED);
    expect(sealBlockReason(false, 2, false, true)).toBe('Fix what is marked above to seal.');
    expect(sealBlockReason(false, 0, true, true)).toBe('Fix what is marked above to seal.');
    expect(sealBlockReason(true, 0, false, true)).toBe('Saving your draft…');
    expect(sealBlockReason(false, null, false, true)).toBe('Choose a finding and a confidence to seal.');
  });
});
