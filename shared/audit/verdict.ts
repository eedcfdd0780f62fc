import type { Sha256 } from '../crypto/sha256';
import type { ObjectId, Timestamp } from '../objects/types';
import type { RosterChain } from '../roster/verified-roster';
import type { StatementChecker } from '../roster/verify-statement';
import { resolveRound, type RoundResolution } from '../sealing/resolve-round';
import type { TallyOutcome } from '../tally/outcome';
import { tallyRound } from '../tally/tally';

export interface VerdictInput {
  readonly chain: RosterChain;
  readonly incident: ObjectId;
  readonly round: number;
  /** Exact bytes of the objects at hand, in any order. */
  readonly objects: readonly Uint8Array[];
  readonly asOf: Timestamp;
  readonly sha256: Sha256;
  /** How each object's bytes are checked (default: every signature verified). */
  readonly check?: StatementChecker;
}

export interface RoundVerdict {
  readonly resolution: RoundResolution;
  readonly outcome: TallyOutcome;
}

/** The consensus verdict of one round: the sealing rules applied, then the current roster's decision rule. */
export async function computeVerdict(input: VerdictInput): Promise<RoundVerdict> {
  const resolution = await resolveRound(input);
  return { resolution, outcome: tallyRound(input.chain.current.payload, resolution.ballots, input.asOf) };
}

/**
 * The objects a verdict certificate holds: exactly what recomputing the verdict needs — the
 * roster chain, the incident, the phase that opened the reveal, every commitment it lists (those at
 * hand), and every object behind each member's ballot (commitments, reveals, the pairs
 * that show an equivocation).
 */
export function certificateObjectIds(chain: RosterChain, incident: ObjectId, resolution: RoundResolution): readonly ObjectId[] {
  const ids = new Set<ObjectId>(chain.rosters.map((roster) => roster.id));
  ids.add(incident);
  if (resolution.ballots.phase !== undefined) ids.add(resolution.ballots.phase);
  for (const id of resolution.listedCommitments) ids.add(id);
  for (const ballot of resolution.ballots.ballots) for (const id of ballot.objects) ids.add(id);
  return [...ids].sort();
}
