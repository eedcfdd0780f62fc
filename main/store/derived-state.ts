import { planClosing } from '../../shared/audit/closing-record';
import { computeVerdict } from '../../shared/audit/verdict';
import { currentRound, roundsHeld, type RoundState } from '../../shared/commission/current-round';
import { outcomeClassOf, outcomeRank } from '../../shared/commission/incident-list';
import { roundFinality } from '../../shared/commission/round-finality';
import type { RoundFinality } from '../../shared/commission/views';
import { formatTimestamp, parseTimestamp, timestampMs } from '../../shared/objects/timestamp';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import type { AnyVerifiedStatement, VerifiedStatement } from '../../shared/roster/verify-statement';
import { roundOf, type RoundResolution } from '../../shared/sealing/resolve-round';
import type { TallyOutcome } from '../../shared/tally/outcome';
import { nodeSha256 } from '../crypto/node-sha256';
import type { ReadableDb, WritableDb } from './database';
import { StoreReader } from './store-reader';
import { StoredStatements } from './stored-statements';

// The derived state is a pure function of the stored objects, the roster chain and the time: an
// incident's rows are computed from its own stored objects and its rounds' key neighbours, exactly
// as `truceline tally` computes a round from packs. They are written when objects arrive (for the
// incidents an import touched), by a rebuild (for all), and when a tally's time comes (a silence
// deadline passing, `next_change_at`). Each write replaces every row of the incident.

/** The incidents whose derived rows an import can change (the SQL of `incidentsTouchedByImport`). */
export const TOUCHED_SQL = `
  SELECT lower(hex(round_objects.incident)) AS incident FROM objects AS added
    JOIN statements AS own ON own.id = unhex(added.id)
    JOIN statements AS neighbour ON neighbour.keyid = own.keyid AND neighbour.seq BETWEEN own.seq - 1 AND own.seq + 1
    JOIN round_objects ON round_objects.object = neighbour.id
    WHERE added.import_id = @importId
  UNION SELECT id FROM objects WHERE import_id = @importId AND kind = 'incident'
  UNION SELECT incident_evidence.incident FROM objects AS added JOIN incident_evidence ON incident_evidence.sha256 = added.id WHERE added.import_id = @importId AND added.kind = 'chunk'
  UNION SELECT incident FROM round_tallies WHERE finality = 'closing-refused'
  UNION SELECT incident FROM round_tallies WHERE next_change_at <= @now`;

export const DUE_SQL = 'SELECT incident FROM round_tallies WHERE next_change_at <= ?';

