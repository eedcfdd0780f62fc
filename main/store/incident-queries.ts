import {
  FINALITY_STATUSES,
  NEEDS_MY_ACTION,
  OUTCOME_CLASSES,
  outcomeRank,
  type CategoryCount,
  type IncidentCounts,
  type IncidentPage,
  type IncidentQuery,
  type IncidentSort,
  type MyStanding,
  type MyStep,
} from '../../shared/commission/incident-list';
import type { FinalityStatus, IncidentSummary, OutcomeSummary, RoundFinality } from '../../shared/commission/views';
import { parseTimestamp } from '../../shared/objects/timestamp';
import type { Attribution, IncidentCategory, MemberId, ObjectId, Role, Timestamp } from '../../shared/objects/types';
import { SIGNING_ROLES } from '../../shared/roster/verify-statement';
import type { OutcomeKind, SubstantiveFinding } from '../../shared/tally/outcome';
import type { ReadableDb } from './database';

// The queue's reads: SQL over the derived tables (incident_state, round_tallies, round_participants,
// roster_roles), never the objects. Each sort follows one index of incident_state; filters are bound
// parameters.

const ROW_COLUMNS = `s.incident, s.incident_number, s.category, s.summary, s.window_start, s.window_end, s.lon_e6, s.lat_e6, s.uncertainty_m, s.chainage_m, s.producer,
  s.evidence_listed, s.evidence_present, s.commitments, t.round, t.outcome, t.finding, t.attribution, t.reason, t.finality, t.finality_reason, t.closed_by, t.closed_at, t.countersigned_by, t.voting_members`;

const FROM_STATE = 'FROM incident_state AS s';
const JOIN_TALLY = 'JOIN round_tallies AS t ON t.incident = s.incident AND t.round = s.current_round';

export const ORDER_BY: Readonly<Record<IncidentSort, string>> = {
  'time-desc': 's.start_ms DESC, s.incident_number DESC, s.incident DESC',
  'time-asc': 's.start_ms, s.incident_number, s.incident',
  km: 's.chainage_m, s.incident_number, s.incident',
  outcome: 's.outcome_rank, s.start_ms, s.incident',
  number: 's.incident_number, s.incident',
};

