import { describe, expect, it } from 'vitest';
import type { RoundFinality } from '../../../shared/commission/views';
import type { MemberId } from '../../../shared/objects/types';
import { FINALITY_LABELS, FINALITY_STATUSES, countersignText, countersignerNames, finalityBadgeText, finalityDetail } from '../../../renderer/incidents/finality-style';
import { FINALITIES } from './fixtures';

const NAMES: Readonly<Record<string, string>> = { CHAIR: 'Commission Chair', AUT: 'Austria', DEU: 'Germany' };
const nameOf = (id: MemberId) => NAMES[id] ?? id;

describe('finality labels', () => {
  it('gives every status its own word, FINAL only to a final verdict', () => {
    expect(FINALITY_STATUSES.map((status) => FINALITY_LABELS[status])).toEqual(['FINAL', 'PROVISIONAL', 'CLOSING REFUSED']);
    expect(FINALITY_STATUSES.filter((status) => /FINAL/.test(FINALITY_LABELS[status]) && !/REFUSED/.test(FINALITY_LABELS[status]))).toEqual(['final']);
  });

  it('puts the countersign count on a final verdict’s badge and nothing else on the others', () => {
    expect(finalityBadgeText(FINALITIES.final)).toBe('FINAL · 2/9 countersigned');
    expect(finalityBadgeText(FINALITIES.provisional)).toBe('PROVISIONAL');
    expect(finalityBadgeText(FINALITIES.refused)).toBe('CLOSING REFUSED');
  });
});

describe('finality detail', () => {
  it('says who closed the round, when, and how many voting members countersigned', () => {
    expect(finalityDetail(FINALITIES.final, nameOf)).toBe('closed by Commission Chair on 2026-11-21 14:12 UTC, countersigned by 2 of 9 voting members');
    expect(countersignerNames(FINALITIES.final, nameOf)).toBe('Austria, Germany');
  });

  it('counts a closing nobody countersigned as 0 of M', () => {
    const alone: RoundFinality = { ...FINALITIES.final, countersignedBy: [] };
    expect(finalityDetail(alone, nameOf)).toMatch(/, countersigned by 0 of 9 voting members$/);
    expect(countersignerNames(alone, nameOf)).toBe('');
    expect(countersignText([], 1)).toBe('countersigned by 0 of 1 voting member');
  });

  it('says a provisional verdict can still change, and why a refused closing does not hold', () => {
    expect(finalityDetail(FINALITIES.provisional, nameOf)).toBe('no closing record yet: the verdict can still change');
    expect(finalityDetail(FINALITIES.refused, nameOf)).toBe(`not final — the closing record does not hold: ${FINALITIES.refused.reason}`);
    expect(countersignerNames(FINALITIES.refused, nameOf)).toBe('');
  });
});
