import type { IncidentPage, IncidentQuery } from '../../shared/commission/incident-list';
import type { CommissionView, IncidentSummary } from '../../shared/commission/views';
import type { Result } from '../../shared/encoding/result';
import type { Issue } from '../../shared/objects/issues';
import type { MemberId, ObjectId } from '../../shared/objects/types';
import type { RosterChain } from '../../shared/roster/verified-roster';
import type { ReadableDb, WritableDb } from '../store/database';
import { DerivedStateWriter, incidentsDue, incidentsNotDerived } from '../store/derived-state';
import { derivedIncident, headerCounts, queryIncidents } from '../store/incident-queries';
import { inWriteTransaction } from '../store/store';
import { StoreReader } from '../store/store-reader';
import { trustedRosterChain } from '../store/trusted-rosters';
import type { CommissionSource } from './commission-service';
import type { WorkstationSettings } from './workstation-settings';
import type { AssessmentFiles } from '../assessment/assessment-files';
import type { LocalRoundState } from '../../shared/commission/participation';

/**
 * The commission as the store holds it, read through a read-only connection: derived state for the
 * queue and header, exact bytes for one incident's detail. `refresher`, a writable connection of
 * its own when given, derives again before a read the rounds whose time has come (a silence
 * deadline passed) and incidents never derived; it never waits: while an import holds the store the
 * read shows the state as derived (the import derives due rounds itself).
 */
export class StoreCommissionSource implements CommissionSource {
  private readonly reader: StoreReader;
  private readonly incidentBody;
  private missingChecked = false;

  constructor(
    private readonly db: ReadableDb,
    private readonly settings: () => WorkstationSettings,
    private readonly refresher?: WritableDb,
    private readonly files?: AssessmentFiles,
  ) {
    this.reader = new StoreReader(db);
    refresher?.pragma('busy_timeout = 0');
    this.incidentBody = db.prepare("SELECT body FROM objects WHERE id = ? AND kind = 'incident'").pluck();
  }

  trustedChain(now: number): Promise<Result<RosterChain, Issue> | undefined> {
    return trustedRosterChain(this.db, now);
  }

  async refresh(chain: RosterChain, now: number): Promise<void> {
    const writer = this.refresher;
    if (writer === undefined || writer.inTransaction) return;
    const stale = new Set([...incidentsDue(this.db, now), ...(this.missingChecked ? [] : incidentsNotDerived(this.db))]);
    try {
      if (stale.size > 0) await inWriteTransaction(writer, () => new DerivedStateWriter(writer, chain, now).deriveIncidents(stale));
      this.missingChecked = true;
    } catch (error) {
      if (!(error instanceof Error && /database is locked|SQLITE_BUSY/.test(error.message))) throw error;
    }
  }

  incidentPage(query: IncidentQuery, actingAs: MemberId | null): IncidentPage {
    return queryIncidents(this.db, query, actingAs);
  }

  derivedIncident(id: ObjectId): IncidentSummary | undefined {
    return derivedIncident(this.db, id);
  }

  incidentBytes(id: ObjectId): Uint8Array | undefined {
    const body = this.incidentBody.get(id) as Buffer | undefined;
    return body && new Uint8Array(body);
  }

  roundObjects(incident: ObjectId): readonly Uint8Array[] {
    return this.reader.roundObjectsWithKeyNeighbours(incident);
  }

  statements(ids: readonly ObjectId[]): readonly Uint8Array[] {
    return this.reader.statementBodies(ids);
  }

  chunkPresent(sha256: string): boolean {
    return this.reader.chunkPresent(sha256);
  }

  counts(): CommissionView['store'] {
    return headerCounts(this.db);
  }

  localRound(member: MemberId, incident: ObjectId, round: number): LocalRoundState {
    const files = this.files;
    if (files === undefined) return { sealedHere: () => false, hasDraft: false, lookedBeforeCommitting: false };
    return {
      sealedHere: (digest) => files.holdsSealed(member, digest),
      hasDraft: files.hasDraft(member, incident, round),
      lookedBeforeCommitting: files.lookedAt(member, incident, round) !== null,
    };
  }

  actingAs(): MemberId | null {
    return this.settings().actingAs;
  }

  isDemo(): boolean {
    return this.settings().demo;
  }
}
