import { computeVerdict } from '../../shared/audit/verdict';
import { currentRound, roundsHeld } from '../../shared/commission/current-round';
import { DEFAULT_INCIDENT_QUERY, MAX_PAGE_ROWS, type IncidentPage, type IncidentQuery } from '../../shared/commission/incident-list';
import { roundFinality } from '../../shared/commission/round-finality';
import type { CommissionView, IncidentDetail, IncidentSummary, OutcomeSummary, RoundFinality, RoundSummary } from '../../shared/commission/views';
import type { Sha256 } from '../../shared/crypto/sha256';
import { ready } from '../../shared/crypto/sodium';
import type { Result } from '../../shared/encoding/result';
import { NotFoundError, UnavailableError } from '../../shared/ipc/errors';
import type { Issue } from '../../shared/objects/issues';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { checkStatementBytes, type AnyVerifiedStatement, type VerifiedStatement } from '../../shared/roster/verify-statement';
import { closesRound } from '../../shared/audit/closing-record';
import { participationOf, type LocalRoundState, type MyRoundView } from '../../shared/commission/participation';
import type { RoundResolution } from '../../shared/sealing/resolve-round';
import type { TallyOutcome } from '../../shared/tally/outcome';

/**
 * What the commission service reads from the store: the trusted roster chain, the derived state
 * (what the queue and header show), and the exact bytes of one incident's objects for its detail.
 */
export interface CommissionSource {
  /** Undefined while the store trusts no roster. */
  trustedChain(now: number): Promise<Result<RosterChain, Issue> | undefined>;
  /** Derives again what changed with time alone (a silence deadline passed) or was never derived. */
  refresh(chain: RosterChain, now: number): Promise<void>;
  incidentPage(query: IncidentQuery, actingAs: MemberId | null): IncidentPage;
  /** The derived summary of a verified incident; undefined when the store holds none with this id. */
  derivedIncident(id: ObjectId): IncidentSummary | undefined;
  incidentBytes(id: ObjectId): Uint8Array | undefined;
  /** Every commitment, phase and assessment stored for an incident (all rounds), and the statements that can expose their authors' equivocations. */
  roundObjects(incident: ObjectId): readonly Uint8Array[];
  /** The stored bytes of the signed objects among `ids`; ids not stored are left out. */
  statements(ids: readonly ObjectId[]): readonly Uint8Array[];
  chunkPresent(sha256: string): boolean;
  counts(): CommissionView['store'];
  /** What only this workstation knows of the delegation's round: drafts, sealed bodies, looks at others' findings. */
  localRound(member: MemberId, incident: ObjectId, round: number): LocalRoundState;
  actingAs(): MemberId | null;
  isDemo(): boolean;
}

/** The commission cannot be shown at all (no roster installed, the pinned roster does not verify). */
export class CommissionUnavailableError extends UnavailableError {
  override readonly name = 'CommissionUnavailableError';
}

/**
 * The commission as the workstation shows it. The queue and the header read the derived state the
 * store wrote when the objects arrived (verified then); the detail of one incident verifies that
 * incident's objects again from their stored bytes and says so loudly when the derived state differs.
 */
export class CommissionService {
  constructor(
    private readonly source: CommissionSource,
    private readonly sha256: Sha256,
    private readonly now: () => number = Date.now,
  ) {}

  private chain(now: number): Promise<RosterChain> {
    return requireTrustedChain(this.source, now);
  }

  private async current(): Promise<{ readonly chain: RosterChain; readonly now: number }> {
    const now = this.now();
    const chain = await this.chain(now);
    await this.source.refresh(chain, now);
    return { chain, now };
  }

  async commission(): Promise<CommissionView> {
    const chain = await this.chain(this.now());
    const roster = chain.current.payload;
    const acting = this.source.actingAs();
    const member = roster.members.find((m) => m.id === acting);
    return {
      commission: roster.commission,
      roster: { id: chain.current.id, version: chain.current.version, status: chain.status, expires: roster.expires },
      members: roster.members.map(({ id, name, role }) => ({ id, name, role })),
      actingAs: member ? { member: member.id, name: member.name } : null,
      demo: this.source.isDemo(),
      store: this.source.counts(),
    };
  }

