import { describe, expect, it } from 'vitest';
import type { MyRoundView } from '../../../shared/commission/participation';
import type { MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';
import type { RoundFinality, RoundSummary } from '../../../shared/commission/views';
import { newRoundLine, stepLine } from '../../../renderer/assessment/step-text';

const ID = 'c'.repeat(64) as ObjectId;
const at = (hhmm: string) => `2026-11-20T${hhmm}:00Z` as Timestamp;

const DRAFT: MyRoundView = {
  round: 1,
  member: 'FRA' as MemberId,
  role: 'voting',
  step: 'draft',
  ballot: 'silent',
  commitments: [],
  reveal: null,
  phase: null,
  hasDraft: false,
  othersFindingsVisible: false,
  lookedBeforeCommitting: false,
  closed: false,
  chair: null,
};
const PHASE = { id: ID, openedBy: 'CHAIR' as MemberId, created: at('15:00'), revealDeadline: at('18:00'), silenceDeadline: null, commitments: 4 };

describe('the step line', () => {
  it('asks for a draft and a seal, and says where an unsealed draft is kept', () => {
    expect(stepLine(DRAFT)).toBe('Draft your assessment here, then seal it before the chair opens the reveal.');
    expect(stepLine({ ...DRAFT, hasDraft: true })).toBe('Your draft is saved on this workstation only. Seal it before the chair opens the reveal.');
  });

  it('says when it was sealed, and that the latest of several seals counts', () => {
    const first = { id: ID, created: at('14:00'), listed: false, sealedHere: true };
    expect(stepLine({ ...DRAFT, step: 'committed', commitments: [first] })).toBe("Sealed at 2026-11-20 14:00 UTC, awaiting the chair's reveal.");
    expect(stepLine({ ...DRAFT, step: 'committed', commitments: [first, { ...first, created: at('14:30') }] })).toBe(
      "Sealed at 2026-11-20 14:30 UTC, awaiting the chair's reveal. You sealed 2 times: the latest counts.",
    );
  });

  it('asks for the reveal by the phase’s deadline, or says where the sealed assessment is', () => {
    expect(stepLine({ ...DRAFT, step: 'reveal', phase: PHASE })).toBe('The chair opened the reveal and it lists your sealed assessment: reveal it so that it counts. Reveal by 2026-11-20 18:00 UTC.');
    expect(stepLine({ ...DRAFT, step: 'reveal-elsewhere', phase: { ...PHASE, revealDeadline: null } })).toMatch(/sealed assessment is on another workstation: reveal it there\.$/);
  });

  it('says plainly when the delegation cannot vote, and when it revealed', () => {
    expect(stepLine({ ...DRAFT, step: 'excluded', phase: PHASE })).toBe('The reveal opened without your commitment: you cannot vote in this round.');
    expect(stepLine({ ...DRAFT, step: 'revealed', reveal: { id: ID, created: at('16:10') } })).toBe('Revealed at 2026-11-20 16:10 UTC.');
  });

  it('tells the chair what it does instead of assessing', () => {
    expect(stepLine({ ...DRAFT, role: 'chair', step: 'not-an-assessor', ballot: null })).toBe('As the chair you do not assess: you open the reveal and close the round.');
  });
});

describe('the line that opens a new round', () => {
  const FINAL: RoundFinality = { status: 'final', closedBy: 'CHAIR' as MemberId, closedAt: at('20:00'), countersignedBy: [], votingMembers: 9 };
  const closed = (outcome: RoundSummary['outcome']['outcome'], finality: RoundFinality = FINAL): RoundSummary => ({ round: 1, outcome: { round: 1, outcome, reason: '' }, finality });

  it('names the new round and how the one before it closed', () => {
    expect(newRoundLine({ ...DRAFT, round: 2 }, [closed('no-consensus')])).toBe('Round 2 is open for assessments: round 1 closed with no consensus.');
    expect(newRoundLine({ ...DRAFT, round: 2 }, [closed('disputed')])).toBe('Round 2 is open for assessments: round 1 closed with its count disputed.');
  });

  it('says nothing in round 1, once the reveal of the new round opened, or when the round before is not final', () => {
    expect(newRoundLine(DRAFT, [])).toBeNull();
    expect(newRoundLine({ ...DRAFT, round: 2, phase: PHASE }, [closed('no-consensus')])).toBeNull();
    expect(newRoundLine({ ...DRAFT, round: 2 }, [closed('no-consensus', { status: 'provisional' })])).toBeNull();
    expect(newRoundLine({ ...DRAFT, round: 3 }, [closed('no-consensus')])).toBeNull();
  });
});
