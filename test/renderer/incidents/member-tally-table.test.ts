import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MemberId } from '../../../shared/objects/types';
import type { MemberTally } from '../../../shared/tally/outcome';
import { MemberTallyTable } from '../../../renderer/incidents/MemberTallyTable';

const FRA = 'FRA' as MemberId;
const DEU = 'DEU' as MemberId;
const PARTY = 'PARTY-A' as MemberId;

function revealed(member: MemberId, confidence: number, reason: string): MemberTally {
  return { member, role: 'voting', weight: 1, ballot: 'early-reveal', standing: 'not-counted', finding: 'violation', attribution: PARTY, confidence, reason, ballotReason: reason, objects: [] };
}

const MEMBERS = [revealed(DEU, 73, 'DEU revealed before the phase'), revealed(FRA, 64, 'FRA revealed before the phase')];

function markup(othersFindingsVisible: boolean): string {
  return renderToStaticMarkup(createElement(MemberTallyTable, { members: MEMBERS, actingAs: FRA, nameOf: (m: MemberId) => m, othersFindingsVisible }));
}

describe('the delegations table and independence', () => {
  it('puts nothing of another delegation’s finding on the page before the acting one has sealed', () => {
    const html = markup(false);
    expect(html).not.toContain('73 %');
    expect(html).not.toContain('DEU revealed before the phase');
    expect(html.match(/PARTY-A/g)).toHaveLength(1);
    expect(html).toContain('64 %');
    expect(html).toContain('FRA revealed before the phase');
    expect(html).toContain('not shown before you seal');
  });

  it('shows every delegation’s finding once they may be seen', () => {
    const html = markup(true);
    expect(html).toContain('73 %');
    expect(html).toContain('DEU revealed before the phase');
    expect(html).not.toContain('not shown before you seal');
  });
});
