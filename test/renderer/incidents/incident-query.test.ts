import { describe, expect, it } from 'vitest';
import { expectIncidentQuery } from '../../../shared/ipc/validate';
import { NO_FILTER, inTaxonomyOrder, isFiltering, nextQueueIndex, queueQuery } from '../../../renderer/incidents/incident-query';
import type { IncidentCategory } from '../../../shared/objects/types';

// Filtering, sorting and counting happen in the store's SQL (test/main/store/incident-queries.test.ts);
// the renderer only turns its controls into a query.

describe("the queue's query", () => {
  it('asks for everything when nothing is filtered', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(queueQuery(NO_FILTER, 'time-desc')).toEqual({
      outcomes: [],
      category: null,
      finality: null,
      from: null,
      to: null,
      kmMin: null,
      kmMax: null,
      needsMyAction: false,
      text: null,
      sort: 'time-desc',
    });
  });

  it('carries outcomes, category, finality and needs-my-action, in a form the main process accepts', () => {
    const filter = { outcomes: new Set(['pending', 'disputed'] as const), category: 'uav-incursion' as IncidentCategory, finality: 'final' as const, needsMyAction: true };
    expect(isFiltering(filter)).toBe(true);
    expect(isFiltering({ ...NO_FILTER, needsMyAction: true })).toBe(true);
    const query = { ...queueQuery(filter, 'km'), offset: 0, limit: 200 };
    expect(query).toMatchObject({ outcomes: ['disputed', 'pending'], category: 'uav-incursion', finality: 'final', needsMyAction: true, sort: 'km' });
    expect(expectIncidentQuery([query])).toEqual(query);
  });

  it('lists categories in taxonomy order, unknown ones last by name', () => {
    const counts = (names: string[]) => names.map((category) => ({ category: category as IncidentCategory, count: 1 }));
    expect(inTaxonomyOrder(counts(['zz-new', 'uav-incursion', 'artillery-fire', 'aa-new'])).map((c) => c.category)).toEqual(['artillery-fire', 'uav-incursion', 'aa-new', 'zz-new']);
  });
});

describe('validating a query from the renderer', () => {
  const valid = { ...queueQuery(NO_FILTER, 'time-desc'), offset: 0, limit: 50 };
  it.each([
    ['no argument', []],
    ['two arguments', [valid, valid]],
    ['not an object', ['x']],
    ['an unknown field', [{ ...valid, sql: 'DROP TABLE objects' }]],
    ['a missing field', [{ ...valid, sort: undefined }]],
    ['an unknown outcome', [{ ...valid, outcomes: ['won'] }]],
    ['an unknown sort', [{ ...valid, sort: 'random' }]],
    ['a limit over a page', [{ ...valid, limit: 501 }]],
    ['a negative offset', [{ ...valid, offset: -1 }]],
    ['a fractional offset', [{ ...valid, offset: 1.5 }]],
    ['a category with odd characters', [{ ...valid, category: "x' OR 1=1" }]],
    ['an unreadable time', [{ ...valid, from: 'yesterday' }]],
    ['an infinite km', [{ ...valid, kmMin: Infinity }]],
    ['needs-my-action not a boolean', [{ ...valid, needsMyAction: 'yes' }]],
    ['text too long', [{ ...valid, text: 'x'.repeat(201) }]],
  ])('refuses %s', (_what, raw) => {
    expect(() => expectIncidentQuery(raw)).toThrow(/query|argument/);
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