interface Where {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The delegation this workstation acts as, and its role in the roster the derived state was written under (null when that roster does not list it). */
export interface Acting {
  readonly member: MemberId;
  readonly role: Role | null;
}

export function actingOf(db: ReadableDb, member: MemberId | null): Acting | null {
  if (member === null) return null;
  const role = db.prepare('SELECT role FROM roster_roles WHERE member = ?').pluck().get(member) as Role | undefined;
  return { member, role: role ?? null };
}

/**
 * The acting delegation's step (MY_STEPS) in the row's round, as SQL over the row of incident_state
 * `s` and, for an assessing member, its own row of round_participants (by primary key); undefined
 * when it neither assesses nor chairs. A closed round needs nothing: a member that did not reveal
 * reads 'closed'. An assessing member without a row signed nothing in the round.
 */
export function stepSql(acting: Acting | null): Where | undefined {
  if (acting?.role === 'chair') return { sql: CHAIR_STEP, params: [] };
  if (!assesses(acting)) return undefined;
  return {
    sql: `coalesce((SELECT ${ASSESSOR_STEP_WITH_ROW} FROM round_participants AS p WHERE ${OWN_PARTICIPANT_ROW}), ${ASSESSOR_STEP_WITHOUT_ROW})`,
    params: [acting.member],
  };
}

const CHAIR_STEP = `CASE WHEN s.finality = 'final' THEN 'closed' WHEN s.phase_open = 0 THEN iif(s.commitments > 0, 'open-reveal', 'no-commitments') WHEN s.closable = 1 THEN 'close' ELSE 'reveal-open' END`;
/** The assessing member's step from its row `p` of round_participants, and without one (it signed nothing in the round). */
const ASSESSOR_STEP_WITH_ROW = `CASE WHEN p.signed = 'revealed' THEN 'revealed' WHEN s.finality = 'final' THEN 'closed' WHEN s.phase_open = 0 THEN 'committed' WHEN p.signed = 'listed' THEN 'reveal' ELSE 'excluded' END`;
const ASSESSOR_STEP_WITHOUT_ROW = `CASE WHEN s.finality = 'final' THEN 'closed' WHEN s.phase_open = 0 THEN 'no-commitment' ELSE 'excluded' END`;
const OWN_PARTICIPANT_ROW = 'p.member = ? AND p.incident = s.incident AND p.round = s.current_round';

function assesses(acting: Acting | null): acting is Acting & { readonly role: Role } {
  return acting !== null && acting.role !== null && SIGNING_ROLES.assessment.includes(acting.role);
}

/**
 * The step as stepSql gives it, over every row at once: the acting member's rows of
 * round_participants joined (`join`, by primary key) instead of looked up row by row, which costs
 * most of a count over tens of thousands of incidents.
 */
function joinedStepSql(acting: Acting | null): { readonly join: Where; readonly step: Where } | undefined {
  if (!assesses(acting)) {
    const step = stepSql(acting);
    return step && { join: { sql: '', params: [] }, step };
  }
  return {
    join: { sql: `LEFT JOIN round_participants AS p ON ${OWN_PARTICIPANT_ROW}`, params: [acting.member] },
    step: { sql: `CASE WHEN p.member IS NULL THEN ${ASSESSOR_STEP_WITHOUT_ROW} ELSE ${ASSESSOR_STEP_WITH_ROW} END`, params: [] },
  };
}

const NEEDS_SQL = NEEDS_MY_ACTION.map((step) => `'${step}'`).join(', ');

/** 1 when the row's round needs the acting delegation's action, else 0. */
function needsSql(acting: Acting | null): Where {
  const step = stepSql(acting);
  return step === undefined ? { sql: '0', params: [] } : { sql: `(${step.sql}) IN (${NEEDS_SQL})`, params: step.params };
}

type Dimension = 'outcomes' | 'finality' | 'category' | 'needsMyAction';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function timeMs(timestamp: Timestamp | null): number | undefined {
  return timestamp === null ? undefined : parseTimestamp(timestamp);
}

const DIMENSIONS: readonly Dimension[] = ['outcomes', 'finality', 'category', 'needsMyAction'];

/** The WHERE clause of the query's filters, leaving out those of `except` (counts per value of a dimension). */
export function whereOf(query: IncidentQuery, acting: Acting | null, except: Dimension | readonly Dimension[] = []): Where {
  const left = (dimension: Dimension) => (typeof except === 'string' ? except === dimension : except.includes(dimension));
  const parts = ['s.verified = 1'];
  const params: unknown[] = [];
  if (!left('outcomes') && query.outcomes.length > 0) {
    parts.push(`s.outcome_rank IN (${query.outcomes.map(() => '?').join(', ')})`);
    params.push(...query.outcomes.map(outcomeRank));
  }
  if (!left('category') && query.category !== null) {
    parts.push('s.category = ?');
    params.push(query.category);
  }
  if (!left('finality') && query.finality !== null) {
    parts.push('s.finality = ?');
    params.push(query.finality);
  }
  const from = timeMs(query.from);
  if (from !== undefined) {
    parts.push('s.end_ms >= ?');
    params.push(from);
  }
  const to = timeMs(query.to);
  if (to !== undefined) {
    parts.push('s.start_ms <= ?');
    params.push(to);
  }
  if (query.kmMin !== null) {
    parts.push('s.chainage_m >= ?');
    params.push(Math.ceil(query.kmMin * 1000));
  }
  if (query.kmMax !== null) {
    parts.push('s.chainage_m <= ?');
    params.push(Math.floor(query.kmMax * 1000));
  }
  if (query.text !== null && query.text.trim() !== '') {
    const like = `%${escapeLike(query.text.trim())}%`;
    parts.push("(s.incident_number LIKE ? ESCAPE '\\' OR s.summary LIKE ? ESCAPE '\\' OR s.category LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  if (!left('needsMyAction') && query.needsMyAction) {
    const needs = needsSql(acting);
    parts.push(needs.sql);
    params.push(...needs.params);
  }
  return { sql: parts.join(' AND '), params };
}

export interface IncidentRow {
  readonly incident: ObjectId;
  readonly incident_number: string;
  readonly category: IncidentCategory;
  readonly summary: string;
  readonly window_start: Timestamp;
  readonly window_end: Timestamp;
  readonly lon_e6: number;
  readonly lat_e6: number;
  readonly uncertainty_m: number;
  readonly chainage_m: number;
  readonly producer: MemberId;
  readonly evidence_listed: number;
  readonly evidence_present: number;
  readonly commitments: number;
  readonly round: number;
  readonly outcome: OutcomeKind;
  readonly finding: SubstantiveFinding | null;
  readonly attribution: Attribution | null;
  readonly reason: string;
  readonly finality: FinalityStatus;
  readonly finality_reason: string | null;
  readonly closed_by: MemberId | null;
  readonly closed_at: Timestamp | null;
  readonly countersigned_by: string | null;
  readonly voting_members: number | null;
}

function finalityOf(row: IncidentRow): RoundFinality {
  switch (row.finality) {
    case 'final':
      return { status: 'final', closedBy: row.closed_by!, closedAt: row.closed_at!, countersignedBy: JSON.parse(row.countersigned_by ?? '[]') as MemberId[], votingMembers: row.voting_members ?? 0 };
    case 'closing-refused':
      return { status: 'closing-refused', reason: row.finality_reason ?? '' };
    default:
      return { status: 'provisional' };
  }
}

function outcomeOf(row: IncidentRow): OutcomeSummary {
  const base = { round: row.round, outcome: row.outcome, reason: row.reason };
  if (row.outcome !== 'decided' || row.finding === null) return base;
  return row.finding === 'violation' ? { ...base, finding: row.finding, attribution: row.attribution ?? 'undetermined' } : { ...base, finding: row.finding };
}

export function summaryOfRow(row: IncidentRow): IncidentSummary {
  return {
    id: row.incident,
    number: row.incident_number,
    category: row.category,
    summary: row.summary,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    lon: row.lon_e6 / 1e6,
    lat: row.lat_e6 / 1e6,
    uncertaintyM: row.uncertainty_m,
    chainageKm: row.chainage_m / 1000,
    producer: row.producer,
    evidence: { listed: row.evidence_listed, present: row.evidence_present },
    outcome: outcomeOf(row),
    finality: finalityOf(row),
  };
}

interface QueueRow extends IncidentRow {
  readonly my_step: MyStep | null;
}

function standingOfRow(row: QueueRow): MyStanding | null {
  return row.my_step === null ? null : { step: row.my_step, commitments: row.commitments };
}

/** The SQL of one page (with the acting delegation's step per row) and its total, for EXPLAIN QUERY PLAN in tests. */
export function pageSql(query: IncidentQuery, acting: Acting | null): { readonly page: Where; readonly total: Where } {
  const where = whereOf(query, acting);
  const step = stepSql(acting) ?? { sql: 'NULL', params: [] };
  return {
    page: {
      sql: `SELECT ${ROW_COLUMNS}, ${step.sql} AS my_step ${FROM_STATE} ${JOIN_TALLY} WHERE ${where.sql} ORDER BY ${ORDER_BY[query.sort]} LIMIT ? OFFSET ?`,
      params: [...step.params, ...where.params, query.limit, query.offset],
    },
    total: { sql: `SELECT count(*) ${FROM_STATE} WHERE ${where.sql}`, params: where.params },
  };
}

interface CountGroup {
  readonly outcome: string;
  readonly finality: FinalityStatus;
  readonly category: IncidentCategory;
  /** 1 when the round needs the acting delegation's action. */
  readonly needs: number;
  readonly n: number;
}

/**
 * The counts per value of each filter (each counted under the other filters) and the total, from
 * one pass over the incidents that pass the filters that are not counted per value (time, km,
 * text): grouped by outcome, finality, category and whether the acting delegation is awaited (a
 * few hundred groups at most), then added up here for each dimension.
 */
function countsOf(db: ReadableDb, query: IncidentQuery, acting: Acting | null): { readonly counts: IncidentCounts; readonly total: number } {
  const base = whereOf(query, acting, DIMENSIONS);
  const joined = joinedStepSql(acting);
  const join = joined?.join ?? { sql: '', params: [] };
  // A closed round needs nothing: its step is never computed.
  const needs = joined ? `(s.finality <> 'final' AND (${joined.step.sql}) IN (${NEEDS_SQL}))` : '0';
  const groups = db
    .prepare(`SELECT s.outcome_class AS outcome, s.finality AS finality, s.category AS category, ${needs} AS needs, count(*) AS n ${FROM_STATE} ${join.sql} WHERE ${base.sql} GROUP BY 1, 2, 3, 4`)
    .all(...(joined?.step.params ?? []), ...join.params, ...base.params) as CountGroup[];
  const passes: Record<Dimension, (g: CountGroup) => boolean> = {
    outcomes: (g) => query.outcomes.length === 0 || (query.outcomes as readonly string[]).includes(g.outcome),
    finality: (g) => query.finality === null || g.finality === query.finality,
    category: (g) => query.category === null || g.category === query.category,
    needsMyAction: (g) => !query.needsMyAction || g.needs === 1,
  };
  const passesAllBut = (g: CountGroup, except?: Dimension) => DIMENSIONS.every((d) => d === except || passes[d](g));
  const outcomes = Object.fromEntries(OUTCOME_CLASSES.map((c) => [c, 0])) as Record<(typeof OUTCOME_CLASSES)[number], number>;
  const finality = Object.fromEntries(FINALITY_STATUSES.map((f) => [f, 0])) as Record<FinalityStatus, number>;
  const byCategory = new Map<IncidentCategory, number>();
  let needsMyAction = 0;
  let total = 0;
  for (const g of groups) {
    if (passesAllBut(g, 'outcomes') && g.outcome in outcomes) outcomes[g.outcome as keyof typeof outcomes] += g.n;
    if (passesAllBut(g, 'finality') && g.finality in finality) finality[g.finality] += g.n;
    if (passesAllBut(g, 'category')) byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + g.n);
    if (passesAllBut(g, 'needsMyAction') && g.needs === 1) needsMyAction += g.n;
    if (passesAllBut(g)) total += g.n;
  }
  const categories: CategoryCount[] = [...byCategory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([category, count]) => ({ category, count }));
  return { counts: { outcomes, finality, categories, needsMyAction }, total };
}

/** One page of the queue with its total and the counts per filter value, all from the derived tables; each row says where the acting delegation stands. */
export function queryIncidents(db: ReadableDb, query: IncidentQuery, actingAs: MemberId | null): IncidentPage {
  const acting = actingOf(db, actingAs);
  const sql = pageSql(query, acting);
  const rows = db.prepare(sql.page.sql).all(...sql.page.params) as QueueRow[];
  const { counts, total } = countsOf(db, query, acting);
  return {
    items: rows.map((row) => ({ ...summaryOfRow(row), myStanding: standingOfRow(row) })),
    offset: query.offset,
    total,
    all: db.prepare('SELECT count(*) FROM incident_state WHERE verified = 1').pluck().get() as number,
    counts,
  };
}

/** The derived row of one incident; undefined when it is not a verified incident of the store. */
export function derivedIncident(db: ReadableDb, id: ObjectId): IncidentSummary | undefined {
  const row = db.prepare(`SELECT ${ROW_COLUMNS} ${FROM_STATE} ${JOIN_TALLY} WHERE s.incident = ? AND s.verified = 1`).get(id) as IncidentRow | undefined;
  return row && summaryOfRow(row);
}

/** Why a stored incident is not shown (it does not verify against the current roster), if it is stored at all. */
export function incidentProblem(db: ReadableDb, id: ObjectId): string | undefined {
  return (db.prepare('SELECT problem FROM incident_state WHERE incident = ? AND verified = 0').pluck().get(id) as string | null | undefined) ?? undefined;
}

/** The header's counts from records and derived tables, never a scan of the objects: every stored object was added by exactly one import. */
export function headerCounts(db: ReadableDb): { readonly objects: number; readonly incidents: number; readonly quarantined: number } {
  return db
    .prepare('SELECT (SELECT coalesce(sum(objects_added), 0) FROM imports) AS objects, (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM quarantine) AS quarantined')
    .get() as { objects: number; incidents: number; quarantined: number };
}
