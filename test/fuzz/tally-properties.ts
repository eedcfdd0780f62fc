import type { PropertyRun } from './property-run';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { Attribution, DecisionMethod, DecisionRule, Finding, MemberId, ObjectId, Role, RosterMember, RosterPayload, Sha256Hex, Timestamp } from '../../shared/objects/types';
import type { Ballot, BallotStatus, RoundBallots } from '../../shared/tally/ballot';
import { tallyRound } from '../../shared/tally/tally';
import { referenceTally } from '../shared/tally/reference-tally';

/** One generated round: a roster, the round's ballots and the time of the tally. */
export interface TallyCase {
  readonly roster: RosterPayload;
  readonly round: RoundBallots;
  readonly asOf: Timestamp;
}

const VOTING_IDS = ['AUT', 'BEL', 'CAN', 'DNK', 'EST', 'FIN', 'FRA', 'DEU'] as const;
const PARTY_IDS = ['EAST', 'WEST'] as const;
const OBSERVER_IDS = ['UNOBS', 'ICRC'] as const;
const STATUSES: readonly BallotStatus[] = ['counted', 'silent', 'committed', 'unmatched-reveal', 'early-reveal', 'equivocated', 'invalid'];
const FINDINGS: readonly Finding[] = ['violation', 'no-violation', 'inconclusive', 'abstain'];
const TIMES = ['2026-11-22T18:00:00Z', '2026-11-22T19:00:00Z', '2026-11-22T19:00:00.500Z', '2026-11-22T20:00:00Z'] as const;
const INCIDENT = 'c'.repeat(64) as ObjectId;
const PHASE = 'd'.repeat(64) as ObjectId;

const fractionArbitrary = fc.integer({ min: 1, max: 6 }).chain((denominator) => fc.record({ numerator: fc.integer({ min: 0, max: denominator }), denominator: fc.constant(denominator) }));

const ruleArbitrary = rulesWith(fc.constantFrom('unanimity', 'consensus', 'consensus-minus-one', 'majority'));

function rulesWith(methods: fc.Arbitrary<DecisionMethod>): fc.Arbitrary<DecisionRule> {
  return fc.record(
    {
      method: methods,
      threshold: fractionArbitrary,
      thresholdComparison: fc.constantFrom('more-than', 'at-least'),
      weighted: fc.boolean(),
      quorum: fractionArbitrary,
      silenceProcedure: fc.boolean(),
    },
    { requiredKeys: ['method', 'weighted', 'silenceProcedure'] },
  );
}

function member(id: string, role: Role, weight: number): RosterMember {
  return { id: id as MemberId, name: id, role, weight, keys: [] };
}

const membersArbitrary: fc.Arbitrary<RosterMember[]> = fc
  .record({
    voting: fc.subarray([...VOTING_IDS]),
    parties: fc.subarray([...PARTY_IDS]),
    observers: fc.subarray([...OBSERVER_IDS]),
    weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: VOTING_IDS.length, maxLength: VOTING_IDS.length }),
    withStaff: fc.boolean(),
  })
  .chain(({ voting, parties, observers, weights, withStaff }) => {
    const members = [
      ...voting.map((id, index) => member(id, 'voting', weights[index] ?? 1)),
      ...parties.map((id) => member(id, 'party', 0)),
      ...observers.map((id) => member(id, 'observer', 0)),
      ...(withStaff ? [member('CHAIR', 'chair', 0), member('MISSION', 'producer', 0)] : []),
    ];
    return fc.shuffledSubarray(members, { minLength: members.length, maxLength: members.length });
  });

function rarelyMissing<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arbitrary, { nil: undefined, freq: 40 });
}

interface Leaning {
  readonly finding: Finding;
  readonly attribution: string;
}

/** A ballot that follows the round's leaning most of the time, so that decisions, ties and disputes all occur. */
function ballotArbitrary(memberId: string, attributions: readonly string[], leaning: Leaning): fc.Arbitrary<Ballot> {
  return fc
    .record({
      status: fc.oneof({ weight: 24, arbitrary: fc.constant<BallotStatus>('counted') }, { weight: 4, arbitrary: fc.constantFrom(...STATUSES) }),
      finding: rarelyMissing(fc.oneof({ weight: 2, arbitrary: fc.constant(leaning.finding) }, { weight: 1, arbitrary: fc.constantFrom(...FINDINGS) })),
      attribution: rarelyMissing(fc.oneof({ weight: 2, arbitrary: fc.constant(leaning.attribution) }, { weight: 1, arbitrary: fc.constantFrom(...attributions) })),
      confidence: rarelyMissing(fc.integer({ min: 0, max: 100 })),
      object: fc.constantFrom('1', '2', '3'),
    })
    .map(({ status, finding, attribution, confidence, object }) => ({
      member: memberId as MemberId,
      status,
      ...(finding === undefined ? {} : { finding }),
      ...(attribution === undefined ? {} : { attribution: attribution as Attribution }),
      ...(confidence === undefined ? {} : { confidence }),
      reason: `generated ${status} with object ${object}`,
      objects: [object.repeat(64) as ObjectId],
    }));
}

