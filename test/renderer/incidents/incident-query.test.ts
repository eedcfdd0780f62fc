import { describe, expect, it } from 'vitest';
import {
  NO_FILTER,
  countByCategory,
  countByFinality,
  countByOutcome,
  filterIncidents,
  isFiltering,
  nextQueueIndex,
  sortIncidents,
} from '../../../renderer/incidents/incident-query';
import { FINALITIES, OUTCOMES, incident } from './fixtures';

const INCIDENTS = [
  incident(1, { start: '2026-11-20T10:00:00Z', km: 400, outcome: OUTCOMES.violation, finality: FINALITIES.final }),
  incident(2, { start: '2026-11-22T08:00:00Z', km: 120, category: 'uav-incursion', outcome: OUTCOMES.pending }),
  incident(3, { start: '2026-11-21T23:30:00Z', km: 650, category: 'uav-incursion', outcome: OUTCOMES.noViolation, finality: FINALITIES.final }),
  incident(4, { start: '2026-11-21T23:30:00Z', km: 120, outcome: OUTCOMES.disputed, finality: FINALITIES.refused }),
  incident(5, { start: '2026-11-19T06:00:00Z', km: 10, category: 'mlrs-fire', outcome: OUTCOMES.undetermined }),
];
const numbers = (list: readonly { number: string }[]) => list.map((i) => Number(i.number.slice(-6)));

describe('filtering the queue', () => {
  it('shows everything with no filter', () => {
    expect(numbers(filterIncidents(INCIDENTS, NO_FILTER))).toEqual([1, 2, 3, 4, 5]);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('keeps the incidents of any chosen outcome', () => {
    const filter = { ...NO_FILTER, outcomes: new Set(['violation', 'pending'] as const) };
    expect(numbers(filterIncidents(INCIDENTS, filter))).toEqual([1, 2, 5]);
    expect(isFiltering(filter)).toBe(true);
  });

  it('combines outcome and category', () => {
    const filter = { ...NO_FILTER, outcomes: new Set(['pending', 'no-violation'] as const), category: 'uav-incursion' as const };
    expect(numbers(filterIncidents(INCIDENTS, filter))).toEqual([2, 3]);
    expect(numbers(filterIncidents(INCIDENTS, { ...NO_FILTER, category: 'mlrs-fire' }))).toEqual([5]);
  });

  it('keeps final or provisional verdicts, combined with the other filters', () => {
    const final = { ...NO_FILTER, finality: 'final' as const };
    expect(numbers(filterIncidents(INCIDENTS, final))).toEqual([1, 3]);
    expect(isFiltering(final)).toBe(true);
    expect(numbers(filterIncidents(INCIDENTS, { ...NO_FILTER, finality: 'provisional' }))).toEqual([2, 5]);
    expect(numbers(filterIncidents(INCIDENTS, { ...NO_FILTER, finality: 'closing-refused' }))).toEqual([4]);
    expect(numbers(filterIncidents(INCIDENTS, { ...final, outcomes: new Set(['violation'] as const) }))).toEqual([1]);
  });
});

describe('sorting the queue', () => {
  it('sorts by time, newest or oldest first, ties by number', () => {
    expect(numbers(sortIncidents(INCIDENTS, 'time-desc'))).toEqual([2, 4, 3, 1, 5]);
    expect(numbers(sortIncidents(INCIDENTS, 'time-asc'))).toEqual([5, 1, 3, 4, 2]);
  });

  it('sorts by km along the line, ties by number', () => {
    expect(numbers(sortIncidents(INCIDENTS, 'km'))).toEqual([5, 2, 4, 1, 3]);
  });

  it('leaves its input alone', () => {
    const input = [...INCIDENTS];
    sortIncidents(input, 'km');
    expect(input).toEqual(INCIDENTS);
  });
});

describe('counts', () => {
  it('counts every outcome class, zero included, within the chosen category', () => {
    expect(countByOutcome(INCIDENTS, NO_FILTER)).toEqual({
      violation: 2,
      'no-violation': 1,
      inconclusive: 0,
      'no-consensus': 0,
      pending: 1,
      disputed: 1,
    });
    expect(countByOutcome(INCIDENTS, { ...NO_FILTER, category: 'uav-incursion' })).toMatchObject({ violation: 0, pending: 1, 'no-violation': 1 });
    expect(countByOutcome(INCIDENTS, { ...NO_FILTER, finality: 'final' })).toMatchObject({ violation: 1, pending: 0, 'no-violation': 1, disputed: 0 });
  });

  it('counts every finality within the chosen outcomes and category', () => {
    expect(countByFinality(INCIDENTS, NO_FILTER)).toEqual({ final: 2, provisional: 2, 'closing-refused': 1 });
    expect(countByFinality(INCIDENTS, { ...NO_FILTER, outcomes: new Set(['violation'] as const) })).toEqual({ final: 1, provisional: 1, 'closing-refused': 0 });
    expect(countByFinality(INCIDENTS, { ...NO_FILTER, category: 'uav-incursion' })).toEqual({ final: 1, provisional: 1, 'closing-refused': 0 });
  });

  it('lists the categories present, in taxonomy order, within the chosen outcomes', () => {
    expect(countByCategory(INCIDENTS, NO_FILTER)).toEqual([
      { category: 'artillery-fire', count: 2 },
      { category: 'mlrs-fire', count: 1 },
      { category: 'uav-incursion', count: 2 },
    ]);
    expect(countByCategory(INCIDENTS, { ...NO_FILTER, outcomes: new Set(['violation'] as const) })).toEqual([
      { category: 'artillery-fire', count: 1 },
      { category: 'mlrs-fire', count: 1 },
    ]);
  });
});

describe('keyboard navigation', () => {
  it('moves one step with the arrows and stops at the ends', () => {
    expect(nextQueueIndex(2, 'ArrowDown', 5)).toBe(3);
    expect(nextQueueIndex(4, 'ArrowDown', 5)).toBe(4);
    expect(nextQueueIndex(2, 'ArrowUp', 5)).toBe(1);
    expect(nextQueueIndex(0, 'ArrowUp', 5)).toBe(0);
  });

  it('starts at the first item going down and the last going up', () => {
    expect(nextQueueIndex(undefined, 'ArrowDown', 5)).toBe(0);
    expect(nextQueueIndex(undefined, 'ArrowUp', 5)).toBe(4);
  });

  it('jumps to the ends and by pages', () => {
    expect(nextQueueIndex(2, 'Home', 30)).toBe(0);
    expect(nextQueueIndex(2, 'End', 30)).toBe(29);
    expect(nextQueueIndex(2, 'PageDown', 30)).toBe(12);
    expect(nextQueueIndex(25, 'PageDown', 30)).toBe(29);
    expect(nextQueueIndex(5, 'PageUp', 30)).toBe(0);
  });

  it('has nowhere to go in an empty queue', () => {
    expect(nextQueueIndex(undefined, 'ArrowDown', 0)).toBeUndefined();
  });
});