  /** One page of the queue, its total and the counts per filter value, from the derived state. */
  async listIncidents(query: IncidentQuery): Promise<IncidentPage> {
    await this.current();
    return this.source.incidentPage(query, this.source.actingAs());
  }

  /** Every verified incident, oldest first (tests and tools; the screen asks for pages). */
  async incidents(): Promise<IncidentSummary[]> {
    const all: IncidentSummary[] = [];
    for (let offset = 0; ; offset += MAX_PAGE_ROWS) {
      const page = await this.listIncidents({ ...DEFAULT_INCIDENT_QUERY, sort: 'time-asc', offset, limit: MAX_PAGE_ROWS });
      all.push(...page.items);
      if (page.items.length < MAX_PAGE_ROWS) return all;
    }
  }

  async incident(id: ObjectId): Promise<IncidentDetail> {
    const { chain, now } = await this.current();
    const stored = await verifyStoredIncident(this.source, chain, id, this.sha256);
    if (!stored.ok) throw new NotFoundError(`incident ${id.slice(0, 8)}… is not a verified incident of this store`);
    const statement = stored.statement;
    const { current, earlier } = await this.rounds(chain, statement, now);
    const payload = statement.object.payload;
    const summary = summaryOf(statement, current, this.source);
    return {
      ...summary,
      observations: payload.observations,
      evidenceList: payload.evidence.map((e) => ({ ...e, present: this.source.chunkPresent(e.sha256) })),
      created: payload.created,
      tally: current.tally,
      storeMismatch: mismatch(summary, this.source.derivedIncident(id)),
      participation: current.participation,
      rounds: earlier.map(roundSummary),
    };
  }

  /**
   * Every round of the incident that holds a statement, tallied as of now over every stored object
   * with whether a closing record makes it final; the current round (which may hold nothing yet)
   * with the acting delegation's place in it, and the rounds before it.
   */
  private async rounds(chain: RosterChain, incident: VerifiedStatement<'incident'>, now: number): Promise<{ readonly current: Round; readonly earlier: readonly Tallied[] }> {
    const objects = this.source.roundObjects(incident.object.id);
    const statements: AnyVerifiedStatement[] = [];
    for (const bytes of objects) {
      const checked = await checkStatementBytes(bytes, chain, this.sha256);
      if (checked.ok) statements.push(checked.statement);
    }
    const held = roundsHeld(statements, incident.object.id);
    const tallied = new Map<number, Tallied>();
    for (const round of held) tallied.set(round, await this.tallied(chain, incident, round, objects, now));
    const highest = held.length === 0 ? undefined : tallied.get(held.at(-1)!)!;
    const round = currentRound(highest && { round: highest.tally.round, outcome: highest.tally.verdict.outcome, finality: highest.finality.status });
    const shown = tallied.get(round) ?? (await this.tallied(chain, incident, round, objects, now));
    const participation = await this.participation(chain, incident.object.id, round, statements, shown);
    return { current: { ...shown, participation }, earlier: held.filter((r) => r < round).map((r) => tallied.get(r)!) };
  }

  /** One round's tally as of now over every stored object, and whether a closing record makes it final. */
  private async tallied(chain: RosterChain, incident: VerifiedStatement<'incident'>, round: number, objects: readonly Uint8Array[], now: number): Promise<Tallied> {
    const { outcome, resolution } = await computeVerdict({ chain, incident: incident.object.id, round, objects, asOf: formatTimestamp(now), sha256: this.sha256 });
    const finality = await roundFinality({ chain, incident, round, objects, tally: outcome, stored: (ids) => this.source.statements(ids), sha256: this.sha256 });
    return { tally: outcome, resolution, finality };
  }

  /** The acting delegation's place in the round, from the incident's verified statements and this workstation's own files. */
  private async participation(chain: RosterChain, incident: ObjectId, round: number, statements: readonly AnyVerifiedStatement[], { resolution, tally }: Tallied): Promise<MyRoundView | null> {
    const member = this.source.actingAs();
    if (member === null || !chain.current.index.members.has(member)) return null;
    const closed = statements.some((s) => closesRound(s.object, incident, round));
    return participationOf({ chain, incident, round, member, statements, resolution, tally, closed, local: this.source.localRound(member, incident, round) });
  }
}