const ATTRIBUTIONS = ['undetermined', ...PARTY_IDS, 'AUT'] as const;
const leaningArbitrary: fc.Arbitrary<Leaning> = fc.record({ finding: fc.constantFrom(...FINDINGS), attribution: fc.constantFrom(...ATTRIBUTIONS) });

/**
 * Rounds as the resolver makes them (one ballot per assessing member, mostly counted) with the
 * faults the tally must survive: missing ballots, repeated or conflicting ones, ballots of
 * non-members and of the chair, any order.
 */
export const tallyCaseArbitrary: fc.Arbitrary<TallyCase> = tallyCases(leaningArbitrary, ruleArbitrary);

/** Rounds leaning to a violation, mostly under the rules that let a finding pass over objections: where monotonicity has something to say. */
export const violationCaseArbitrary = tallyCases(
  fc.record({ finding: fc.constant<Finding>('violation'), attribution: fc.constantFrom(...ATTRIBUTIONS) }),
  rulesWith(fc.constantFrom<DecisionMethod>('majority', 'majority', 'majority', 'consensus-minus-one', 'consensus', 'unanimity')),
);

function tallyCases(leanings: fc.Arbitrary<Leaning>, rules: fc.Arbitrary<DecisionRule>): fc.Arbitrary<TallyCase> {
  return fc
    .record({ members: membersArbitrary, rule: rules, leaning: leanings })
    .chain(({ members, rule, leaning }) => {
      const assessing = members.filter((entry) => entry.role === 'voting' || entry.role === 'party' || entry.role === 'observer');
      const anyone = [...members.map((entry) => entry.id as string), 'ZZZ'];
      const regular = assessing.map((entry) =>
        fc.oneof({ weight: 12, arbitrary: ballotArbitrary(entry.id, ATTRIBUTIONS, leaning).map((ballot) => [ballot]) }, { weight: 1, arbitrary: fc.constant([]) }),
      );
      return fc.record({
        roster: fc.constant(rosterOf(members, rule)),
        regular: fc.tuple(...regular),
        extra: fc.array(
          fc.constantFrom(...anyone).chain((id) => ballotArbitrary(id, ATTRIBUTIONS, leaning)),
          { maxLength: 2 },
        ),
        echoes: fc.array(fc.tuple(fc.nat(), fc.constantFrom('4', '5')), { maxLength: 2 }),
        phaseOpen: fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        silenceDeadline: fc.option(fc.constantFrom(...TIMES), { nil: undefined }),
        asOf: fc.constantFrom(...TIMES),
      });
    })
    .map(({ roster, regular, extra, echoes, phaseOpen, silenceDeadline, asOf }) => {
      const ballots = regular.flat();
      // The same vote again, carried by another object with another reason line.
      const echoed = ballots.length === 0 ? [] : echoes.map(([pick, object]) => echo(ballots[pick % ballots.length]!, object));
      return {
        roster,
        round: {
          incident: INCIDENT,
          round: 1,
          ...(phaseOpen ? { phase: PHASE } : {}),
          ...(silenceDeadline === undefined ? {} : { silenceDeadline }),
          ballots: [...ballots, ...extra, ...echoed],
        },
        asOf: asOf as Timestamp,
      };
    });
}

function echo(ballot: Ballot, object: string): Ballot {
  return { ...ballot, reason: `echo of ${ballot.reason} with object ${object}`, objects: [object.repeat(64) as ObjectId] };
}

function rosterOf(members: readonly RosterMember[], rule: DecisionRule): RosterPayload {
  return {
    kind: 'roster',
    commission: 'fuzz',
    version: 1,
    prev: null,
    issued: '2026-01-01T00:00:00Z' as Timestamp,
    expires: '2027-01-01T00:00:00Z' as Timestamp,
    members,
    rule,
    updateThreshold: 1,
    lineGeometry: '0'.repeat(64) as Sha256Hex,
  };
}

