import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommissionView, IncidentDetail } from '../../../shared/commission/views';
import { NotFoundError } from '../../../shared/ipc/errors';
import type { ObjectId } from '../../../shared/objects/types';
import type { SessionView } from '../../../shared/session/session-view';
import { SessionService } from '../../../main/session/session-service';

const A = 'a'.repeat(64) as ObjectId;
const B = 'b'.repeat(64) as ObjectId;
const GONE = 'c'.repeat(64) as ObjectId;

function detail(id: ObjectId, number: string, outcome: 'pending' | 'no-consensus'): IncidentDetail {
  const counts = { votes: 0, weight: 0 };
  return {
    id,
    number,
    category: 'artillery',
    summary: `summary of ${number}`,
    windowStart: '2026-03-01T10:00:00Z',
    windowEnd: '2026-03-01T10:30:00Z',
    lon: 30,
    lat: 48,
    chainageKm: 3,
    evidenceList: [],
    outcome: { round: 1, outcome, reason: '' },
    finality: { status: 'provisional' },
    tally: {
      round: 1,
      verdict: { outcome },
      counts: { voting: { votes: 2, weight: 2 }, findings: { violation: counts, 'no-violation': counts, inconclusive: counts } },
      members: [],
    },
  } as unknown as IncidentDetail;
}

describe('SessionService', () => {
  let dir: string;
  let published: SessionView[];
  let details: Map<ObjectId, IncidentDetail>;
  let service: SessionService;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'truceline-session-'));
    published = [];
    details = new Map([
      [A, detail(A, 'INC-1', 'pending')],
      [B, detail(B, 'INC-2', 'no-consensus')],
    ]);
    const source = {
      commission: async () => ({ commission: 'Joint Commission', members: [] }) as unknown as CommissionView,
      incident: async (id: ObjectId) => details.get(id) ?? Promise.reject(new NotFoundError(`no incident ${id}`)),
    };
    service = new SessionService(
      source,
      () => dir,
      (view) => published.push(view),
    );
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps the agenda in the commission folder, steps through it and publishes each change', async () => {
    await service.setAgenda([A, B, GONE]);
    expect(JSON.parse(await readFile(join(dir, 'session-agenda.json'), 'utf8'))).toEqual({ items: [A, B, GONE], current: 0 });
    const second = await service.stepAgenda(1);
    expect(second.current?.facts.number).toBe('INC-2');
    expect(second.board.map((item) => [item.number, item.outcome])).toEqual([
      ['INC-1', 'pending'],
      ['INC-2', 'no-consensus'],
      [null, null],
    ]);
    await expect(service.stepAgenda(3)).rejects.toThrow('the agenda has 3 items; there is no item 4');
    expect(published.map((view) => view.position.index)).toEqual([0, 1]);
    const reopened = new SessionService(
      { commission: async () => ({ commission: 'J', members: [] }) as unknown as CommissionView, incident: async (id) => details.get(id)! },
      () => dir,
      () => undefined,
    );
    expect((await reopened.view()).position).toEqual({ index: 1, count: 3 });
  });

  it('holds the room picture while frozen and blanks on request', async () => {
    await service.setAgenda([A]);
    const frozen = await service.setScreen('freeze');
    expect(frozen.screen).toBe('freeze');
    details.set(A, detail(A, 'INC-1', 'no-consensus'));
    await service.mirrorPlayback({ playheadSeconds: 12, playing: true, speed: 2 });
    await service.refresh();
    expect((await service.view()).board[0]?.outcome).toBe('pending');
    expect((await service.view()).playback.playheadSeconds).toBe(0);
    const live = await service.setScreen('live');
    expect(live.board[0]?.outcome).toBe('no-consensus');
    expect(live.playback).toEqual({ playheadSeconds: 12, playing: true, speed: 2 });
    expect((await service.setScreen('blank')).screen).toBe('blank');
  });
});
