import type { Attribution, DecisionRule, Finding, MemberId, RosterPayload } from '../../../shared/objects/types';
import type { Ballot, RoundBallots } from '../../../shared/tally/ballot';
import type { Standing, Verdict } from '../../../shared/tally/outcome';

/**
 * A second, deliberately naive tally written from docs/SPEC.md "Tally": BigInt fractions,
 * Date.parse for deadlines, and every reading of every disputed ballot enumerated (exponential:
 * for small rounds only). The property tests check the real tally against it.
 */
export interface ReferenceResult {
  readonly verdict: Verdict;
  readonly standings: Readonly<Record<string, Standing>>;
}

type Position = { readonly kind: 'finding'; readonly finding: Exclude<Finding, 'abstain'>; readonly attribution: Attribution } | { readonly kind: 'none' };

interface VotingEntry {
  readonly id: MemberId;
  readonly weight: number;
  readonly standing: Standing;
  readonly position?: Position;
}

export function referenceTally(roster: RosterPayload, round: RoundBallots, asOf: string): ReferenceResult {
  const seen = new Set<string>();
  const members = roster.members.filter((member) => !seen.has(member.id) && (seen.add(member.id), true));
  const assessing = members.filter((member) => member.role === 'voting' || member.role === 'party' || member.role === 'observer');
  const parties = new Set(members.filter((member) => member.role === 'party').map((member) => member.id as string));
  const rule = roster.rule;
  const silencePassed = rule.silenceProcedure && round.phase !== undefined && round.silenceDeadline !== undefined && Date.parse(asOf) > Date.parse(round.silenceDeadline);

  const standings: Record<string, Standing> = {};
  const voting: VotingEntry[] = [];
  for (const member of assessing) {
    const ballot = ballotOf(round.ballots.filter((candidate) => candidate.member === member.id));
    if (member.role === 'party') standings[member.id] = 'recused';
    else if (member.role === 'observer') standings[member.id] = 'observer';
    else {
      const entry = classify(member.id, member.weight, ballot, silencePassed, parties);
      standings[member.id] = entry.standing;
      voting.push(entry);
    }
  }

  const invalid = !ruleIsValid(rule) || voting.some((entry) => !Number.isSafeInteger(entry.weight) || entry.weight < 0);
  if (invalid) return { verdict: { outcome: 'no-consensus' }, standings };
  if (round.phase === undefined || voting.some((entry) => entry.standing === 'awaited')) return { verdict: { outcome: 'pending' }, standings };

  const disputed = voting.filter((entry) => entry.standing === 'disputed');
  const readings: Position[] = [
    { kind: 'none' },
    { kind: 'finding', finding: 'no-violation', attribution: 'undetermined' },
    { kind: 'finding', finding: 'inconclusive', attribution: 'undetermined' },
    ...[...parties, 'undetermined'].map((attribution): Position => ({ kind: 'finding', finding: 'violation', attribution: attribution as Attribution })),
  ];
  const results = new Set<string>();
  for (const assignment of assignments(disputed.length, readings.length)) {
    const entries = voting.map((entry) => {
      const index = disputed.indexOf(entry);
      return index === -1 ? entry : { ...entry, standing: 'counted' as Standing, position: readings[assignment[index]!]! };
    });
    results.add(decide(rule, entries));
  }
  if (results.size > 1) return { verdict: { outcome: 'disputed', disputedBy: disputed.map((entry) => entry.id) }, standings };
  const [result] = [...results] as [string];
  if (result === 'none') return { verdict: { outcome: 'no-consensus' }, standings };
  const [finding, attribution] = result.split(' ') as [string, string];
  if (finding === 'violation') return { verdict: { outcome: 'decided', finding: 'violation', attribution: attribution as Attribution }, standings };
  return { verdict: { outcome: 'decided', finding: finding as 'no-violation' | 'inconclusive' }, standings };
}

function ballotOf(ballots: readonly Ballot[]): Ballot | undefined {
  const first = ballots[0];
  if (first === undefined) return undefined;
  const same = ballots.every((ballot) => ballot.status === first.status && ballot.finding === first.finding && ballot.attribution === first.attribution && ballot.confidence === first.confidence);
  return same ? first : { ...first, status: 'equivocated' };
}

