import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChairRoundView, KeyStatusView, MyRoundView } from '../../../shared/commission/participation';
import type { IncidentDetail } from '../../../shared/commission/views';
import type { TrucelineApi } from '../../../shared/ipc/contract';
import type { KeyId, MemberId, ObjectId, Timestamp } from '../../../shared/objects/types';
import { AssessmentSection } from '../../../renderer/assessment/AssessmentSection';
import { ChairSection } from '../../../renderer/assessment/ChairSection';
import { DeskContext, type Desk } from '../../../renderer/assessment/desk-context';
import type { KeyControls } from '../../../renderer/keys/use-key-status';

const ID = 'a'.repeat(64) as ObjectId;
const FRA = 'FRA' as MemberId;
const LOCKED: KeyStatusView = { state: 'locked', member: FRA, keyid: 'k'.repeat(64) as KeyId, lockedBy: 'idle' };
const UNLOCKED: KeyStatusView = { state: 'unlocked', member: FRA, keyid: 'k'.repeat(64) as KeyId, locksAt: '2026-11-20T14:05:00Z' as Timestamp };
const PHASE = { id: ID, openedBy: 'CHAIR' as MemberId, created: '2026-11-20T15:00:00Z' as Timestamp, revealDeadline: null, silenceDeadline: null, commitments: 3 };
const VIEW: MyRoundView = {
  round: 1,
  member: FRA,
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
const INCIDENT = { id: ID, number: 'INC-2026-000024', evidenceList: [], participation: VIEW, rounds: [] } as unknown as IncidentDetail;
/** Round 1 closed with no consensus: round 2 is the current round. */
const REOPENED = {
  ...INCIDENT,
  rounds: [
    {
      round: 1,
      outcome: { round: 1, outcome: 'no-consensus', reason: 'consensus: 5 of 9 found a violation' },
      finality: { status: 'final', closedBy: 'CHAIR', closedAt: '2026-11-21T09:00:00Z', countersignedBy: [], votingMembers: 9 },
    },
  ],
} as unknown as IncidentDetail;

function render(element: ReactElement, key: KeyStatusView): string {
  const keys = { status: key, error: undefined, unlockOpen: false, requestUnlock: () => {}, closeUnlock: () => {}, unlock: async () => {}, lock: async () => {} } satisfies KeyControls;
  const desk: Desk = { api: {} as TrucelineApi, commission: undefined, keys, preferences: { revealAutomatically: false, idleLockMinutes: 15 }, reload: () => {} };
  return renderToStaticMarkup(createElement(DeskContext.Provider, { value: desk }, element));
}

/** The opening tag of the button with this test id, to see whether it is disabled. */
function button(html: string, testId: string): string | undefined {
  return html.match(new RegExp(`<button[^>]*data-testid="${testId}"[^>]*>`))?.[0];
}

function section(view: Partial<MyRoundView>, key: KeyStatusView = UNLOCKED): string {
  return render(createElement(AssessmentSection, { incident: INCIDENT, view: { ...VIEW, ...view } }), key);
}

describe('the assessment section by step', () => {
  it('shows nothing for a member that does not assess', () => {
    expect(section({ step: 'not-an-assessor', role: 'chair' })).toBe('');
  });

  it('says plainly that an excluded delegation cannot vote, and offers nothing to sign', () => {
    const html = section({ step: 'excluded', phase: PHASE });
    expect(html).toContain('The reveal opened without your commitment: you cannot vote in this round.');
    expect(html).not.toContain('<button');
  });

  it('offers the reveal, but only with an unlocked key, and the preference to reveal at once', () => {
    const listed = [{ id: ID, created: '2026-11-20T14:00:00Z' as Timestamp, listed: true, sealedHere: true }];
    expect(button(section({ step: 'reveal', phase: PHASE, commitments: listed }), 'reveal-button')).not.toContain('disabled');
    const locked = section({ step: 'reveal', phase: PHASE, commitments: listed }, LOCKED);
    expect(button(locked, 'reveal-button')).toContain('disabled=""');
    expect(locked).toContain('Unlock your key to reveal.');
    expect(locked).toContain('Reveal as soon as the chair opens the reveal');
  });

  it('drafts in round 2 once round 1 closed without a decision, and says so', () => {
    const html = render(createElement(AssessmentSection, { incident: REOPENED, view: { ...VIEW, round: 2 } }), UNLOCKED);
    expect(html).toContain('Your assessment — round 2</h3>');
    expect(html).toContain('data-round="2"');
    expect(html).toContain('Round 2 is open for assessments: round 1 closed with no consensus.');
    expect(section({})).not.toContain('round-opened');
  });

  it('offers to change and seal again while the reveal is not open', () => {
    const html = section({ step: 'committed', commitments: [{ id: ID, created: '2026-11-20T14:00:00Z' as Timestamp, listed: false, sealedHere: true }] });
    expect(html).toContain('Sealed at 2026-11-20 14:00 UTC, awaiting the chair&#x27;s reveal.');
    expect(html).toContain('Change and seal again');
  });
});

describe('the chair section', () => {
  const CHAIR: ChairRoundView = {
    commitmentsReceived: [{ member: FRA, commitment: ID, created: '2026-11-20T14:00:00Z' as Timestamp }],
    canOpenReveal: false,
    canClose: false,
    closeBlocked: 'the round is pending: awaiting AUT, CAN',
    closed: false,
  };

  it('lists the commitments received and says why the round cannot close yet', () => {
    const html = render(createElement(ChairSection, { incident: INCIDENT, view: { ...VIEW, role: 'chair', step: 'not-an-assessor', phase: PHASE }, chair: CHAIR }), UNLOCKED);
    expect(html).toContain('FRA <span class="muted">sealed 2026-11-20 14:00 UTC</span>');
    expect(html).toContain('Cannot close yet: the round is pending: awaiting AUT, CAN');
    expect(button(html, 'close-round-button')).toContain('disabled=""');
    expect(html).not.toContain('open-reveal-button');
  });

  it('says that round 2 is open for assessments after the chair closed round 1 without a decision, until its reveal opens', () => {
    const chair: ChairRoundView = { commitmentsReceived: [], canOpenReveal: false, canClose: false, closeBlocked: 'the reveal is not open yet', closed: false };
    const view = { ...VIEW, round: 2, role: 'chair', step: 'not-an-assessor' } as const;
    const html = render(createElement(ChairSection, { incident: REOPENED, view, chair }), UNLOCKED);
    expect(html).toContain('Chair — round 2</h3>');
    expect(html).toContain('Round 2 is open for assessments: round 1 closed with no consensus.');
    expect(render(createElement(ChairSection, { incident: REOPENED, view: { ...view, phase: PHASE }, chair: CHAIR }), UNLOCKED)).not.toContain('is open for assessments');
    expect(render(createElement(ChairSection, { incident: INCIDENT, view: { ...view, round: 1 }, chair }), UNLOCKED)).not.toContain('is open for assessments');
  });

  it('offers to open the reveal before a phase exists', () => {
    const html = render(
      createElement(ChairSection, {
        incident: INCIDENT,
        view: { ...VIEW, role: 'chair', step: 'not-an-assessor' },
        chair: { ...CHAIR, canOpenReveal: true, closeBlocked: 'the reveal is not open yet' },
      }),
      UNLOCKED,
    );
    expect(button(html, 'open-reveal-button')).toBeDefined();
    expect(button(html, 'open-reveal-button')).not.toContain('disabled');
    expect(html).not.toContain('close-round-button');
  });
});
