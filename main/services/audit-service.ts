import type { StoreAuditFinding, StoreAuditStatus } from '../../shared/commission/views';
import { BusyError } from '../../shared/ipc/errors';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { ChunkStore } from '../store/chunk-store';
import type { ReadableDb } from '../store/database';
import { auditStore, type StoreAuditProgress } from '../store/store-audit';
import { trustedRosterChain } from '../store/trusted-rosters';
import type { EmitMainEvent } from './main-events';

/** Findings kept in the status (the count covers all of them): enough to act on, bounded whatever the store holds. */
const MAX_FINDINGS_SHOWN = 200;
/** Progress events at most this often; the run's start and end are always sent. */
const PROGRESS_EVERY_MS = 200;

/**
 * "Audit this store": re-verifies every stored byte in the background on a read-only connection,
 * pushing its progress and findings; the window keeps being answered between pages.
 */
export class AuditService {
  private revision = 0;
  private current: Omit<StoreAuditStatus, 'revision'> = {
    state: 'idle',
    startedAt: null,
    finishedAt: null,
    objects: { checked: 0, total: 0 },
    chunkBytes: { checked: 0, total: 0 },
    findings: [],
    findingCount: 0,
    error: null,
  };
  private lastSent = 0;

  constructor(
    private readonly db: ReadableDb,
    private readonly chunks: ChunkStore,
    private readonly emit: EmitMainEvent = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  status(): StoreAuditStatus {
    return { revision: this.revision, ...this.current };
  }

  start(): StoreAuditStatus {
    if (this.current.state === 'running') throw new BusyError('an audit of the store is running already: wait for it to end');
    this.update(
      {
        state: 'running',
        startedAt: formatTimestamp(this.now()),
        finishedAt: null,
        objects: { checked: 0, total: 0 },
        chunkBytes: { checked: 0, total: 0 },
        findings: [],
        findingCount: 0,
        error: null,
      },
      true,
    );
    void this.run();
    return this.status();
  }

  private async run(): Promise<void> {
    const findings: StoreAuditFinding[] = [];
    let findingCount = 0;
    try {
      const chain = await trustedRosterChain(this.db, this.now());
      if (chain === undefined) throw new Error('the store trusts no roster yet: there is nothing to audit against');
      if (!chain.ok) throw new Error(`the pinned roster does not verify: ${chain.error.message}`);
      await auditStore(this.db, this.chunks, chain.value, {
        progress: (progress: StoreAuditProgress) => this.update({ objects: { ...progress.objects }, chunkBytes: { ...progress.chunkBytes }, findings: [...findings], findingCount }, false),
        finding: (finding) => {
          findingCount += 1;
          if (findings.length < MAX_FINDINGS_SHOWN) findings.push(finding);
        },
      });
      this.update({ state: 'done', finishedAt: formatTimestamp(this.now()), findings, findingCount }, true);
    } catch (error) {
      this.update({ state: 'failed', finishedAt: formatTimestamp(this.now()), findings, findingCount, error: error instanceof Error ? error.message : String(error) }, true);
    }
  }

  private update(change: Partial<Omit<StoreAuditStatus, 'revision'>>, always: boolean): void {
    this.current = { ...this.current, ...change };
    this.revision += 1;
    const now = this.now();
    if (!always && now - this.lastSent < PROGRESS_EVERY_MS) return;
    this.lastSent = now;
    this.emit('storeAudit', this.status());
  }
}
