import { ready } from '../../shared/crypto/sodium';
import { err, ok, type Result } from '../../shared/encoding/result';
import { objectIssue, type Issue } from '../../shared/objects/issues';
import { timestampMs } from '../../shared/objects/timestamp';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { nodeSha256 } from '../crypto/node-sha256';
import type { ReadableDb } from './database';
import { pinnedRoster } from './roster-trust';

// The roster chain of a store, verified once and kept (as TUF's trusted metadata set): a chain is
// a pure function of the pinned roster and the stored rosters, so it is recomputed only when those
// change (an import accepted a roster, another connection or process did, a rebuild). Whether the
// current roster has expired is the only part that depends on the time, and is worked out per call.

const FINGERPRINT_SQL = "SELECT coalesce((SELECT roster FROM trust), '') || ':' || coalesce((SELECT group_concat(id, ',') FROM (SELECT id FROM rosters ORDER BY id)), '')";
const STORED_ROSTERS_SQL = 'SELECT objects.body FROM rosters JOIN objects ON objects.id = rosters.id ORDER BY rosters.id';

interface Held {
  readonly fingerprint: string;
  readonly chain: Result<RosterChain, Issue>;
}

const held = new WeakMap<ReadableDb, Held>();

function fingerprintOf(db: ReadableDb): string {
  return db.prepare(FINGERPRINT_SQL).pluck().get() as string;
}

function storedRosters(db: ReadableDb): Uint8Array[] {
  return (db.prepare(STORED_ROSTERS_SQL).pluck().all() as Buffer[]).map((body) => new Uint8Array(body));
}

/** The chain with its status as of `now`: only the current roster's expiry depends on the time. */
export function chainAsOf(chain: RosterChain, now: number): RosterChain {
  const expired = now >= timestampMs(chain.current.payload.expires);
  const issues = chain.issues.filter((issue) => issue.code !== 'roster-expired');
  if (expired) issues.push(objectIssue('roster-expired', 'roster', chain.current.id, `expired at ${chain.current.payload.expires}; shown as expired, statements are still checked against it`));
  return { ...chain, status: expired ? 'expired' : 'current', issues };
}

/**
 * The store's roster chain from the pinned roster through the stored rosters; undefined while the
 * store trusts no roster. Verified once per connection and again only when the rosters change.
 */
export async function trustedRosterChain(db: ReadableDb, now: number): Promise<Result<RosterChain, Issue> | undefined> {
  const fingerprint = fingerprintOf(db);
  let entry = held.get(db);
  if (entry?.fingerprint !== fingerprint) {
    const pinned = pinnedRoster(db);
    if (pinned === undefined) return undefined;
    await ready();
    entry = { fingerprint, chain: await verifyRosterChain({ trusted: pinned.bytes, candidates: storedRosters(db), now, sha256: nodeSha256 }) };
    held.set(db, entry);
  }
  return entry.chain.ok ? ok(chainAsOf(entry.chain.value, now)) : err(entry.chain.error);
}

/**
 * The chain extended by `candidates` (rosters a pack or the user brings); the stored chain as held
 * when there are none. Rosters the chain accepts are stored by the caller, which then calls
 * `rememberChain` once they are written.
 */
export async function extendedRosterChain(db: ReadableDb, pinned: Uint8Array, candidates: readonly Uint8Array[], now: number): Promise<Result<RosterChain, Issue>> {
  if (candidates.length === 0) {
    const stored = await trustedRosterChain(db, now);
    if (stored !== undefined) return stored;
  }
  await ready();
  return verifyRosterChain({ trusted: pinned, candidates: [...storedRosters(db), ...candidates], now, sha256: nodeSha256 });
}

/** Keeps `chain` as the chain of the rosters now stored (after an import wrote the rosters it accepted). */
export function rememberChain(db: ReadableDb, chain: RosterChain): void {
  held.set(db, { fingerprint: fingerprintOf(db), chain: ok(chain) });
}
