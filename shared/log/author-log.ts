import type { AnyVerifiedStatement } from '../roster/verify-statement';
import type { KeyId, MemberId, ObjectId } from '../objects/types';

// Every device key keeps an append-only log: its statements carry seq 1, 2, 3… and prev, the id of
// the same key's statement with seq − 1 (Secure Scuttlebutt / Hypercore style). A verifier usually
// holds only part of a log (the statements of one incident), so a gap is reported, not refused.

export interface LogEntry {
  readonly id: ObjectId;
  readonly seq: number;
  readonly prev: ObjectId | null;
}

export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

export interface AuthorLog {
  readonly keyid: KeyId;
  readonly author: MemberId;
  /** Ascending seq, then id (two entries with one seq are an equivocation). */
  readonly entries: readonly LogEntry[];
  /** Sequence numbers below the highest one held for which no statement is held. */
  readonly gaps: readonly SeqRange[];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct statements in id order: the same result for any order or repetition of the input. */
export function distinctById(statements: readonly AnyVerifiedStatement[]): AnyVerifiedStatement[] {
  const byId = new Map(statements.map((statement) => [statement.object.id, statement]));
  return [...byId.values()].sort((a, b) => compareIds(a.object.id, b.object.id));
}

function gapsOf(entries: readonly LogEntry[]): SeqRange[] {
  const gaps: SeqRange[] = [];
  let expected = 1;
  for (const { seq } of entries) {
    if (seq > expected) gaps.push({ from: expected, to: seq - 1 });
    expected = Math.max(expected, seq + 1);
  }
  return gaps;
}

/** The per-key logs the statements belong to, ordered by keyid. */
export function authorLogs(statements: readonly AnyVerifiedStatement[]): readonly AuthorLog[] {
  const byKey = new Map<KeyId, AnyVerifiedStatement[]>();
  for (const statement of distinctById(statements)) {
    const list = byKey.get(statement.keyid);
    if (list === undefined) byKey.set(statement.keyid, [statement]);
    else list.push(statement);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([keyid, list]) => {
      const entries = list.map(({ object }): LogEntry => ({ id: object.id, seq: object.payload.seq, prev: object.payload.prev })).sort((a, b) => a.seq - b.seq || compareIds(a.id, b.id));
      return { keyid, author: list[0]!.member.id, entries, gaps: gapsOf(entries) };
    });
}
