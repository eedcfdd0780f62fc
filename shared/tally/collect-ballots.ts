import type { MemberId, ObjectId } from '../objects/types';
import type { Ballot } from './ballot';
import type { IgnoredBallot } from './outcome';
import type { PreparedRoster } from './prepared-roster';

export interface CollectedBallots {
  /** One ballot per assessing member, by the member's index in PreparedRoster.members; undefined: none. */
  readonly byMember: readonly (Ballot | undefined)[];
  /** Sorted by member id. */
  readonly ignored: readonly IgnoredBallot[];
}

/**
 * Places each ballot with its member, each member once. Several ballots for one member become one:
 * the same vote given twice stays that vote; votes that differ become an equivocation. The result
 * does not depend on the order of the ballots.
 */
export function collectBallots(prepared: PreparedRoster, ballots: readonly Ballot[]): CollectedBallots {
  const byMember = new Array<Ballot | undefined>(prepared.members.length);
  let repeated: Map<number, Ballot[]> | null = null;
  let ignored: IgnoredBallot[] | null = null;
  const members = prepared.members;
  for (let position = 0; position < ballots.length; position += 1) {
    const ballot = ballots[position]!;
    // The round resolver lists ballots in roster order: try the same position before the map.
    const index = members[position]?.id === ballot.member ? position : prepared.indexById.get(ballot.member);
    if (index === undefined) {
      ignored ??= [];
      ignored.push({ member: ballot.member, reason: ignoredReason(prepared, ballot.member) });
      continue;
    }
    const placed = byMember[index];
    if (placed === undefined) {
      byMember[index] = ballot;
      continue;
    }
    repeated ??= new Map();
    const group = repeated.get(index);
    if (group === undefined) repeated.set(index, [placed, ballot]);
    else group.push(ballot);
  }
  if (repeated !== null) {
    for (const [index, group] of repeated) byMember[index] = mergeBallots(group);
  }
  return { byMember, ignored: ignored === null ? NONE_IGNORED : sortIgnored(ignored) };
}

const NONE_IGNORED: readonly IgnoredBallot[] = Object.freeze([]);

function ignoredReason(prepared: PreparedRoster, member: MemberId): string {
  const role = prepared.nonAssessing.get(member);
  return role === undefined ? 'not a member of this roster' : `the ${role} does not assess incidents`;
}

function sortIgnored(ignored: IgnoredBallot[]): readonly IgnoredBallot[] {
  const unique = new Map<string, IgnoredBallot>();
  for (const entry of ignored) unique.set(entry.member, entry);
  return [...unique.values()].sort((a, b) => compareText(a.member, b.member));
}

function mergeBallots(group: readonly Ballot[]): Ballot {
  const first = group[0]!;
  const objects = unionSorted(group.map((ballot) => ballot.objects));
  if (group.every((ballot) => sameVote(ballot, first))) {
    const reason = group.map((ballot) => ballot.reason).sort(compareText)[0]!;
    return { ...first, reason, objects };
  }
  return {
    member: first.member,
    status: 'equivocated',
    reason: `the round holds ${group.length} conflicting ballots for this member`,
    objects,
  };
}

function sameVote(a: Ballot, b: Ballot): boolean {
  return a.status === b.status && a.finding === b.finding && a.attribution === b.attribution && a.confidence === b.confidence;
}

function unionSorted(lists: readonly (readonly ObjectId[])[]): readonly ObjectId[] {
  return [...new Set(lists.flat())].sort(compareText);
}

/** Code-unit order, the same in every runtime and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