function prepare(db: WritableDb) {
  return {
    incidentBody: db.prepare('SELECT body FROM objects WHERE id = ? AND kind = ?').pluck(),
    rounds: db.prepare('SELECT DISTINCT round FROM round_objects WHERE incident = unhex(?)').pluck(),
    evidencePresent: db.prepare("SELECT count(*) FROM incident_evidence JOIN objects ON objects.id = incident_evidence.sha256 AND objects.kind = 'chunk' WHERE incident_evidence.incident = ?").pluck(),
    deletes: ['incident_state', 'round_tallies', 'round_awaited', 'member_standings', 'equivocations', 'round_participants'].map((table) => db.prepare(`DELETE FROM ${table} WHERE incident = ?`)),
    insertState: db.prepare(
      `INSERT INTO incident_state (incident, verified, problem, incident_number, category, summary, window_start, window_end, start_ms, end_ms, lon_e6, lat_e6, uncertainty_m, chainage_m, producer,
        evidence_listed, evidence_present, current_round, outcome_class, outcome_rank, finality, phase_open, commitments, closable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertTally: db.prepare(
      `INSERT INTO round_tallies (incident, round, roster, outcome, finding, attribution, disputed_by, reason, counts, finality, finality_reason, closed_by, closed_at, countersigned_by, voting_members, next_change_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAwaited: db.prepare('INSERT INTO round_awaited (member, incident, round) VALUES (?, ?, ?)'),
    insertStanding: db.prepare('INSERT INTO member_standings (incident, round, member, standing) VALUES (?, ?, ?, ?)'),
    insertEquivocation: db.prepare('INSERT OR IGNORE INTO equivocations (incident, round, member, first, second, claim) VALUES (?, ?, ?, ?, ?, ?)'),
    insertParticipant: db.prepare('INSERT INTO round_participants (member, incident, round, signed) VALUES (?, ?, ?, ?)'),
    rolesRoster: db.prepare('SELECT roster FROM roster_roles LIMIT 1').pluck(),
    deleteRoles: db.prepare('DELETE FROM roster_roles'),
    insertRole: db.prepare('INSERT INTO roster_roles (member, role, roster) VALUES (?, ?, ?)'),
  };
}

/** What a delegation signed in a round, as participationOf reads it: a reveal, else a commitment the binding phase lists, else only commitments it does not list (or there is no phase). */
export type Signed = 'committed' | 'listed' | 'revealed';

interface RoundSigners {
  readonly signed: ReadonlyMap<MemberId, Signed>;
  /** Members of the roster with a commitment in the round: the commitments opening the reveal would list, one per delegation. */
  readonly committed: number;
}

/** Who signed what in one round, from the verified statements of the incident's rounds. */
export function roundSigners(statements: readonly AnyVerifiedStatement[], incident: ObjectId, round: number, resolution: RoundResolution, members: ReadonlySet<MemberId>): RoundSigners {
  const inRound = statements.filter((s) => {
    const of = roundOf(s.object);
    return of?.incident === incident && of.round === round;
  });
  const phase = inRound.find((s) => s.object.kind === 'phase' && s.object.id === resolution.ballots.phase);
  const listed = new Set<ObjectId>([...resolution.listedCommitments, ...(phase?.object.kind === 'phase' ? phase.object.payload.commitments : [])]);
  const signed = new Map<MemberId, Signed>();
  const committed = new Set<MemberId>();
  const rank: Readonly<Record<Signed, number>> = { committed: 0, listed: 1, revealed: 2 };
  const note = (member: MemberId, what: Signed) => {
    const known = signed.get(member);
    if (known === undefined || rank[what] > rank[known]) signed.set(member, what);
  };
  for (const { object } of inRound) {
    if (object.kind === 'assessment') note(object.payload.body.delegation, 'revealed');
    else if (object.kind === 'commitment') {
      note(object.payload.delegation, listed.has(object.id) ? 'listed' : 'committed');
      if (members.has(object.payload.delegation)) committed.add(object.payload.delegation);
    }
  }
  return { signed, committed: committed.size };
}

interface DerivedRound {
  readonly round: number;
  readonly resolution: RoundResolution;
  readonly tally: TallyOutcome;
  readonly finality: RoundFinality;
  readonly nextChangeAt: number | null;
  readonly signers: RoundSigners;
  /** The chair may close the round now (planClosing allows it). */
  readonly closable: boolean;
}

/** Writes the derived rows of the incidents; every existing row of each is replaced. Runs inside the caller's write transaction. */
export class DerivedStateWriter {
  private readonly sql: ReturnType<typeof prepare>;
  private readonly reader: StoreReader;
  private readonly members: ReadonlySet<MemberId>;
  private rolesWritten = false;
  constructor(
    private readonly db: WritableDb,
    private readonly chain: RosterChain,
    private readonly now: number,
    /** What decoded the store's objects so far (an import hands over what it verified). */
    private readonly stored: StoredStatements = new StoredStatements(),
  ) {
    this.sql = prepare(db);
    this.reader = new StoreReader(db);
    this.members = new Set(chain.current.payload.members.map((member) => member.id));
  }

  async deriveIncidents(ids: Iterable<ObjectId>): Promise<number> {
    let count = 0;
    for (const id of ids) {
      await this.deriveIncident(id);
      count += 1;
    }
    return count;
  }

  async deriveIncident(id: ObjectId): Promise<void> {
    this.writeRosterRoles();
    for (const remove of this.sql.deletes) remove.run(id);
    const body = this.sql.incidentBody.get(id, 'incident') as Buffer | undefined;
    if (body === undefined) return;
    const checked = await this.stored.check(new Uint8Array(body), this.chain);
    const object = checked.ok ? checked.statement.object : checked.object;
    if (object?.kind !== 'incident') return;
    const payload = object.payload;
    let shown: DerivedRound | undefined;
    if (checked.ok) {
      const incident = checked.statement as VerifiedStatement<'incident'>;
      const objects = this.stored.bodies(this.reader.roundObjectIdsWithKeyNeighbours(id), (object) => this.reader.signedBody(object));
      const statements = (await Promise.all(objects.map((bytes) => this.stored.check(bytes, this.chain)))).flatMap((c) => (c.ok ? [c.statement] : []));
      const derived = new Map<number, DerivedRound>();
      const deriveOnce = async (round: number): Promise<DerivedRound> => {
        const known = derived.get(round);
        if (known !== undefined) return known;
        const made = await this.deriveRound(incident, round, objects, statements);
        derived.set(round, made);
        return made;
      };
      for (const round of this.sql.rounds.all(id) as number[]) await deriveOnce(round);
      // Every stored round is derived; the current one too, which holds nothing yet when the round before it closed without a decision.
      const highest = roundsHeld(statements, id).at(-1);
      shown = await deriveOnce(currentRound(highest === undefined ? undefined : roundState(await deriveOnce(highest))));
      for (const round of [...derived.keys()].sort((a, b) => a - b)) this.writeRound(id, derived.get(round)!);
    }
    const outcome = shown ? outcomeClassOf(shown.tally.verdict) : 'pending';
    this.sql.insertState.run(
      id,
      checked.ok ? 1 : 0,
      checked.ok ? null : checked.issue.message,
      payload.incident,
      payload.category,
      payload.summary,
      payload.window.start,
      payload.window.end,
      timestampMs(payload.window.start),
      timestampMs(payload.window.end),
      payload.location.lonE6,
      payload.location.latE6,
      payload.location.uncertaintyM,
      payload.chainageM,
      payload.author,
      payload.evidence.length,
      this.sql.evidencePresent.get(id) as number,
      shown?.round ?? 1,
      outcome,
      outcomeRank(outcome),
      shown?.finality.status ?? 'provisional',
      shown?.resolution.ballots.phase === undefined ? 0 : 1,
      shown?.signers.committed ?? 0,
      shown?.closable ? 1 : 0,
    );
  }

  /** The roles of the current roster, once per writer: the queue reads the acting member's role from them. */
  private writeRosterRoles(): void {
    if (this.rolesWritten) return;
    this.rolesWritten = true;
    const roster = this.chain.current;
    if (this.sql.rolesRoster.get() === roster.id) return;
    this.sql.deleteRoles.run();
    for (const member of roster.payload.members) this.sql.insertRole.run(member.id, member.role, roster.id);
  }

  private async deriveRound(incident: VerifiedStatement<'incident'>, round: number, objects: readonly Uint8Array[], statements: readonly AnyVerifiedStatement[]): Promise<DerivedRound> {
    const asOf = formatTimestamp(this.now);
    const check = this.stored.check;
    const { resolution, outcome } = await computeVerdict({ chain: this.chain, incident: incident.object.id, round, objects, asOf, sha256: nodeSha256, check });
    const finality = await roundFinality({ chain: this.chain, incident, round, objects, tally: outcome, stored: (ids) => this.reader.statementBodies(ids), sha256: nodeSha256, check });
    const signers = roundSigners(statements, incident.object.id, round, resolution, this.members);
    // Only whether closing is allowed is read here, never the record's content.
    const closable = resolution.ballots.phase !== undefined && planClosing(this.chain.current, resolution, outcome, () => false, []).ok;
    return { round, resolution, tally: outcome, finality, nextChangeAt: nextChange(resolution, this.now), signers, closable };
  }

  private writeRound(incident: ObjectId, { round, resolution, tally, finality, nextChangeAt, signers }: DerivedRound): void {
    const verdict = tally.verdict;
    const finding = verdict.outcome === 'decided' ? verdict.finding : null;
    const attribution = verdict.outcome === 'decided' && verdict.finding === 'violation' ? verdict.attribution : null;
    const disputedBy = verdict.outcome === 'disputed' ? JSON.stringify(verdict.disputedBy) : null;
    const final = finality.status === 'final' ? finality : undefined;
    this.sql.insertTally.run(
      incident,
      round,
      this.chain.current.id,
      verdict.outcome,
      finding,
      attribution,
      disputedBy,
      tally.reason,
      JSON.stringify(tally.counts),
      finality.status,
      finality.status === 'closing-refused' ? finality.reason : null,
      final?.closedBy ?? null,
      final?.closedAt ?? null,
      final ? JSON.stringify(final.countersignedBy) : null,
      final?.votingMembers ?? null,
      nextChangeAt,
    );
    for (const member of tally.members) {
      this.sql.insertStanding.run(incident, round, member.member, member.standing);
      if (member.standing === 'awaited' && finality.status !== 'final') this.sql.insertAwaited.run(member.member, incident, round);
    }
    for (const equivocation of resolution.equivocations) {
      const [first, second] = equivocation.statements;
      this.sql.insertEquivocation.run(incident, round, equivocation.author, first.object.id, second.object.id, JSON.stringify(equivocation.claim));
    }
    for (const [member, signed] of signers.signed) this.sql.insertParticipant.run(member, incident, round, signed);
  }
}

function roundState({ round, tally, finality }: DerivedRound): RoundState {
  return { round, outcome: tally.verdict.outcome, finality: finality.status };
}

/** The first instant after `now` at which the round's tally changes with time alone: just after its silence deadline. */
function nextChange(resolution: RoundResolution, now: number): number | null {
  const { phase, silenceDeadline } = resolution.ballots;
  if (phase === undefined || silenceDeadline === undefined) return null;
  const deadline = parseTimestamp(silenceDeadline);
  return deadline !== undefined && deadline >= now ? deadline + 1 : null;
}

/** The incidents whose rows an import changed: those it added, those whose rounds (or their keys' neighbours) gained objects, those whose evidence arrived, rounds whose closing was refused (a named object may have come), and rounds whose time has come. */
export function incidentsTouchedByImport(db: ReadableDb, importId: number, now: number): ObjectId[] {
  return db.prepare(`SELECT touched.incident FROM (${TOUCHED_SQL}) AS touched LEFT JOIN incidents ON incidents.id = touched.incident ${IN_LOG_ORDER}`).pluck().all({ importId, now }) as ObjectId[];
}

/** Incidents in the order they were reported, so that consecutive ones share their assessors' key neighbours (decoded once). */
const IN_LOG_ORDER = 'ORDER BY incidents.window_start, incidents.id';

export function importAddedRoster(db: ReadableDb, importId: number): boolean {
  return db.prepare("SELECT 1 FROM objects WHERE import_id = ? AND kind = 'roster' LIMIT 1").pluck().get(importId) !== undefined;
}

export function allIncidents(db: ReadableDb): ObjectId[] {
  return db.prepare(`SELECT id FROM incidents ${IN_LOG_ORDER}`).pluck().all() as ObjectId[];
}

/** Incidents with a round whose tally changes with time at or before `now`. */
export function incidentsDue(db: ReadableDb, now: number): ObjectId[] {
  return [...new Set(db.prepare(DUE_SQL).pluck().all(now) as ObjectId[])];
}

/** After an import's objects are written, in its transaction: every incident when it brought a roster (the chain changed), else those it touched. */
export async function deriveAfterImport(db: WritableDb, importId: number, chain: RosterChain, now: number, stored?: StoredStatements): Promise<number> {
  const ids = importAddedRoster(db, importId) ? allIncidents(db) : incidentsTouchedByImport(db, importId, now);
  return new DerivedStateWriter(db, chain, now, stored).deriveIncidents(ids);
}

/** Stored incidents with no derived row (a store written before the derived state existed). */
export function incidentsNotDerived(db: ReadableDb): ObjectId[] {
  return db.prepare('SELECT id FROM incidents WHERE NOT EXISTS (SELECT 1 FROM incident_state WHERE incident_state.incident = incidents.id) ORDER BY id').pluck().all() as ObjectId[];
}
