import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../../shared/objects/types';
import type { Verdict } from '../../../shared/tally/outcome';
import { OUTCOME_CLASSES, OUTCOME_COLORS, cssColor, outcomeClassOf, outcomeLabel, outcomeOfVerdict } from '../../../renderer/incidents/outcome-style';
import { OUTCOMES, PARTY_A } from './fixtures';

const nameOf = (id: MemberId) => (id === PARTY_A ? 'Party A' : id);

describe('outcome classes', () => {
  it('splits a decided outcome by its finding and keeps the others as they are', () => {
    expect(outcomeClassOf(OUTCOMES.violation)).toBe('violation');
    expect(outcomeClassOf(OUTCOMES.undetermined)).toBe('violation');
    expect(outcomeClassOf(OUTCOMES.noViolation)).toBe('no-violation');
    expect(outcomeClassOf(OUTCOMES.inconclusive)).toBe('inconclusive');
    expect(outcomeClassOf(OUTCOMES.noConsensus)).toBe('no-consensus');
    expect(outcomeClassOf(OUTCOMES.pending)).toBe('pending');
    expect(outcomeClassOf(OUTCOMES.disputed)).toBe('disputed');
  });

  it('gives every class its own colour', () => {
    const colours = new Set(OUTCOME_CLASSES.map((c) => OUTCOME_COLORS[c].join(',')));
    expect(colours.size).toBe(OUTCOME_CLASSES.length);
  });

  it('writes colours as CSS', () => {
    expect(cssColor([255, 122, 46, 255])).toBe('rgba(255, 122, 46, 1)');
    expect(cssColor([0, 0, 0, 51])).toBe('rgba(0, 0, 0, 0.2)');
  });
});

describe('outcome labels', () => {
  it('names the party a violation is attributed to, or says attribution is undetermined', () => {
    expect(outcomeLabel(OUTCOMES.violation, nameOf)).toBe('Decided — violation, attributed to Party A');
    expect(outcomeLabel(OUTCOMES.undetermined, nameOf)).toBe('Decided — violation, attribution undetermined');
  });

  it('labels the other outcomes in words', () => {
    expect(outcomeLabel(OUTCOMES.noViolation, nameOf)).toBe('Decided — no violation');
    expect(outcomeLabel(OUTCOMES.inconclusive, nameOf)).toBe('Decided — inconclusive');
    expect(outcomeLabel(OUTCOMES.noConsensus, nameOf)).toBe('No consensus');
    expect(outcomeLabel(OUTCOMES.pending, nameOf)).toBe('Pending');
    expect(outcomeLabel(OUTCOMES.disputed, nameOf)).toBe('Disputed');
  });

  it('names who disputes a verdict', () => {
    const verdict: Verdict = { outcome: 'disputed', disputedBy: ['FRA' as MemberId, PARTY_A] };
    expect(outcomeLabel(outcomeOfVerdict(verdict), nameOf)).toBe('Disputed — FRA, Party A');
  });

  it('reads a tally verdict the same way as a queue summary', () => {
    const verdicts: Verdict[] = [
      { outcome: 'pending' },
      { outcome: 'no-consensus' },
      { outcome: 'decided', finding: 'violation', attribution: PARTY_A },
      { outcome: 'decided', finding: 'no-violation' },
    ];
    expect(verdicts.map((v) => outcomeLabel(outcomeOfVerdict(v), nameOf))).toEqual(['Pending', 'No consensus', 'Decided — violation, attributed to Party A', 'Decided — no violation']);
  });
});
