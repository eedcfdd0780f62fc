import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../../shared/commission/views';
import type { MemberId, ObjectId } from '../../../shared/objects/types';
import { NO_PLAYBACK, publicSessionView } from '../../../shared/session/session-view';

const A = 'a'.repeat(64) as ObjectId;
const B = 'b'.repeat(64) as ObjectId;
const SECRET_RATIONALE = 'draft rationale that must stay on the desk';

function member(id: string, ballot: string, extra: object = {}) {
  return { member: id as MemberId, role: 'voting', weight: 1, ballot, standing: 'awaited', reason: `reason ${id}`, ballotReason: '', objects: [], ...extra };
}

/** A detail carrying everything the room must not see: a draft, an unrevealed finding, key status, the acting delegation, paths. */
function leakyDetail(id: ObjectId, number: string): IncidentDetail {
  return {
    id,
    number,
    category: 'artillery',
    summary: 'Shelling near the line',
    windowStart: '2026-03-01T10:00:00Z',
    windowEnd: '2026-03-01T10:30:00Z',
    lon: 30.1,
    lat: 48.2,
    uncertaintyM: 50,
    chainageKm: 12.5,
    producer: 'ODI' as MemberId,
    evidence: { listed: 1, present: 1 },
    outcome: { round: 1, outcome: 'pending', reason: 'pending: 1 voting member not revealed' },
    finality: { status: 'provisional' },
    myStanding: { step: 'committed' },
    observations: [],
    evidenceList: [
      {
        name: 'day-detections.arrow',
        role: 'detections',
        mediaType: 'application/vnd.apache.arrow.file',
        sha256: 'ab'.repeat(32),
        size: 1024,
        present: true,
        path: '/tmp/truceline-data/commissions/demo/store/chunk',
      },
    ],
    created: '2026-03-01T11:00:00Z',
    storeMismatch: null,
    participation: { draft: { rationale: SECRET_RATIONALE, finding: 'inconclusive' }, keyStatus: 'unlocked', actingAs: 'FRA', inbox: '/home/u/.local/share/truceline/inbox' },
    rounds: [],
    tally: {
      incident: id,
      round: 1,
      asOf: '2026-03-01T12:00:00Z',
      verdict: { outcome: 'pending' },
      reason: 'pending',
      counts: {
        voting: { votes: 3, weight: 3 },
        findings: { violation: { votes: 1, weight: 1 }, 'no-violation': { votes: 0, weight: 0 }, inconclusive: { votes: 0, weight: 0 } },
        abstained: { votes: 0, weight: 0 },
        silentNoObjection: { votes: 0, weight: 0 },
        awaited: { votes: 2, weight: 2 },
        notCounted: { votes: 0, weight: 0 },
        disputed: { votes: 0, weight: 0 },
        attributions: [],
      },
      members: [
        member('FRA', 'committed', { finding: 'no-violation', confidence: 0.41, rationale: SECRET_RATIONALE }),
        member('GBR', 'counted', { finding: 'violation', attribution: 'RUS', confidence: 0.9 }),
        member('DEU', 'silent'),
        member('ITA', 'equivocated', { finding: 'inconclusive' }),
        member('RUS', 'silent', { role: 'party' }),
      ],
      ignored: [],
    },
  } as unknown as IncidentDetail;
}

function view() {
  return publicSessionView({
    commission: { commission: 'Joint Monitoring Commission', members: [{ id: 'FRA' as MemberId, name: 'France', role: 'voting' }] },
    agenda: { items: [A, B], current: 0 },
    screen: 'live',
    details: new Map([
      [A, leakyDetail(A, 'INC-1')],
      [B, leakyDetail(B, 'INC-2')],
    ]),
    playback: { ...NO_PLAYBACK, playheadSeconds: 42, secretPath: '/tmp/x' } as never,
  });
}

describe('publicSessionView', () => {
  it('carries the facts, the tally and each delegation standing, revealed findings only', () => {
    const v = view();
    expect(v.current?.facts).toEqual({
      number: 'INC-1',
      category: 'artillery',
      windowStart: '2026-03-01T10:00:00Z',
      windowEnd: '2026-03-01T10:30:00Z',
      lon: 30.1,
      lat: 48.2,
      chainageKm: 12.5,
      summary: 'Shelling near the line',
    });
    expect(v.current?.tally.standings).toEqual([
      { member: 'FRA', name: 'France', role: 'voting', state: 'committed' },
      { member: 'GBR', name: 'GBR', role: 'voting', state: 'revealed', finding: 'violation', attribution: 'RUS', confidence: 0.9 },
      { member: 'DEU', name: 'DEU', role: 'voting', state: 'not-yet' },
      { member: 'ITA', name: 'ITA', role: 'voting', state: 'disputed' },
      { member: 'RUS', name: 'RUS', role: 'party', state: 'not-yet' },
    ]);
    expect(v.current?.tally.counts).toMatchObject({ voting: 3, revealed: 1, committed: 1, notYet: 1, violation: 1 });
    expect(v.current?.incident).toBe(A);
    expect(v.current?.evidence).toEqual([{ name: 'day-detections.arrow', role: 'detections', sha256: 'ab'.repeat(32), size: 1024, present: true }]);
    expect(v.board.map((item) => item.number)).toEqual(['INC-1', 'INC-2']);
    expect(v.playback).toEqual({ playheadSeconds: 42, playing: false, speed: 1 });
  });

  it('lets no draft, unrevealed finding, key status, acting delegation or path survive', () => {
    const text = JSON.stringify(view());
    for (const secret of [SECRET_RATIONALE, ':"no-violation"', '0.41', 'unlocked', 'keyStatus', 'actingAs', 'participation', 'myStanding', '/tmp/', '/home/', 'evidenceList', ':"inconclusive"']) {
      expect(text, secret).not.toContain(secret);
    }
  });

  it('shows no current item when the agenda is empty', () => {
    const v = publicSessionView({ commission: { commission: 'C', members: [] }, agenda: { items: [], current: 0 }, screen: 'blank', details: new Map(), playback: NO_PLAYBACK });
    expect(v).toMatchObject({ current: null, board: [], screen: 'blank', position: { index: 0, count: 0 } });
  });
});
