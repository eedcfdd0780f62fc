import { computeVerdict } from '../../shared/audit/verdict';
import type { CommissionView, IncidentDetail, IncidentSummary, OutcomeSummary, RoundFinality } from '../../shared/commission/views';
import type { Sha256 } from '../../shared/crypto/sha256';
import { ready } from '../../shared/crypto/sodium';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import { verifyRosterChain } from '../../shared/roster/verify-roster-chain';
import { checkStatementBytes, type VerifiedStatement } from '../../shared/roster/verify-statement';
import type { TallyOutcome } from '../../shared/tally/outcome';
import { roundFinality } from '../../shared/commission/round-finality';

/** What the commission service reads from the store: exact object bytes, never derived claims. */
export interface CommissionSource {
  trustedRoster(): Uint8Array | undefined;
  objectsOfKind(kind: 'roster' | 'incident'): readonly Uint8Array[];
  /** Every commitment, phase and assessment stored for an incident (all rounds), and the statements that can expose their authors' equivocations. */
  roundObjects(incident: ObjectId): readonly Uint8Array[];
  /** The stored bytes of the signed objects among `ids`; ids not stored are left out. */
  statements(ids: readonly ObjectId[]): readonly Uint8Array[];
  chunkPresent(sha256: string): boolean;
  counts(): CommissionView['store'];
  actingAs(): MemberId | null;
  isDemo(): boolean;
}

export class CommissionUnavailableError extends Error {
  override readonly name = 'CommissionUnavailableError';
}

interface Snapshot {
  readonly chain: RosterChain;
  readonly incidents: ReadonlyMap<ObjectId, VerifiedStatement<'incident'>>;
}

const ROUND = 1;

/**
 * The commission as the workstation shows it. Everything is re-verified from the stored objects
 * against the pinned roster (what you see is what was signed); tallies are recomputed, never read
 * back from a cache that could disagree with the objects.
 */
export class CommissionService {
  constructor(
    private readonly source: CommissionSource,
    private readonly sha256: Sha256,
    private readonly now: () => number = Date.now,
  ) {}

  private async snapshot(): Promise<Snapshot> {
    await ready();
    const trusted = this.source.trustedRoster();
    if (!trusted) throw new CommissionUnavailableError('no commission roster is installed yet');
    const chainResult = await verifyRosterChain({ trusted, candidates: this.source.objectsOfKind('roster'), now: this.now(), sha256: this.sha256 });
    if (!chainResult.ok) throw new CommissionUnavailableError(`the pinned roster does not verify: ${chainResult.error.message}`);
    const chain = chainResult.value;
    const incidents = new Map<ObjectId, VerifiedStatement<'incident'>>();
    for (const bytes of this.source.objectsOfKind('incident')) {
      const checked = await checkStatementBytes(bytes, chain, this.sha256);
      if (checked.ok && checked.statement.object.kind === 'incident') incidents.set(checked.id, checked.statement as VerifiedStatement<'incident'>);
    }
    return { chain, incidents };
  }

  async commission(): Promise<CommissionView> {
    const { chain } = await this.snapshot();
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

  async incidents(): Promise<IncidentSummary[]> {
    const snapshot = await this.snapshot();
    const summaries: IncidentSummary[] = [];
    for (const statement of snapshot.incidents.values()) {
      summaries.push(summaryOf(statement, await this.round(snapshot, statement), this.source));
    }
    return summaries.sort((a, b) => (a.windowStart < b.windowStart ? -1 : a.windowStart > b.windowStart ? 1 : a.id < b.id ? -1 : 1));
  }

  async incident(id: ObjectId): Promise<IncidentDetail> {
    const snapshot = await this.snapshot();
    const statement = snapshot.incidents.get(id);
    if (!statement) throw new CommissionUnavailableError(`incident ${id.slice(0, 8)}… is not a verified incident of this store`);
    const round = await this.round(snapshot, statement);
    const payload = statement.object.payload;
    return {
      ...summaryOf(statement, round, this.source),
      observations: payload.observations,
      evidenceList: payload.evidence.map((e) => ({ ...e, present: this.source.chunkPresent(e.sha256) })),
      created: payload.created,
      tally: round.tally,
    };
  }

  /** The round's tally as of now over every stored object, and whether a closing record makes it final. */
  private async round(snapshot: Snapshot, incident: VerifiedStatement<'incident'>): Promise<Round> {
    const asOf = formatTimestamp(this.now());
    const objects = this.source.roundObjects(incident.object.id);
    const { outcome } = await computeVerdict({ chain: snapshot.chain, incident: incident.object.id, round: ROUND, objects, asOf, sha256: this.sha256 });
    const finality = await roundFinality({ chain: snapshot.chain, incident, round: ROUND, objects, tally: outcome, stored: (ids) => this.source.statements(ids), sha256: this.sha256 });
    return { tally: outcome, finality };
  }
}

interface Round {
  readonly tally: TallyOutcome;
  readonly finality: RoundFinality;
}

function outcomeSummary(tally: TallyOutcome): OutcomeSummary {
  const verdict = tally.verdict;
  const base = { round: tally.round, outcome: verdict.outcome, reason: tally.reason };
  if (verdict.outcome !== 'decided') return base;
  return verdict.finding === 'violation' ? { ...base, finding: verdict.finding, attribution: verdict.attribution } : { ...base, finding: verdict.finding };
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