function tally(input: TallyCase, ballots: readonly Ballot[] = input.round.ballots): ReturnType<typeof tallyRound> {
  // A fresh roster object each time: no preparation cached from an earlier call is reused.
  return tallyRound({ ...input.roster }, { ...input.round, ballots }, input.asOf);
}

/** Never throws; lists every assessing member once, in roster order, each with a reason. */
export const neverThrows = fc.property(tallyCaseArbitrary, (input) => {
  const outcome = tally(input);
  const assessing = input.roster.members.filter((entry) => entry.role === 'voting' || entry.role === 'party' || entry.role === 'observer');
  return (
    isDeepStrictEqual(
      outcome.members.map((entry) => entry.member),
      assessing.map((entry) => entry.id),
    ) &&
    outcome.reason.length > 0 &&
    outcome.members.every((entry) => entry.reason.length > 0)
  );
});

/** The outcome does not depend on the order of the ballots. */
export const orderIndependent = fc.property(
  tallyCaseArbitrary.chain((input) => fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.round.ballots], { minLength: input.round.ballots.length, maxLength: input.round.ballots.length }))),
  ([input, shuffled]) => isDeepStrictEqual(tally(input, shuffled), tally(input)),
);

/** A party's or an observer's ballot never changes the verdict or the counts, whatever it says. */
export const recusedBallotsDoNotCount = fc.property(
  tallyCaseArbitrary.chain((input) => {
    const shown = input.roster.members.filter((entry) => entry.role === 'party' || entry.role === 'observer').map((entry) => entry.id as string);
    const extra =
      shown.length === 0
        ? fc.constant([])
        : fc.array(
            fc.tuple(fc.constantFrom(...shown), leaningArbitrary).chain(([id, leaning]) => ballotArbitrary(id, ATTRIBUTIONS, leaning)),
            { maxLength: 3 },
          );
    return fc.tuple(fc.constant(input), extra);
  }),
  ([input, extra]) => {
    const before = tally(input);
    const after = tally(input, [...input.round.ballots, ...extra]);
    return isDeepStrictEqual(after.verdict, before.verdict) && isDeepStrictEqual(after.counts, before.counts);
  },
);

/**
 * Monotonicity: when violation is decided, turning one counted voting ballot that finds otherwise
 * (or abstains) into a violation with the adopted attribution leaves the verdict as it was.
 */
export const supportIsMonotone = fc.property(
  violationCaseArbitrary.chain((input) => fc.tuple(fc.constant(input), fc.nat())),
  ([input, pick]) => {
    const before = tally(input);
    if (before.verdict.outcome !== 'decided' || before.verdict.finding !== 'violation') return true;
    const turnable = before.members.filter((entry) => entry.role === 'voting' && (entry.standing === 'counted' || entry.standing === 'abstained') && entry.finding !== 'violation');
    const target = turnable[pick % Math.max(1, turnable.length)];
    if (target === undefined) return true;
    const attribution = before.verdict.attribution;
    const ballots = input.round.ballots.map((ballot) => (ballot.member === target.member ? { ...ballot, finding: 'violation' as const, attribution } : ballot));
    return isDeepStrictEqual(tally(input, ballots).verdict, before.verdict);
  },
);

/** The verdict and every standing equal those of the naive reference tally, which enumerates every reading of the disputed ballots. */
export const matchesReference = fc.property(tallyCaseArbitrary, (input) => {
  const outcome = tally(input);
  const reference = referenceTally(input.roster, input.round, input.asOf);
  return isDeepStrictEqual(outcome.verdict, reference.verdict) && isDeepStrictEqual(Object.fromEntries(outcome.members.map((entry) => [entry.member, entry.standing])), reference.standings);
});

export const TALLY_PROPERTIES = { neverThrows, orderIndependent, recusedBallotsDoNotCount, supportIsMonotone, matchesReference } as const;

export type { PropertyRun };

/** Runs every tally property (the benchmark passes numRuns ≥ 10,000); throws fast-check's report on the first counterexample. */
export function runTallyProperties(numRuns: number, seed?: number): readonly PropertyRun[] {
  return Object.entries(TALLY_PROPERTIES).map(([name, property]) => {
    const start = performance.now();
    fc.assert(property as fc.IRawProperty<unknown>, { numRuns, ...(seed === undefined ? {} : { seed }) });
    return { name, numRuns, ms: performance.now() - start };
  });
}