/** The store's trusted roster chain as of `now`, or CommissionUnavailableError saying why there is none. */
export async function requireTrustedChain(source: Pick<CommissionSource, 'trustedChain'>, now: number): Promise<RosterChain> {
  const result = await source.trustedChain(now);
  if (result === undefined) throw new CommissionUnavailableError('no commission roster is installed yet');
  if (!result.ok) throw new CommissionUnavailableError(`the pinned roster does not verify: ${result.error.message}`);
  return result.value;
}

export type StoredIncident =
  | { readonly ok: true; readonly statement: VerifiedStatement<'incident'> }
  | { readonly ok: false; readonly stored: false }
  /** Stored bytes under this id that are not a verified incident against the chain: `reason` says why. */
  | { readonly ok: false; readonly stored: true; readonly reason: string };

/** One incident verified again from its stored bytes against the chain, never from the derived state. */
export async function verifyStoredIncident(source: Pick<CommissionSource, 'incidentBytes'>, chain: RosterChain, id: ObjectId, sha256: Sha256): Promise<StoredIncident> {
  const bytes = source.incidentBytes(id);
  if (bytes === undefined) return { ok: false, stored: false };
  await ready();
  const checked = await checkStatementBytes(bytes, chain, sha256);
  if (!checked.ok) return { ok: false, stored: true, reason: checked.issue.message };
  if (checked.id !== id) return { ok: false, stored: true, reason: `its stored bytes are object ${checked.id.slice(0, 12)}…, not this id` };
  if (checked.statement.object.kind !== 'incident') return { ok: false, stored: true, reason: `its stored bytes are a ${checked.statement.object.kind}, not an incident` };
  return { ok: true, statement: checked.statement as VerifiedStatement<'incident'> };
}

interface Tallied {
  readonly tally: TallyOutcome;
  readonly resolution: RoundResolution;
  readonly finality: RoundFinality;
}

interface Round extends Tallied {
  readonly participation: MyRoundView | null;
}

function outcomeSummary(tally: TallyOutcome): OutcomeSummary {
  const verdict = tally.verdict;
  const base = { round: tally.round, outcome: verdict.outcome, reason: tally.reason };
  if (verdict.outcome !== 'decided') return base;
  return verdict.finding === 'violation' ? { ...base, finding: verdict.finding, attribution: verdict.attribution } : { ...base, finding: verdict.finding };
}

function roundSummary({ tally, finality }: Tallied): RoundSummary {
  return { round: tally.round, outcome: outcomeSummary(tally), finality };
}

function summaryOf(statement: VerifiedStatement<'incident'>, round: Round, source: CommissionSource): IncidentSummary {
  const p = statement.object.payload;
  return {
    id: statement.object.id,
    number: p.incident,
    category: p.category,
    summary: p.summary,
    windowStart: p.window.start,
    windowEnd: p.window.end,
    lon: p.location.lonE6 / 1e6,
    lat: p.location.latE6 / 1e6,
    uncertaintyM: p.location.uncertaintyM,
    chainageKm: p.chainageM / 1000,
    producer: p.author,
    evidence: { listed: p.evidence.length, present: p.evidence.filter((e) => source.chunkPresent(e.sha256)).length },
    outcome: outcomeSummary(round.tally),
    finality: round.finality,
  };
}

const SUMMARY_FIELDS = ['number', 'category', 'summary', 'windowStart', 'windowEnd', 'lon', 'lat', 'uncertaintyM', 'chainageKm', 'producer', 'evidence', 'outcome', 'finality'] as const;

/** What the store's derived state says differently from the incident's objects verified again; null when nothing. */
export function mismatch(verified: IncidentSummary, derived: IncidentSummary | undefined): string | null {
  if (derived === undefined) return 'the store holds no derived state for this incident: the queue does not list it (run truceline store rebuild)';
  const differ = SUMMARY_FIELDS.filter((field) => canonicalText(verified[field]) !== canonicalText(derived[field]));
  if (differ.length === 0) return null;
  return `the store's derived state differs from the incident's stored objects in ${differ.join(', ')}: the queue shows ${differ.map((f) => `${f} ${JSON.stringify(derived[f])}`).join(', ')}; the objects give ${differ.map((f) => `${f} ${JSON.stringify(verified[f])}`).join(', ')} (the database was changed outside Truceline, or run truceline store rebuild)`;
}

/** JSON with object keys sorted, so that two values compare by content. */
function canonicalText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}
