import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import { UnavailableError } from '../../shared/ipc/errors';
import { formatTimestamp } from '../../shared/objects/timestamp';
import type { Timestamp } from '../../shared/objects/types';
import { hubLabel, hubNames, type HubConnectRequest, type HubNames } from '../../shared/sync/hub';
import type { SyncTargetStatus } from '../../shared/sync/sync-status';
import type { EmitMainEvent } from '../services/main-events';
import { openReadableDatabase, type ReadableDb } from '../store/database';
import { importPack } from '../store/import-pack';
import { DATABASE_FILE, type Store } from '../store/store';
import type { StatementBatchVerifier } from '../worker/statement-batch';
import { DEFAULT_HUB_LIMITS, HubInbox, type HubLimits, type InboxBatch } from './hub-inbox';
import { HubLink } from './hub-link';
import { HubOutbox } from './hub-outbox';
import { forgetHubSettings, readHubSettings, readHubState, saveHubSettings, syncFolderOf, writeHubState, type HubCursor, type HubSettings, type HubState } from './hub-settings';
import type { SyncRegistry } from './sync-registry';

export const HUB_TARGET_ID = 'hub';
/** How long stopping waits for the exchange in flight once the link is closed. */
const STOP_GRACE_MS = 5_000;

/** Whether `work` settles within `ms` (false when it is still running then; its outcome is not awaited). */
async function endsWithin(work: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      (work ?? Promise.resolve()).then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HubServiceOptions {
  /** The open commission's workspace folder: its store, and `sync/` for the hub's settings and state. */
  readonly workspace: string;
  readonly store: Store;
  readonly registry: SyncRegistry;
  /** `storeChanged` after objects from the hub were stored or quarantined. */
  readonly emit: EmitMainEvent;
  readonly verifier?: StatementBatchVerifier;
  readonly limits?: Partial<HubLimits>;
  /** The wait before reconnecting, doubled after each failure up to `maxBackoffMs`. */
  readonly firstBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Publishing runs on every store change, and this often in any case. */
  readonly publishIntervalMs?: number;
  readonly log?: (line: string) => void;
}

type StatusChange = Partial<Omit<SyncTargetStatus, 'id' | 'kind'>>;

/**
 * The workstation's link to its commission hub (NATS JetStream): publishes what the store holds and
 * catches up from its durable consumer, reconnecting with backoff after the link drops ('offline'
 * meanwhile). The settings (with the credentials) stay in main; the desk sees the address only.
 */
export class HubService {
  private running: HubSession | undefined;
  private readonly names: () => HubNames;

  constructor(private readonly options: HubServiceOptions) {
    this.names = () => hubNames(commissionOf(options.store), (bytes) => createHash('sha256').update(bytes).digest());
  }

  /** Connects with the workspace's saved settings, when there are any. */
  async start(): Promise<void> {
    let settings: HubSettings | undefined;
    try {
      settings = await readHubSettings(this.options.workspace);
    } catch (error) {
      this.options.registry.report({ ...emptyStatus('hub'), state: 'error', error: messageOf(error) });
      return;
    }
    if (settings) await this.run(settings);
  }

  /** Saves the settings (the password once, in the workspace's 0600 file) and connects; the status shows the address, never a credential. */
  async connectHub(request: HubConnectRequest): Promise<SyncTargetStatus> {
    this.names();
    await this.stop();
    const settings = await saveHubSettings(this.options.workspace, request);
    await this.run(settings);
    return this.status()!;
  }

  /** Disconnects and forgets the settings and credentials; what was published stays remembered for a later connect. */
  async disconnectHub(): Promise<null> {
    await this.stop();
    await forgetHubSettings(this.options.workspace);
    this.options.registry.remove(HUB_TARGET_ID);
    return null;
  }

  /**
   * One whole exchange with the saved settings, outside the background loop: publishes what waits,
   * then takes batches until the hub has nothing more for this workstation. For a command or a test.
   */
  async syncNow(): Promise<SyncTargetStatus> {
    const settings = await readHubSettings(this.options.workspace);
    if (!settings) throw new UnavailableError('no hub is connected in this workspace');
    await this.stop();
    const session = new HubSession(this.options, settings, this.names(), await readHubState(this.options.workspace));
    try {
      await session.once();
    } finally {
      await session.stop();
    }
    return this.status()!;
  }

  /** Something was stored: publish it. */
  storeChanged(): void {
    this.running?.wake();
  }

  status(): SyncTargetStatus | undefined {
    return this.options.registry.overview().targets.find((t) => t.id === HUB_TARGET_ID);
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async run(settings: HubSettings): Promise<void> {
    const state = await readHubState(this.options.workspace);
    this.running = new HubSession(this.options, settings, this.names(), state);
    await this.running.start();
  }

  private async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }
}

/** One connection loop with one set of settings: started by connect or at start, stopped by disconnect or close. */
class HubSession {
  private readonly registry: SyncRegistry;
  private readonly reads: ReadableDb;
  private readonly outbox: HubOutbox;
  private readonly inbox: HubInbox;
  private readonly label: string;
  private stopped = false;
  private link: HubLink | undefined;
  private loop: Promise<void> | undefined;
  private wakeOutbox: () => void = () => {};
  private readonly sleeping = new Set<() => void>();
  private received = 0;
  private quarantined = 0;
  private lastExchange: Timestamp | null = null;
  private outError: string | null = null;
  private inError: string | null = null;

  constructor(
    private readonly options: HubServiceOptions,
    private readonly settings: HubSettings,
    private readonly names: HubNames,
    private state: HubState,
  ) {
    this.registry = options.registry;
    this.label = hubLabel(settings.servers);
    this.reads = openReadableDatabase(join(options.store.dir, DATABASE_FILE));
    const key = `${names.stream}|${settings.leaf?.siteDomain ?? ''}|${[...settings.servers].sort().join(',')}`;
    const incoming = join(syncFolderOf(options.workspace), 'hub-incoming');
    const saveCursor = async (cursor: HubCursor) => {
      this.state = { ...this.state, hubs: { ...this.state.hubs, [key]: cursor } };
      await writeHubState(options.workspace, this.state);
    };
    this.outbox = new HubOutbox(this.reads, options.store.chunks, incoming + sep, state.hubs[key] ?? { signedThrough: 0, chunksThrough: 0 }, saveCursor);
    const importer = (path: string) => importPack(options.store, path, options.verifier ? { verifier: options.verifier } : {});
    this.inbox = new HubInbox(this.reads, options.store.chunks, incoming, importer, { ...DEFAULT_HUB_LIMITS, ...options.limits });
  }

  async start(): Promise<void> {
    await this.inbox.clearLeftovers();
    this.registry.report({ ...emptyStatus(this.label), state: 'offline', waitingOut: this.outbox.waiting() });
    this.loop = this.connectLoop();
  }

  async once(): Promise<void> {
    await this.inbox.clearLeftovers();
    this.registry.report({ ...emptyStatus(this.label), state: 'syncing', waitingOut: this.outbox.waiting() });
    const link = await HubLink.open(this.settings, this.names, this.state.workstation);
    this.link = link;
    try {
      const round = await this.outbox.publishAll(link);
      this.outError = round.chunkError;
      for (;;) {
        const batch = await this.inbox.receive(link);
        this.count(batch);
        if (batch.messages === 0) break;
      }
      this.reportProgress();
    } finally {
      await link.close();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleeping) wake();
    await this.link?.close();
    // Disconnecting must not hang on an exchange that has not noticed the closed link (a fetch from the hub): it is left to end on its own.
    if (!(await endsWithin(this.loop, STOP_GRACE_MS))) this.options.log?.(`hub: the exchange in flight had not ended ${STOP_GRACE_MS} ms after disconnecting; left to end on its own`);
    this.reads.close();
  }

  wake(): void {
    this.wakeOutbox();
  }

  private report(change: StatusChange): void {
    if (!this.stopped) this.registry.report(HUB_TARGET_ID, change);
  }

  private async connectLoop(): Promise<void> {
    let backoff = this.options.firstBackoffMs ?? 1000;
    while (!this.stopped) {
      try {
        this.link = await HubLink.open(this.settings, this.names, this.state.workstation);
        backoff = this.options.firstBackoffMs ?? 1000;
        this.report({ state: 'syncing', error: null });
        const closed = this.link.nc.closed();
        await Promise.all([this.publishLoop(this.link), this.receiveLoop(this.link), closed]);
      } catch (error) {
        this.report({ state: 'offline', error: `cannot reach the hub: ${messageOf(error)}` });
      } finally {
        await this.link?.close();
        this.link = undefined;
      }
      if (this.stopped) break;
      this.report({ state: 'offline' });
      await this.sleep(backoff);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 60_000);
    }
  }

  private async publishLoop(link: HubLink): Promise<void> {
    let retry = this.options.firstBackoffMs ?? 1000;
    while (!this.stopped && !link.isClosed) {
      let wait = this.options.publishIntervalMs ?? 30_000;
      const woken = new Promise<void>((resolve) => (this.wakeOutbox = resolve));
      try {
        const round = await this.outbox.publishAll(link);
        this.outError = round.chunkError;
        if (round.signed + round.chunks > 0) this.lastExchange = formatTimestamp(Date.now());
        retry = this.options.firstBackoffMs ?? 1000;
      } catch (error) {
        if (link.isClosed) break;
        this.outError = `publishing: ${messageOf(error)}`;
        wait = retry;
        retry = Math.min(retry * 2, this.options.maxBackoffMs ?? 60_000);
      }
      this.reportProgress();
      await this.sleep(wait, woken);
    }
    await link.close();
  }

  private async receiveLoop(link: HubLink): Promise<void> {
    let retry = this.options.firstBackoffMs ?? 1000;
    while (!this.stopped && !link.isClosed) {
      try {
        const batch = await this.inbox.receive(link);
        this.inError = null;
        retry = this.options.firstBackoffMs ?? 1000;
        this.count(batch);
        this.reportProgress(batch.pending > 0 ? 'syncing' : undefined);
      } catch (error) {
        if (link.isClosed) break;
        this.inError = `receiving: ${messageOf(error)}`;
        this.reportProgress();
        await this.sleep(retry);
        retry = Math.min(retry * 2, this.options.maxBackoffMs ?? 60_000);
      }
    }
    await link.close();
  }

  private count(batch: InboxBatch): void {
    if (batch.added + batch.rejected > 0) this.options.emit('storeChanged', { objectsAdded: batch.added, objectsQuarantined: batch.rejected });
    if (batch.messages === 0) return;
    this.received += batch.added + batch.present;
    this.quarantined += batch.rejected;
    this.lastExchange = formatTimestamp(Date.now());
  }

  private reportProgress(state?: SyncTargetStatus['state']): void {
    const error = [this.inError, this.outError].filter((e) => e !== null).join('; ') || null;
    this.report({
      state: state ?? (error ? 'error' : 'idle'),
      lastExchange: this.lastExchange,
      waitingOut: this.outbox.waiting(),
      received: this.received,
      quarantined: this.quarantined,
      error,
    });
  }

  private sleep(ms: number, alsoOn?: Promise<void>): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeping.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping.add(done);
      void alsoOn?.then(done);
    });
  }
}

function emptyStatus(label: string): SyncTargetStatus {
  return { id: HUB_TARGET_ID, kind: 'hub', label, state: 'offline', lastExchange: null, waitingOut: 0, received: 0, quarantined: 0, error: null };
}

/** The commission's name, from the roster this store pinned: the hub's stream is the commission's. */
function commissionOf(store: Store): string {
  const commission = store.db.prepare('SELECT rosters.commission FROM trust JOIN rosters ON rosters.id = trust.roster').pluck().get() as string | undefined;
  if (commission === undefined) throw new UnavailableError('this store trusts no roster yet: join a commission before connecting a hub');
  return commission;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!;
}
