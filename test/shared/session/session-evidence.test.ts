import { describe, expect, it } from 'vitest';
import { evidencePath } from '../../../shared/ipc/evidence-route';
import type { ObjectId } from '../../../shared/objects/types';
import { sessionEvidenceRefusal } from '../../../shared/session/session-evidence';
import { NO_PLAYBACK, type SessionView } from '../../../shared/session/session-view';

const ITEM = 'a'.repeat(64) as ObjectId;
const OTHER = 'b'.repeat(64) as ObjectId;
const CHUNK = 'c'.repeat(64);
const UNLISTED = 'd'.repeat(64);

function view(screen: SessionView['screen'], current: ObjectId | null): SessionView {
  const evidence = [{ name: 'detections.arrow', role: 'detections', sha256: CHUNK, size: 10, present: true }];
  return {
    commission: 'C',
    screen,
    position: { index: 0, count: 1 },
    current: current === null ? null : { incident: current, facts: {} as never, evidence, tally: {} as never },
    board: [],
    playback: NO_PLAYBACK,
  };
}

describe("the room's evidence: the current agenda item's chunks only", () => {
  it('lets a chunk of the current item through, live or frozen', () => {
    expect(sessionEvidenceRefusal(view('live', ITEM), evidencePath(ITEM, CHUNK))).toBeUndefined();
    expect(sessionEvidenceRefusal(view('freeze', ITEM), evidencePath(ITEM, CHUNK))).toBeUndefined();
  });

  it("refuses another incident's chunk, a chunk the item does not list, and the listed chunk under another incident", () => {
    expect(sessionEvidenceRefusal(view('live', ITEM), evidencePath(OTHER, UNLISTED))).toBe("the room plays only the current agenda item's evidence");
    expect(sessionEvidenceRefusal(view('live', ITEM), evidencePath(ITEM, UNLISTED))).toBeDefined();
    expect(sessionEvidenceRefusal(view('live', ITEM), evidencePath(OTHER, CHUNK))).toBeDefined();
  });

  it('refuses everything while the screen is blank or the agenda has no current item', () => {
    expect(sessionEvidenceRefusal(view('blank', ITEM), evidencePath(ITEM, CHUNK))).toBe('the room screen is blank: it plays no evidence');
    expect(sessionEvidenceRefusal(view('live', null), evidencePath(ITEM, CHUNK))).toMatch(/no current item/);
  });

  it('leaves a path that names no chunk to the evidence route (it answers 400)', () => {
    expect(sessionEvidenceRefusal(view('live', ITEM), '/evidence/x')).toBeUndefined();
  });
});