function classify(id: MemberId, weight: number, ballot: Ballot | undefined, silencePassed: boolean, parties: ReadonlySet<string>): VotingEntry {
  const status = ballot?.status ?? 'silent';
  if (status === 'silent' || status === 'committed') return { id, weight, standing: silencePassed ? 'silent-no-objection' : 'awaited' };
  if (status === 'unmatched-reveal' || status === 'early-reveal') return { id, weight, standing: 'not-counted', position: { kind: 'none' } };
  if (status !== 'counted') return { id, weight, standing: 'disputed' };
  const finding = ballot?.finding;
  if (finding === 'abstain') return { id, weight, standing: 'abstained', position: { kind: 'none' } };
  if (finding !== 'violation' && finding !== 'no-violation' && finding !== 'inconclusive') return { id, weight, standing: 'disputed' };
  const attribution = ballot?.attribution !== undefined && parties.has(ballot.attribution) ? ballot.attribution : 'undetermined';
  return { id, weight, standing: 'counted', position: { kind: 'finding', finding, attribution } };
}

function ruleIsValid(rule: DecisionRule): boolean {
  const share = (fraction: { numerator: number; denominator: number } | undefined): boolean =>
    fraction === undefined ||
    (Number.isSafeInteger(fraction.numerator) && Number.isSafeInteger(fraction.denominator) && fraction.denominator > 0 && fraction.numerator >= 0 && fraction.numerator <= fraction.denominator);
  return ['unanimity', 'consensus', 'consensus-minus-one', 'majority'].includes(rule.method) && share(rule.threshold) && share(rule.quorum);
}

function* assignments(slots: number, choices: number): Generator<number[]> {
  const current = new Array<number>(slots).fill(0);
  for (;;) {
    yield [...current];
    let slot = 0;
    while (slot < slots && current[slot] === choices - 1) current[slot++] = 0;
    if (slot === slots) return;
    current[slot]! += 1;
  }
}

/** "none", "no-violation -", "inconclusive -" or "violation <attribution>". */
function decide(rule: DecisionRule, entries: readonly VotingEntry[]): string {
  const held = entries.filter((entry) => entry.position?.kind === 'finding');
  const value = (entry: VotingEntry): bigint => BigInt(rule.weighted ? entry.weight : 1);
  const whole = entries.reduce((total, entry) => total + value(entry), 0n);
  const participating = held.reduce((total, entry) => total + value(entry), 0n);
  const quorum = rule.quorum;
  if (quorum !== undefined && whole > 0n && participating * BigInt(quorum.denominator) < BigInt(quorum.numerator) * whole) return 'none';
  const withoutPosition = entries.filter((entry) => entry.standing === 'abstained' || entry.standing === 'not-counted').length;
  const finding = adopt(
    rule,
    held.map((entry) => ({ value: findingOf(entry), weight: value(entry) })),
    withoutPosition,
  );
  if (finding === null) return 'none';
  if (finding !== 'violation') return `${finding} -`;
  const violationVotes = held.filter((entry) => findingOf(entry) === 'violation');
  const attribution = adopt(
    rule,
    violationVotes.map((entry) => ({ value: entry.position?.kind === 'finding' ? entry.position.attribution : 'undetermined', weight: value(entry) })),
    0,
  );
  return `violation ${attribution ?? 'undetermined'}`;
}

function findingOf(entry: VotingEntry): string {
  return entry.position?.kind === 'finding' ? entry.position.finding : 'none';
}

/** The one value the rule adopts among these votes, or null. */
function adopt(rule: DecisionRule, votes: readonly { value: string; weight: bigint }[], withoutPosition: number): string | null {
  const values = [...new Set(votes.map((vote) => vote.value))];
  const count = (value: string): number => votes.filter((vote) => vote.value === value).length;
  const weightOf = (value: string): bigint => votes.filter((vote) => vote.value === value).reduce((total, vote) => total + vote.weight, 0n);
  let qualifying: string[];
  switch (rule.method) {
    case 'unanimity':
      qualifying = values.length === 1 && withoutPosition === 0 ? values : [];
      break;
    case 'consensus':
      qualifying = values.length === 1 ? values : [];
      break;
    case 'consensus-minus-one':
      qualifying = values.filter((value) => votes.length - count(value) <= 1);
      break;
    case 'majority': {
      const threshold = rule.threshold ?? { numerator: 1, denominator: 2 };
      const total = rule.weighted ? votes.reduce((sum, vote) => sum + vote.weight, 0n) : BigInt(votes.length);
      qualifying = values.filter((value) => {
        const held = rule.weighted ? weightOf(value) : BigInt(count(value));
        const left = held * BigInt(threshold.denominator);
        const right = BigInt(threshold.numerator) * total;
        return held > 0n && ((rule.thresholdComparison ?? 'more-than') === 'more-than' ? left > right : left >= right);
      });
      break;
    }
    default:
      qualifying = [];
  }
  return qualifying.length === 1 ? qualifying[0]! : null;
}
