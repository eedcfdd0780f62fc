import { shortHex } from '../objects/issues';
import type { KeyId, MemberId, ObjectId } from '../objects/types';
import type { AnyVerifiedStatement, VerifiedStatement } from '../roster/verify-statement';
import { distinctById } from './author-log';

/**
 * - same-seq: one key signed two different statements with the same seq.
 * - broken-chain: one key signed a statement with seq s and another with seq s + 1 whose prev is not
 *   the first one's id (so the key also signed a different statement s, which we may not hold).
 * - double-assessment: one delegation signed two assessments for the same incident and round with
 *   the same `supersedes` (both absent, or both naming the same object): neither replaces the other.
 */
export type EquivocationKind = 'same-seq' | 'broken-chain' | 'double-assessment';

/** What the pair shows, in fields a verifier checks against the statements themselves. */
export type EquivocationClaim =
  | { readonly kind: 'same-seq'; readonly keyid: KeyId; readonly seq: number }
  | { readonly kind: 'broken-chain'; readonly keyid: KeyId; readonly seq: number }
  | { readonly kind: 'double-assessment'; readonly incident: ObjectId; readonly round: number; readonly supersedes: ObjectId | null };

export interface Equivocation {
  readonly claim: EquivocationClaim;
  readonly author: MemberId;
  /** same-seq and double-assessment: in id order; broken-chain: seq s, then seq s + 1. */
  readonly statements: readonly [AnyVerifiedStatement, AnyVerifiedStatement];
  /** One line a delegate can read. */
  readonly explanation: string;
}

export function explainEquivocation(claim: EquivocationClaim, author: MemberId, ids: readonly [ObjectId, ObjectId]): string {
  const [a, b] = ids.map(shortHex) as [string, string];
  switch (claim.kind) {
    case 'same-seq':
      return `${author} equivocated: key ${shortHex(claim.keyid)} signed two different statements with seq ${claim.seq} (${a}, ${b})`;
    case 'broken-chain':
      return `${author} equivocated: key ${shortHex(claim.keyid)} signed ${b} with seq ${claim.seq + 1} whose prev is not ${a}, its statement with seq ${claim.seq}`;
    case 'double-assessment':
      return `${author} equivocated: two assessments for incident ${shortHex(claim.incident)} round ${claim.round} (${a}, ${b}) of which neither supersedes the other`;
    default: {
      const unreachable: never = claim;
      return unreachable;
    }
  }
}

function equivocation(claim: EquivocationClaim, first: AnyVerifiedStatement, second: AnyVerifiedStatement): Equivocation {
  const author = first.member.id;
  return { claim, author, statements: [first, second], explanation: explainEquivocation(claim, author, [first.object.id, second.object.id]) };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

/** Pairs the first of each group of two or more with each of the others, so every member of the group appears in a pair. */
function pairsWithin(group: readonly AnyVerifiedStatement[]): [AnyVerifiedStatement, AnyVerifiedStatement][] {
  return group.slice(1).map((other) => [group[0]!, other]);
}

/**
 * Statements differ when their payload bytes differ. Envelopes with the same payload (a closing
 * record and its countersigned copies) are one statement, known by every copy's id; the first id
 * (ascending) stands for it.
 */
function oneStatementPerPayload(statements: readonly AnyVerifiedStatement[]): { readonly statement: AnyVerifiedStatement; readonly ids: ReadonlySet<ObjectId> }[] {
  return groupBy(statements, (statement) => `${statement.object.envelope.payloadType} ${statement.object.envelope.payload}`).map((copies) => ({
    statement: copies[0]!,
    ids: new Set(copies.map((copy) => copy.object.id)),
  }));
}

function logEquivocations(statements: readonly AnyVerifiedStatement[]): Equivocation[] {
  const found: Equivocation[] = [];
  for (const log of groupBy(oneStatementPerPayload(statements), ({ statement }) => statement.keyid)) {
    const bySeq = new Map<number, typeof log>();
    for (const entry of log) bySeq.set(entry.statement.object.payload.seq, [...(bySeq.get(entry.statement.object.payload.seq) ?? []), entry]);
    for (const [seq, group] of [...bySeq.entries()].sort(([a], [b]) => a - b)) {
      for (const [first, second] of pairsWithin(group.map((entry) => entry.statement))) found.push(equivocation({ kind: 'same-seq', keyid: first.keyid, seq }, first, second));
      const [only] = group;
      // A closing record's copies (countersigned envelopes) have several ids and a verifier may hold
      // none of the one the next statement names: its `prev` proves no fork.
      if (group.length !== 1 || only === undefined || only.statement.object.kind === 'closing') continue;
      for (const { statement: next } of bySeq.get(seq + 1) ?? []) {
        const prev = next.object.payload.prev;
        if (prev === null || !only.ids.has(prev)) found.push(equivocation({ kind: 'broken-chain', keyid: only.statement.keyid, seq }, only.statement, next));
      }
    }
  }
  return found;
}

function assessmentEquivocations(statements: readonly AnyVerifiedStatement[]): Equivocation[] {
  const assessments = statements.filter((statement): statement is VerifiedStatement<'assessment'> => statement.object.kind === 'assessment');
  const distinct = oneStatementPerPayload(assessments).map(({ statement }) => statement as VerifiedStatement<'assessment'>);
  return groupBy(distinct, ({ object: { payload } }) => `${payload.author} ${payload.body.incident} ${payload.body.round} ${payload.supersedes ?? ''}`).flatMap((group) =>
    pairsWithin(group).map(([first, second]) => {
      const { body, supersedes } = (first as VerifiedStatement<'assessment'>).object.payload;
      return equivocation({ kind: 'double-assessment', incident: body.incident, round: body.round, supersedes: supersedes ?? null }, first, second);
    }),
  );
}

/**
 * Every equivocation among verified statements: deterministic and independent of input order and
 * repetition. Two statements differ when their payload bytes differ; copies of one payload never equivocate.
 */
export function findEquivocations(statements: readonly AnyVerifiedStatement[]): readonly Equivocation[] {
  const distinct = distinctById(statements);
  return [...logEquivocations(distinct), ...assessmentEquivocations(distinct)];
}

export function equivocationIds(found: Equivocation): readonly [ObjectId, ObjectId] {
  return [found.statements[0].object.id, found.statements[1].object.id];
}
