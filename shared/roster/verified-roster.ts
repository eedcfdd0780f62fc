import type { Issue } from '../objects/issues';
import type { SignedObject } from '../objects/signed-object';
import type { MemberId, ObjectId, RosterPayload } from '../objects/types';
import type { RosterIndex } from './roster-index';

/** A roster accepted into the chain. */
export interface VerifiedRoster {
  readonly id: ObjectId;
  readonly version: number;
  readonly payload: RosterPayload;
  readonly object: SignedObject<'roster'>;
  /**
   * Ids of every accepted envelope carrying this roster's payload, `id` included, sorted. A roster
   * signed by more members than its threshold can be re-enveloped by anyone (signatures dropped,
   * reordered or added) under another id; those copies are the same roster, never a fork.
   */
  readonly aliases: readonly ObjectId[];
  readonly index: RosterIndex;
  /** Members of the approving roster (the previous one; the genesis roster approves itself) whose signatures counted. Empty for a pinned roster newer than genesis, trusted as pinned. */
  readonly approvedBy: readonly MemberId[];
}

/** The rosters in force, from the pinned one to the current one, and what was refused on the way. */
export interface RosterChain {
  /**
   * The pinned roster's ancestors among the candidates, oldest first, reached through `prev` links
   * (authentic by hash, not by signatures): statements are never verified against them, but a
   * certificate may name one as the roster a round was tallied under.
   */
  readonly ancestors: readonly VerifiedRoster[];
  /** Ascending versions, each the successor of the one before; rosters[0] is the pinned roster. */
  readonly rosters: readonly VerifiedRoster[];
  /** The newest accepted roster: statements are verified against it. */
  readonly current: VerifiedRoster;
  /** 'expired' when the verification time is at or after the current roster's `expires`: shown to people, not an error. */
  readonly status: 'current' | 'expired';
  /** Rosters refused (rollback, gap, below threshold, fork…) and signatures that did not count. */
  readonly issues: readonly Issue[];
}

/** The roster of the chain (an ancestor, the pinned roster or a successor) one of whose ids is `id`. */
export function rosterOfChain(chain: RosterChain, id: ObjectId): VerifiedRoster | undefined {
  return [...chain.ancestors, ...chain.rosters].find((roster) => roster.aliases.includes(id));
}
