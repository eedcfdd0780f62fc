import { describe, expect, it } from 'vitest';
import type { DecisionRule, MemberId, ObjectId, Role, RosterPayload, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import type { Ballot, RoundBallots } from '../../../shared/tally/ballot';
import { prepareRoster } from '../../../shared/tally/prepared-roster';
import { tallyPrepared, tallyRound } from '../../../shared/tally/tally';

const AS_OF = '2026-11-22T19:00:00Z' as Timestamp;
const CONSENSUS: DecisionRule = { method: 'consensus', weighted: false, silenceProcedure: false };
const WEIGHTED_MAJORITY: DecisionRule = { method: 'majority', threshold: { numerator: 1, denominator: 2 }, weighted: true, silenceProcedure: false };

function roster(members: readonly [string, Role, number?][], rule: DecisionRule = CONSENSUS): RosterPayload {
  return {
    kind: 'roster',
    commission: 'unit',
    version: 1,
    prev: null,
    issued: '2026-01-01T00:00:00Z' as Timestamp,
    expires: '2027-01-01T00:00:00Z' as Timestamp,
    members: members.map(([id, role, weight = 1]) => ({ id: id as MemberId, name: id, role, weight, keys: [] })),
    rule,
    updateThreshold: 1,
    lineGeometry: '0'.repeat(64) as Sha256Hex,
  };
}

function ballot(member: string, fields: Partial<Ballot> = {}): Ballot {
  return { member: member as MemberId, status: 'counted', finding: 'violation', attribution: 'EAST' as MemberId, reason: 'revealed', objects: [], ...fields };
}

function round(ballots: readonly Ballot[], fields: Partial<RoundBallots> = {}): RoundBallots {
  return { incident: 'a'.repeat(64) as ObjectId, round: 2, phase: 'b'.repeat(64) as ObjectId, ballots, ...fields };
}

const object = (char: string): ObjectId => char.repeat(64) as ObjectId;

describe('tallyRound', () => {
  const commission = roster([
    ['AUT', 'voting', 2],
    ['CHAIR', 'chair'],
    ['EAST', 'party'],
    ['BEL', 'voting', 3],
    ['UNOBS', 'observer'],
    ['CAN', 'voting', 1],
  ]);

  it('lists every assessing member once, in roster order, with the round and the time', () => {
    const outcome = tallyRound(commission, round([ballot('CAN'), ballot('BEL'), ballot('AUT')]), AS_OF);
    expect(outcome.members.map((entry) => [entry.member, entry.role, entry.weight])).toEqual([
      ['AUT', 'voting', 2],
      ['EAST', 'party', 1],
      ['BEL', 'voting', 3],
      ['UNOBS', 'observer', 1],
      ['CAN', 'voting', 1],
    ]);
    expect(outcome).toMatchObject({ incident: 'a'.repeat(64), round: 2, asOf: AS_OF });
  });

  it('counts votes and weights per finding and attribution', () => {
    const outcome = tallyRound(
      roster(
        [
          ['AUT', 'voting', 2],
          ['BEL', 'voting', 3],
          ['CAN', 'voting', 1],
          ['DNK', 'voting', 4],
          ['EAST', 'party'],
          ['WEST', 'party'],
        ],
        WEIGHTED_MAJORITY,
      ),
      round([ballot('AUT'), ballot('BEL', { attribution: 'WEST' as MemberId }), ballot('CAN', { finding: 'no-violation' }), ballot('DNK', { finding: 'abstain' })]),
      AS_OF,
    );
    expect(outcome.counts).toEqual({
      voting: { votes: 4, weight: 10 },
      findings: { violation: { votes: 2, weight: 5 }, 'no-violation': { votes: 1, weight: 1 }, inconclusive: { votes: 0, weight: 0 } },
      abstained: { votes: 1, weight: 4 },
      silentNoObjection: { votes: 0, weight: 0 },
      awaited: { votes: 0, weight: 0 },
      notCounted: { votes: 0, weight: 0 },
      disputed: { votes: 0, weight: 0 },
      attributions: [
        { attribution: 'EAST', votes: 1, weight: 2 },
        { attribution: 'WEST', votes: 1, weight: 3 },
      ],
    });
    expect(outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'WEST' });
    expect(outcome.reason).toBe('violation adopted under majority of more than 1/2, weighted (2 violation (weight 5), 1 no-violation (weight 1), 1 abstained (weight 4)); attributed to WEST');
  });

  it('gives each member a reason line and keeps the resolver’s own line beside it', () => {
    const outcome = tallyRound(
      commission,
      round([
        ballot('AUT', { confidence: 80 }),
        ballot('EAST', { finding: 'no-violation', reason: 'revealed by the party' }),
        ballot('BEL', { status: 'early-reveal', reason: 'revealed at 10:02, before the phase' }),
        ballot('CAN', { status: 'invalid', finding: undefined, attribution: undefined, reason: 'signature by an unknown key' }),
      ]),
      AS_OF,
    );
    expect(outcome.members.map((entry) => [entry.member, entry.standing, entry.reason, entry.ballotReason])).toEqual([
      ['AUT', 'counted', 'counted: violation, attributed to EAST', 'revealed'],
      ['EAST', 'recused', 'recused: party to the dispute, not counted (assessed no-violation)', 'revealed by the party'],
      ['BEL', 'not-counted', 'not counted: revealed before the chair opened the reveal', 'revealed at 10:02, before the phase'],
      ['UNOBS', 'observer', 'observer: shown, not counted', 'the round holds no ballot for this member'],
      ['CAN', 'disputed', 'disputed: an object failed verification', 'signature by an unknown key'],
    ]);
    expect(outcome.members[0]).toMatchObject({ finding: 'violation', attribution: 'EAST', confidence: 80 });
    expect(outcome.members[4]).not.toHaveProperty('finding');
  });

  it('merges the same vote given twice into one ballot with the union of its objects, sorted', () => {
    const outcome = tallyRound(
      commission,
      round([ballot('AUT', { objects: [object('2')], reason: 'b' }), ballot('AUT', { objects: [object('1'), object('2')], reason: 'a' }), ballot('BEL'), ballot('CAN')]),
      AS_OF,
    );
    expect(outcome.members[0]).toMatchObject({ standing: 'counted', objects: [object('1'), object('2')], ballotReason: 'a' });
    expect(outcome.counts.findings.violation.votes).toBe(3);
  });

  it('turns two different votes of one member into an equivocation', () => {
    const outcome = tallyRound(commission, round([ballot('AUT'), ballot('AUT', { finding: 'no-violation', objects: [object('9')] }), ballot('BEL'), ballot('CAN')]), AS_OF);
    expect(outcome.members[0]).toMatchObject({ ballot: 'equivocated', standing: 'disputed', objects: [object('9')] });
    expect(outcome.verdict).toEqual({ outcome: 'disputed', disputedBy: ['AUT'] });
  });

  it('sets aside, once each and sorted, the ballots of non-members and of members that do not assess', () => {
    const outcome = tallyRound(commission, round([ballot('ZZZ'), ballot('CHAIR'), ballot('ZZZ'), ballot('AUT'), ballot('BEL'), ballot('CAN')]), AS_OF);
    expect(outcome.ignored).toEqual([
      { member: 'CHAIR', reason: 'the chair does not assess incidents' },
      { member: 'ZZZ', reason: 'not a member of this roster' },
    ]);
    expect(outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'EAST' });
  });

  it('never lets an equivocating party dispute the outcome', () => {
    const outcome = tallyRound(commission, round([ballot('AUT'), ballot('BEL'), ballot('CAN'), ballot('EAST', { status: 'equivocated' })]), AS_OF);
    expect(outcome.verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'EAST' });
    expect(outcome.members[1]).toMatchObject({ standing: 'recused', ballot: 'equivocated' });
  });

  it('says in the pending reason whom it waits for and until when', () => {
    const silence = roster(
      [
        ['AUT', 'voting'],
        ['BEL', 'voting'],
        ['CAN', 'voting'],
      ],
      { ...CONSENSUS, silenceProcedure: true },
    );
    const waiting = round([ballot('AUT'), ballot('BEL', { status: 'committed' })], { silenceDeadline: '2026-11-23T12:00:00Z' });
    expect(tallyRound(silence, waiting, AS_OF).reason).toBe('pending: 2 voting members not revealed (BEL, CAN); after the silence deadline 2026-11-23T12:00:00Z, silence counts as not objecting');
    expect(tallyRound(silence, { ...waiting, silenceDeadline: 'tomorrow' }, AS_OF)).toMatchObject({
      verdict: { outcome: 'pending' },
      reason: 'pending: 2 voting members not revealed (BEL, CAN); the silence deadline tomorrow is not a readable timestamp',
    });
    expect(tallyRound(silence, { ...waiting, silenceDeadline: undefined }, AS_OF).reason).toContain('the phase sets no silence deadline');
    expect(tallyRound(silence, waiting, '2026-11-23T12:00:00.001Z' as Timestamp).verdict).toEqual({ outcome: 'decided', finding: 'violation', attribution: 'undetermined' });
  });

  it('answers no consensus, with the reason, for a roster whose weights or rule cannot be applied', () => {
    const badWeight = roster([
      ['AUT', 'voting', -1],
      ['BEL', 'voting'],
    ]);
    expect(tallyRound(badWeight, round([ballot('AUT'), ballot('BEL')]), AS_OF)).toMatchObject({
      verdict: { outcome: 'no-consensus' },
      reason: "no consensus possible: the roster's decision rule cannot be applied: the weight of AUT is not an integer ≥ 0",
    });
    const badQuorum = roster([['AUT', 'voting']], { ...CONSENSUS, quorum: { numerator: 3, denominator: 2 } });
    expect(tallyRound(badQuorum, round([ballot('AUT')]), AS_OF).reason).toContain('quorum 3/2 is more than 1');
    const unknownMethod = roster([['AUT', 'voting']], { ...CONSENSUS, method: 'acclamation' as DecisionRule['method'] });
    expect(tallyRound(unknownMethod, round([ballot('AUT')]), AS_OF).reason).toContain('unknown decision method acclamation');
  });

  it('reads a repeated member id in a roster as its first entry', () => {
    const repeated = roster(
      [
        ['AUT', 'voting', 5],
        ['AUT', 'party'],
        ['BEL', 'voting'],
      ],
      WEIGHTED_MAJORITY,
    );
    const outcome = tallyRound(repeated, round([ballot('AUT'), ballot('BEL', { finding: 'no-violation' })]), AS_OF);
    expect(outcome.members.map((entry) => [entry.member, entry.role])).toEqual([
      ['AUT', 'voting'],
      ['BEL', 'voting'],
    ]);
    expect(outcome.verdict).toMatchObject({ outcome: 'decided', finding: 'violation' });
  });

  it('gives the same outcome from a prepared roster as from the roster itself', () => {
    const ballots = round([ballot('AUT'), ballot('BEL', { finding: 'abstain' }), ballot('CAN', { status: 'committed' })]);
    expect(tallyPrepared(prepareRoster(commission), ballots, AS_OF)).toEqual(tallyRound(commission, ballots, AS_OF));
  });
});
