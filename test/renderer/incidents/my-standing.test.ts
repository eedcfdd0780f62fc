import { describe, expect, it } from 'vitest';
import { MY_STEPS, NEEDS_MY_ACTION, type MyStep } from '../../../shared/commission/incident-list';
import { myStandingText, myStandingTone } from '../../../renderer/incidents/my-standing';

const text = (step: MyStep, commitments = 0) => myStandingText({ step, commitments });

describe("the queue row's words for where my delegation stands", () => {
  it('tells an assessing delegation each step of its round apart', () => {
    expect(text('no-commitment')).toBe('no commitment yet');
    expect(text('committed')).toBe('committed — awaiting the reveal');
    expect(text('reveal')).toBe('reveal now');
    expect(text('revealed')).toBe('revealed');
    expect(text('excluded')).toBe('cannot vote (reveal opened without my commitment)');
    expect(text('closed')).toBe('round closed');
  });

  it('tells the chair what the round needs, with the commitments opening the reveal would list', () => {
    expect(text('open-reveal', 3)).toBe('open the reveal (3 commitments)');
    expect(text('open-reveal', 1)).toBe('open the reveal (1 commitment)');
    expect(text('close')).toBe('close the round');
    expect(text('no-commitments')).toBe('no commitments yet');
    expect(text('reveal-open')).toBe('reveal open — not closable yet');
  });

  it('gives every step its own words', () => {
    const words = MY_STEPS.map((step) => text(step, 2));
    expect(new Set(words).size).toBe(MY_STEPS.length);
  });

  it('makes exactly the steps that wait for me stand out, and warns where I cannot vote', () => {
    expect(MY_STEPS.filter((step) => myStandingTone({ step, commitments: 1 }) === 'action')).toEqual([...NEEDS_MY_ACTION].sort((a, b) => MY_STEPS.indexOf(a) - MY_STEPS.indexOf(b)));
    expect(NEEDS_MY_ACTION).not.toContain('committed');
    expect(NEEDS_MY_ACTION).not.toContain('excluded');
    expect(myStandingTone({ step: 'excluded', commitments: 0 })).toBe('warning');
    expect(myStandingTone({ step: 'closed', commitments: 0 })).toBe('quiet');
  });
});
