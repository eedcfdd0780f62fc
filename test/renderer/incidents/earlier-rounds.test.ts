import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { RoundSummary } from '../../../shared/commission/views';
import type { MemberId, Timestamp } from '../../../shared/objects/types';
import { EarlierRounds } from '../../../renderer/incidents/EarlierRounds';
import { IncidentQueueItem } from '../../../renderer/incidents/IncidentQueueItem';
import { incident, OUTCOMES } from './fixtures';

const nameOf = (member: MemberId) => (member === 'RUS' ? 'Russia' : member);

const ROUNDS: readonly RoundSummary[] = [
  {
    round: 1,
    outcome: { round: 1, outcome: 'no-consensus', reason: 'consensus not reached: 5 of 9 found a violation' },
    finality: { status: 'final', closedBy: 'CHAIR' as MemberId, closedAt: '2026-11-21T09:00:00Z' as Timestamp, countersignedBy: [], votingMembers: 9 },
  },
  {
    round: 2,
    outcome: { round: 2, outcome: 'disputed', reason: 'EST equivocated' },
    finality: { status: 'final', closedBy: 'CHAIR' as MemberId, closedAt: '2026-11-22T09:00:00Z' as Timestamp, countersignedBy: [], votingMembers: 9 },
  },
];

describe('the earlier rounds of an incident', () => {
  it('lists each round before the current one with its outcome, finality and reason', () => {
    const html = renderToStaticMarkup(createElement(EarlierRounds, { rounds: ROUNDS, nameOf }));
    const items = html.match(/<li data-round="\d+">.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Round 1');
    expect(items[0]).toContain('data-outcome="no-consensus"');
    expect(items[0]).toContain('data-finality="final"');
    expect(items[0]).toContain('consensus not reached: 5 of 9 found a violation');
    expect(items[1]).toContain('Round 2');
    expect(items[1]).toContain('data-outcome="disputed"');
  });

  it('renders nothing while round 1 is the current round', () => {
    expect(renderToStaticMarkup(createElement(EarlierRounds, { rounds: [], nameOf }))).toBe('');
  });
});

describe('a queue row in a round after the first', () => {
  const row = (round: number) =>
    renderToStaticMarkup(
      createElement(IncidentQueueItem, {
        incident: { ...incident(7, { start: '2026-11-20T10:00:00Z', km: 12, outcome: { ...OUTCOMES.pending, round } }), myStanding: { step: 'no-commitment', commitments: 0 } },
        domId: 'row',
        position: { index: 0, total: 1 },
        selected: false,
        active: false,
        nameOf,
        onClick: () => {},
      }),
    );

  it('names its round beside where the delegation stands; round 1 goes unnamed', () => {
    expect(row(2)).toContain('<span class="queue-item-round">Round 2 · </span>');
    expect(row(1)).not.toContain('queue-item-round');
  });
});
