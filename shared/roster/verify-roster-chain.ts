import { ready } from '../crypto/sodium';
import type { Sha256 } from '../crypto/sha256';
import { err, ok, type Result } from '../encoding/result';
import { decodeObject } from '../objects/decode-object';
import { describeKey, issueAbout, objectIssue, shortHex, type Issue, type IssueCode } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import { timestampMs } from '../objects/timestamp';
import type { ObjectId } from '../objects/types';
import { indexRoster } from './roster-index';
import { rosterApproval, type RosterApproval } from './roster-signatures';
import type { RosterChain, VerifiedRoster } from './verified-roster';

// TUF-style root rotation (TUF specification §5.3.4), applied to the commission roster:
// - the pinned roster is the trust anchor; a pinned genesis (version 1) must also carry
//   signatures of its own updateThreshold distinct members;
// - roster N+1 is accepted only if its prev is an id of roster N and at least N's updateThreshold
//   distinct members of roster N signed it (a member with several keys, or a repeated signature,
//   counts once; signatures by keys roster N does not list count for nothing);
// - versions only go up by exactly one: an older roster that is not an ancestor of the pinned one
//   is a rollback and refused; two accepted successors of one roster are a fork and stop the chain;
// - "the same roster" means the same payload: envelopes differing only in their signature lists
//   (which anyone can trim, reorder or pad) are copies of one roster, known by all their ids;
// - only the newest roster's expiry matters (intermediate rosters may have expired long ago); an
//   expired current roster is a status shown to people, not a failure.

export interface RosterChainInput {
  /** The roster the caller pins: the commission's genesis roster, or a later one it already trusts. */
  readonly trusted: Uint8Array;
  /** Further rosters in any order, e.g. all a pack carries; duplicates, ancestors and strangers are fine. */
  readonly candidates?: readonly Uint8Array[];
  /** The verification time, milliseconds since the Unix epoch. */
  readonly now: number;
  readonly sha256: Sha256;
}

/** "roster v4 3f2a91c0…" */
export function describeRoster(roster: Pick<SignedObject<'roster'>, 'id' | 'payload'>): string {
  return `roster v${roster.payload.version} ${shortHex(roster.id)}`;
}

function rosterIssue(code: IssueCode, roster: SignedObject<'roster'>, text: string, field?: string): Issue {
  return issueAbout(code, describeRoster(roster), roster.id, text, field);
}

function signatureNotes(roster: SignedObject<'roster'>, approval: RosterApproval, approver: VerifiedRoster | SignedObject<'roster'>): Issue[] {
  const approverLabel = `roster v${approver.payload.version}`;
  return approval.checks.flatMap((check): Issue[] => {
    switch (check.status) {
      case 'valid':
        return [];
      case 'unknown-key':
        return [rosterIssue('unknown-key', roster, `signature by ${describeKey(check.keyid)} which ${approverLabel} does not list; not counted`)];
      case 'invalid':
        return [rosterIssue('bad-signature', roster, `signature by ${describeKey(check.keyid)} does not verify; not counted`)];
      case 'duplicate':
        return [rosterIssue('duplicate-signature', roster, `${describeKey(check.keyid)} signed more than once; counted once`)];
      default: {
        const unreachable: never = check.status;
        return unreachable;
      }
    }
  });
}

function thresholdText(approval: RosterApproval, approver: string, needed: number): string {
  const who = approval.members.length === 0 ? 'none' : approval.members.join(', ');
  return `signed by ${approval.members.length} distinct member(s) of ${approver} (${who}), needs ${needed}`;
}

function verified(object: SignedObject<'roster'>, approvedBy: RosterApproval['members']): VerifiedRoster {
  return { id: object.id, version: object.payload.version, payload: object.payload, object, aliases: [object.id], index: indexRoster(object.payload), approvedBy };
}

function withAlias(roster: VerifiedRoster, id: ObjectId): VerifiedRoster {
  return { ...roster, aliases: [...roster.aliases, id].sort() };
}

function samePayload(a: SignedObject<'roster'>, b: SignedObject<'roster'>): boolean {
  // Strict base64 has one text per byte string, so equal texts are equal payload bytes.
  return a.envelope.payload === b.envelope.payload;
}

/** One roster from its accepted copies: the copy with the most approving members (then the lowest id), knowing every copy's id. */
function oneRoster(copies: readonly VerifiedRoster[]): VerifiedRoster {
  const [chosen] = [...copies].sort((a, b) => b.approvedBy.length - a.approvedBy.length || (a.id < b.id ? -1 : 1));
  return { ...chosen!, aliases: copies.map((copy) => copy.id).sort() };
}

