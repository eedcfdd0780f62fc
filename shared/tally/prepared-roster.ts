import type { Attribution, DecisionMethod, DecisionRule, Fraction, MemberId, RosterPayload } from '../objects/types';
import { exhaustive } from './exhaustive';
import { formatFraction, shareProblem } from './fraction';
import { countedViolationReasons } from './member-standing';
import type { AssessingRole } from './outcome';

/** A DecisionRule with its defaults filled in: majority is "more than 1/2" unless the roster says otherwise. */
export interface NormalizedRule {
  readonly method: DecisionMethod;
  readonly weighted: boolean;
  /** Used by majority only. */
  readonly threshold: Fraction;
  readonly comparison: 'more-than' | 'at-least';
  readonly quorum: Fraction | null;
  readonly silenceProcedure: boolean;
}

export interface PreparedMember {
  readonly id: MemberId;
  readonly role: AssessingRole;
  readonly weight: number;
}

/** What the tally needs from a roster, computed once and reused for every incident under it. */
export interface PreparedRoster {
  /** A rule the tally can apply, or one line saying why it cannot. */
  readonly rule: NormalizedRule | { readonly problem: string };
  /** The rule in words, e.g. "majority of at-least 2/3, weighted, quorum 1/2". */
  readonly ruleDescription: string;
  /** Assessing members (voting, party, observer) in roster order, each id once. */
  readonly members: readonly PreparedMember[];
  readonly indexById: ReadonlyMap<string, number>;
  /** Members that never assess (producer, chair), by id. */
  readonly nonAssessing: ReadonlyMap<string, string>;
  /** Attribution candidates: the parties in roster order, then 'undetermined' at index parties.length. */
  readonly attributionCandidates: readonly Attribution[];
  readonly attributionIndexById: ReadonlyMap<string, number>;
  /** The member line of a counted violation ballot, per attribution candidate. */
  readonly countedViolationReasons: ReadonlyMap<string, string>;
  readonly votingCount: number;
  readonly votingWeight: number;
}

export const SIMPLE_MAJORITY: Fraction = { numerator: 1, denominator: 2 };
const METHODS: readonly DecisionMethod[] = ['unanimity', 'consensus', 'consensus-minus-one', 'majority'];

export function prepareRoster(roster: RosterPayload): PreparedRoster {
  const members: PreparedMember[] = [];
  const indexById = new Map<string, number>();
  const nonAssessing = new Map<string, string>();
  const parties: MemberId[] = [];
  let votingCount = 0;
  let votingWeight = 0;
  let weightProblem: string | null = null;
  for (const member of roster.members) {
    // A valid roster lists each id once; should one repeat, its first entry is the member.
    if (indexById.has(member.id) || nonAssessing.has(member.id)) continue;
    const role = member.role;
    if (role === 'producer' || role === 'chair') {
      nonAssessing.set(member.id, role);
      continue;
    }
    indexById.set(member.id, members.length);
    members.push({ id: member.id, role, weight: member.weight });
    if (role === 'party') parties.push(member.id);
    if (role === 'voting') {
      votingCount += 1;
      votingWeight += member.weight;
      if (weightProblem === null && !(Number.isSafeInteger(member.weight) && member.weight >= 0)) {
        weightProblem = `the weight of ${member.id} is not an integer ≥ 0`;
      }
    }
  }
  if (weightProblem === null && !Number.isSafeInteger(votingWeight)) weightProblem = 'the voting weights add up past 2^53';
  const attributionCandidates: Attribution[] = [...parties, 'undetermined'];
  const attributionIndexById = new Map<string, number>(parties.map((id, index) => [id, index]));
  const rule = weightProblem === null ? normalizeRule(roster.rule) : { problem: weightProblem };
  return {
    rule,
    ruleDescription: 'problem' in rule ? rule.problem : describeRule(rule),
    members,
    indexById,
    nonAssessing,
    attributionCandidates,
    attributionIndexById,
    countedViolationReasons: countedViolationReasons(attributionCandidates),
    votingCount,
    votingWeight,
  };
}

/** The rule with its defaults, or why it cannot be applied. */
export function normalizeRule(rule: DecisionRule): NormalizedRule | { readonly problem: string } {
  if (!METHODS.includes(rule.method)) return { problem: `unknown decision method ${String(rule.method)}` };
  const threshold = rule.threshold ?? SIMPLE_MAJORITY;
  const thresholdProblem = shareProblem(threshold);
  if (thresholdProblem !== null) return { problem: `threshold ${thresholdProblem}` };
  const quorum = rule.quorum ?? null;
  const quorumProblem = quorum === null ? null : shareProblem(quorum);
  if (quorumProblem !== null) return { problem: `quorum ${quorumProblem}` };
  const comparison = rule.thresholdComparison ?? 'more-than';
  if (comparison !== 'more-than' && comparison !== 'at-least') {
    return { problem: `unknown threshold comparison ${String(comparison)}` };
  }
  return { method: rule.method, weighted: rule.weighted === true, threshold, comparison, quorum, silenceProcedure: rule.silenceProcedure === true };
}

export function describeRule(rule: NormalizedRule): string {
  const weighted = rule.weighted ? ', weighted' : '';
  const quorum = rule.quorum === null ? '' : `, quorum ${formatFraction(rule.quorum)}`;
  const silence = rule.silenceProcedure ? ', silence procedure' : '';
  switch (rule.method) {
    case 'unanimity':
    case 'consensus':
    case 'consensus-minus-one':
      return `${rule.method}${weighted}${quorum}${silence}`;
    case 'majority':
      return `majority of ${rule.comparison === 'more-than' ? 'more than' : 'at least'} ${formatFraction(rule.threshold)}${weighted}${quorum}${silence}`;
    default:
      return exhaustive(rule.method, String(rule.method));
  }
}
