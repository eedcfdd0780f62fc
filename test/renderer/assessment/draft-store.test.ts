import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft, type AssessmentDraft, type DraftProblem, type SavedDraft } from '../../../shared/assessment/draft';
import { RefusedError } from '../../../shared/ipc/contract';
import type { MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';
import { DraftStore, type DraftApi } from '../../../renderer/assessment/draft-store';
import { withConfidenceText, withFinding, withRationale } from '../../../renderer/assessment/draft-form';

const INCIDENT = 'a'.repeat(64) as ObjectId;
const SAVED_AT = '2026-11-20T10:00:00Z' as Timestamp;

/** Main's draft service in memory: saves what it gets, and calls a draft without finding a problem. */
class FakeDrafts implements DraftApi {
  stored: SavedDraft | null = null;
  saves: AssessmentDraft[] = [];
  refuseSaves = false;
  private pending: (() => void)[] = [];
  holdSaves = false;

  getDraft = vi.fn(async () => this.stored);
  saveDraft = vi.fn(async (draft: AssessmentDraft) => {
    if (this.holdSaves) await new Promise<void>((resolve) => this.pending.push(resolve));
    if (this.refuseSaves) throw new RefusedError('the draft store is read only');
    this.saves.push(draft);
    this.stored = { ...draft, delegation: 'FRA' as MemberId, saved: SAVED_AT };
    const problems: DraftProblem[] = draft.finding === null ? [{ field: 'finding', message: 'choose a finding' }] : [];
    return { draft: this.stored, problems };
  });
  discardDraft = vi.fn(async () => {
    this.stored = null;
    return null;
  });

  release(): void {
    this.holdSaves = false;
    for (const resolve of this.pending.splice(0)) resolve();
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function opened(drafts: FakeDrafts): Promise<DraftStore> {
  const store = new DraftStore(drafts, INCIDENT, 1, 500);
  await store.load();
  await vi.advanceTimersByTimeAsync(0);
  return store;
}

describe('the draft store', () => {
  it('starts from an empty draft and saves nothing until the delegate edits it', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    expect(store.snapshot()).toMatchObject({ status: 'ready', draft: emptyDraft(INCIDENT, 1), problems: null, unsaved: false });
    expect(drafts.saveDraft).not.toHaveBeenCalled();
  });

  it('saves once, a pause after the last of several edits, and shows the problems main found', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    let changes = 0;
    store.subscribe(() => changes++);
    store.edit((d) => withRationale(d, 'Impacts'));
    await vi.advanceTimersByTimeAsync(300);
    store.edit((d) => withConfidenceText(d, '70'));
    await vi.advanceTimersByTimeAsync(499);
    expect(drafts.saveDraft).not.toHaveBeenCalled();
    expect(store.snapshot().unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(drafts.saves).toEqual([{ ...emptyDraft(INCIDENT, 1), rationale: 'Impacts', confidence: 70 }]);
    expect(store.snapshot()).toMatchObject({ unsaved: false, savedAt: SAVED_AT, problems: [{ field: 'finding', message: 'choose a finding' }], error: null });
    expect(changes).toBeGreaterThan(2);
  });

  it('checks a stored draft again when it opens, and sends only the draft’s own fields', async () => {
    const drafts = new FakeDrafts();
    drafts.stored = { ...withFinding(emptyDraft(INCIDENT, 1), 'inconclusive'), confidence: 40, delegation: 'FRA' as MemberId, saved: SAVED_AT };
    const store = await opened(drafts);
    expect(store.snapshot().draft.finding).toBe('inconclusive');
    expect(drafts.saves).toHaveLength(1);
    expect(Object.keys(drafts.saves[0]!)).not.toContain('delegation');
    expect(store.snapshot().problems).toEqual([]);
  });

  it('keeps an edit made while loading (a citation from playback) and saves it', async () => {
    const drafts = new FakeDrafts();
    const store = new DraftStore(drafts, INCIDENT, 1, 500);
    store.edit((d) => withRationale(d, 'cited early'));
    await store.load();
    await vi.advanceTimersByTimeAsync(500);
    expect(drafts.saves.at(-1)?.rationale).toBe('cited early');
  });

  it('saves one draft at a time, and the edits made during a save after it', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    drafts.holdSaves = true;
    store.edit((d) => withRationale(d, 'first'));
    await vi.advanceTimersByTimeAsync(500);
    store.edit((d) => withRationale(d, 'second'));
    await vi.advanceTimersByTimeAsync(500);
    expect(drafts.saveDraft).toHaveBeenCalledTimes(1);
    drafts.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.saves.map((d) => d.rationale)).toEqual(['first', 'second']);
    expect(store.snapshot().unsaved).toBe(false);
  });

  it('flushes at once before sealing and answers with main’s problems', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    store.edit((d) => withConfidenceText(withFinding(d, 'no-violation'), '90'));
    await expect(store.flush()).resolves.toEqual([]);
    expect(drafts.saves).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(drafts.saves).toHaveLength(1);
  });

  it('says why a save failed, keeps the edit unsaved, and flush answers null', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    drafts.refuseSaves = true;
    store.edit((d) => withRationale(d, 'x'));
    await expect(store.flush()).resolves.toBeNull();
    expect(store.snapshot()).toMatchObject({ unsaved: true, error: 'the draft store is read only' });
  });

  it('discards the draft on this workstation and starts again from empty', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    store.edit((d) => withRationale(d, 'x'));
    await store.discard();
    await vi.advanceTimersByTimeAsync(1000);
    expect(drafts.saveDraft).not.toHaveBeenCalled();
    expect(drafts.discardDraft).toHaveBeenCalledWith(INCIDENT, 1);
    expect(store.snapshot()).toMatchObject({ draft: emptyDraft(INCIDENT, 1), problems: null, unsaved: false });
  });

  it('saves an edit still waiting when it closes (another incident was selected)', async () => {
    const drafts = new FakeDrafts();
    const store = await opened(drafts);
    store.edit((d) => withRationale(d, 'last words'));
    store.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.saves.map((d) => d.rationale)).toEqual(['last words']);
  });
});