function byVersionThenId(a: SignedObject<'roster'>, b: SignedObject<'roster'>): number {
  return a.payload.version - b.payload.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The candidates the pinned roster descends from through `prev` links, oldest first, each with all
 * its copies. They are authentic by hash: the pinned roster names its parent's id, and so on.
 */
function ancestorsOf(pinned: SignedObject<'roster'>, candidates: readonly SignedObject<'roster'>[]): VerifiedRoster[] {
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const ancestors: VerifiedRoster[] = [];
  const seen = new Set<string>();
  for (let prev = pinned.payload.prev, below = pinned.payload.version; prev !== null;) {
    const parent = byId.get(prev);
    if (parent === undefined || parent.payload.version !== below - 1 || seen.has(parent.envelope.payload)) break;
    seen.add(parent.envelope.payload);
    const copies = candidates.filter((candidate) => samePayload(candidate, parent)).map((copy) => verified(copy, []));
    ancestors.unshift({ ...verified(parent, []), aliases: copies.map((copy) => copy.id).sort() });
    below = parent.payload.version;
    prev = parent.payload.prev;
  }
  return ancestors;
}

/** Successor check of `candidate` against the current roster; undefined when it may follow it. */
function successorProblem(candidate: SignedObject<'roster'>, current: VerifiedRoster, approval: RosterApproval): Issue | undefined {
  const currentLabel = `roster v${current.version}`;
  if (candidate.payload.prev === null || !current.aliases.includes(candidate.payload.prev)) {
    return rosterIssue('roster-prev-mismatch', candidate, `names ${shortHex(candidate.payload.prev ?? 'null')}, not the current ${currentLabel} ${shortHex(current.id)}`, 'prev');
  }
  if (candidate.payload.commission !== current.payload.commission) {
    return rosterIssue('roster-commission-mismatch', candidate, `${JSON.stringify(candidate.payload.commission)} differs from ${currentLabel}'s`, 'commission');
  }
  if (approval.members.length < current.payload.updateThreshold) {
    return rosterIssue('roster-below-threshold', candidate, thresholdText(approval, currentLabel, current.payload.updateThreshold));
  }
  return undefined;
}

async function decodeCandidates(candidates: readonly Uint8Array[], sha256: Sha256, issues: Issue[]): Promise<SignedObject<'roster'>[]> {
  const decoded = await Promise.all(candidates.map((bytes) => decodeObject(bytes, sha256)));
  const rosters = new Map<ObjectId, SignedObject<'roster'>>();
  for (const result of decoded) {
    if (!result.ok) issues.push(result.error);
    else if (result.value.kind !== 'roster') issues.push(objectIssue('payload-kind-mismatch', result.value.kind, result.value.id, 'is not a roster'));
    else rosters.set(result.value.id, result.value);
  }
  return [...rosters.values()].sort(byVersionThenId);
}

/** Verifies the roster chain from a pinned roster. Refused candidates are issues in the result; only a bad pinned roster fails the whole call. */
export async function verifyRosterChain(input: RosterChainInput): Promise<Result<RosterChain, Issue>> {
  await ready();
  const pinnedResult = await decodeObject(input.trusted, input.sha256);
  if (!pinnedResult.ok) return err(pinnedResult.error);
  const pinned = pinnedResult.value;
  if (pinned.kind !== 'roster') return err(objectIssue('payload-kind-mismatch', pinned.kind, pinned.id, 'is not a roster, so it cannot be the trusted roster'));

  const issues: Issue[] = [];
  let current: VerifiedRoster;
  if (pinned.payload.version === 1) {
    const selfIndex = indexRoster(pinned.payload);
    const approval = rosterApproval(pinned, selfIndex);
    if (approval.members.length < pinned.payload.updateThreshold) {
      return err(rosterIssue('roster-below-threshold', pinned, `genesis roster ${thresholdText(approval, 'itself', pinned.payload.updateThreshold)}`));
    }
    issues.push(...signatureNotes(pinned, approval, pinned));
    current = verified(pinned, approval.members);
  } else {
    current = verified(pinned, []);
  }
  const rosters: VerifiedRoster[] = [current];

  const candidates = (await decodeCandidates(input.candidates ?? [], input.sha256, issues)).filter((candidate) => candidate.id !== pinned.id);
  const ancestors = ancestorsOf(pinned, candidates);
  const ancestorPayloads = new Set(ancestors.map((ancestor) => ancestor.object.envelope.payload));
  let forked = false;
  for (const version of [...new Set(candidates.map((candidate) => candidate.payload.version))]) {
    const group = candidates.filter((candidate) => candidate.payload.version === version);
    if (version <= current.version) {
      for (const candidate of group) {
        if (ancestorPayloads.has(candidate.envelope.payload)) continue;
        if (samePayload(candidate, current.object)) {
          // Only the pinned roster can be current here: its copies are the roster the caller pinned.
          current = withAlias(current, candidate.id);
          rosters[rosters.length - 1] = current;
          continue;
        }
        issues.push(rosterIssue('roster-rollback', candidate, `is not newer than the accepted roster v${current.version}; rollback refused`, 'version'));
      }
      continue;
    }
    if (forked || version !== current.version + 1) {
      for (const candidate of group) {
        issues.push(rosterIssue('roster-version-gap', candidate, `does not follow the accepted roster v${current.version}: roster v${current.version + 1} is missing or was refused`, 'version'));
      }
      continue;
    }
    const accepted: VerifiedRoster[] = [];
    for (const candidate of group) {
      const approval = rosterApproval(candidate, current.index);
      issues.push(...signatureNotes(candidate, approval, current));
      const problem = successorProblem(candidate, current, approval);
      if (problem !== undefined) issues.push(problem);
      else accepted.push(verified(candidate, approval.members));
    }
    const successors = [...new Set(accepted.map((roster) => roster.object.envelope.payload))];
    if (successors.length === 1) {
      current = oneRoster(accepted);
      rosters.push(current);
    } else if (successors.length > 1) {
      forked = true;
      const ids = accepted.map((roster) => shortHex(roster.id)).join(', ');
      for (const roster of accepted) {
        issues.push(rosterIssue('roster-fork', roster.object, `roster v${current.version} approved ${successors.length} different successors (${ids}); none is accepted`));
      }
    }
  }

  const expired = input.now >= timestampMs(current.payload.expires);
  if (expired) issues.push(rosterIssue('roster-expired', current.object, `expired at ${current.payload.expires}; shown as expired, statements are still checked against it`));
  return ok({ ancestors, rosters, current, status: expired ? 'expired' : 'current', issues });
}
