import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_ACTING_AS } from '../../shared/demo/demo-commission';
import { nodeSha256 } from '../crypto/node-sha256';
import { writeDemoCommission } from '../demo/write-demo';
import { CommissionService } from '../services/commission-service';
import { EvidenceService } from '../services/evidence-service';
import { ImportService } from '../services/import-service';
import type { EmitMainEvent } from '../services/main-events';
import { StoreCommissionSource } from '../services/store-commission-source';
import { readWorkstationSettings, writeWorkstationSettings, type WorkstationSettings } from '../services/workstation-settings';
import { openReadableDatabase, openWritableDatabase } from '../store/database';
import { importPack } from '../store/import-pack';
import { pinnedRoster } from '../store/roster-trust';
import { makePrivateFolder } from '../store/private-files';
import { CHUNKS_FOLDER, DATABASE_FILE, openStore, type Store } from '../store/store';
import { ChunkStore } from '../store/chunk-store';
import { AuditService } from '../services/audit-service';
import { VerifyPool } from './verify-pool';
import { DeadlineClock } from '../services/deadline-clock';
import { SyncRegistry } from '../sync/sync-registry';
import { HubService } from '../sync/hub-service';
import { PeerPackService } from '../sync/peer-pack-service';
import { SharedFolderService } from '../sync/shared-folder';
import { RoundService } from '../assessment/round-service';
import { AssessmentFiles } from '../assessment/assessment-files';

// What each of the store's two workers owns. The writer holds the store's one writable connection
// and everything that writes (imports); the reader holds a read-only connection and everything the
// window reads, so that a long import transaction never stands between the window and an answer.

export interface StoreWorkerOptions {
  readonly dataDir: string;
  readonly resourcesDir: string;
  /** Only the demo's workspace installs the demo into an empty store (default true); a commission's store never holds the demo. */
  readonly installDemo?: boolean;
}

export interface WriterServices {
  readonly imports: ImportService;
  readonly rounds: RoundService;
  readonly sync: SyncRegistry;
  readonly hub: HubService;
  readonly peers: PeerPackService;
  readonly sharedFolder: SharedFolderService;
}

export interface ReaderServices {
  readonly commission: CommissionService;
  readonly audit: AuditService;
  readonly evidence: EvidenceService;
}

/** Every service of the store's workers, by the name the main thread calls it. */
export type StoreServices = WriterServices & ReaderServices;

export interface OpenedRole<Services> {
  readonly services: Services;
  close(): void;
}

const settingsFileOf = (dataDir: string) => join(dataDir, 'workstation.json');
const storeDirOf = (dataDir: string) => join(dataDir, 'store');

/**
 * Opens the store for writing. On first start with an empty store the demo commission is written
 * and imported like any commission's packs: verified object by object.
 */
export async function openWriterRole(options: StoreWorkerOptions, emit: EmitMainEvent, log: (line: string) => void): Promise<OpenedRole<WriterServices>> {
  // The data folder holds the store, the settings (which name the key file), the inbox and the demo's keys: the user's alone.
  makePrivateFolder(options.dataDir);
  const store = openStore(storeDirOf(options.dataDir), { create: true });
  try {
    if (options.installDemo !== false && !pinnedRoster(store.db) && isEmpty(store)) await installDemo(store, options, log);
  } catch (error) {
    store.close();
    throw error;
  }
  const verifier = new VerifyPool();
  // Whatever arrives may be the phase that lists this delegation's commitment: with "reveal automatically", reveal it.
  const emitAndReveal: EmitMainEvent = (event, payload) => {
    emit(event, payload);
    if (event !== 'storeChanged') return;
    hub.storeChanged();
    peers.storeChanged();
    sharedFolder.storeChanged();
    deadlines.schedule();
    void rounds.revealDue();
  };
  const deadlines = new DeadlineClock(store.db, emit);
  // Packs from the inbox are exchanges with peers: their runs are the peer-packs target's state.
  const imports: ImportService = new ImportService(store, join(options.dataDir, 'inbox'), emitAndReveal, verifier, (status): Promise<void> => peers.observeImportRun(status));
  const rounds = new RoundService({ store, dataDir: options.dataDir, imports, emit });
  await rounds.init();
  const sync = new SyncRegistry(emit);
  const peers: PeerPackService = new PeerPackService({ store, imports, registry: sync, workspaceDir: options.dataDir, emit });
  await peers.init();
  const hub: HubService = new HubService({ workspace: options.dataDir, store, registry: sync, emit: emitAndReveal, verifier, log });
  const sharedFolder = new SharedFolderService({
    store,
    dataDir: options.dataDir,
    registry: sync,
    verifier,
    storeChanged: (objectsAdded, objectsQuarantined) => emitAndReveal('storeChanged', { objectsAdded, objectsQuarantined }),
  });
  const recovered = await imports.recoverSigned();
  deadlines.schedule();
  if (recovered > 0) log(`Stored ${recovered} statement pack(s) this workstation signed before it stopped.`);
  await hub.start();
  await sharedFolder.init();
  return {
    services: { imports, rounds, sync, hub, peers, sharedFolder },
    close: () => {
      void sharedFolder.close();
      void hub.close();
      deadlines.stop();
      void verifier.close();
      store.close();
    },
  };
}

/** Opens the store read-only (it must exist: the writer creates it): the screen never sees an import's uncommitted rows. */
export function openReaderRole(options: StoreWorkerOptions, emit: EmitMainEvent = () => {}): OpenedRole<ReaderServices> {
  // Read on each use: the writer changes them (the acting delegation) while the reader is open.
  const settings = () => readWorkstationSettings(settingsFileOf(options.dataDir));
  const reader = openReadableDatabase(join(storeDirOf(options.dataDir), DATABASE_FILE));
  // A connection of its own derives again, before a read, the rounds whose time has come; it never waits for an import.
  const refresher = openWritableDatabase(join(storeDirOf(options.dataDir), DATABASE_FILE));
  const source = new StoreCommissionSource(reader, settings, refresher, new AssessmentFiles(options.dataDir));
  const commission = new CommissionService(source, nodeSha256);
  const chunks = new ChunkStore(join(storeDirOf(options.dataDir), CHUNKS_FOLDER));
  const evidence = new EvidenceService(source, chunks, nodeSha256);
  // The audit reads through a connection of its own, so that a long audit never holds the queue's.
  const auditor = openReadableDatabase(join(storeDirOf(options.dataDir), DATABASE_FILE));
  const audit = new AuditService(auditor, chunks, emit);
  return {
    services: { commission, audit, evidence },
    // The writable connection last: when the writer is already closed, the last connection to close empties and deletes the WAL, which a read-only one cannot.
    close: () => {
      reader.close();
      auditor.close();
      refresher.close();
    },
  };
}

function isEmpty(store: Store): boolean {
  return (store.db.prepare('SELECT count(*) FROM objects').pluck().get() as number) === 0;
}

async function installDemo(store: Store, options: StoreWorkerOptions, log: (line: string) => void): Promise<void> {
  log('First start with no commission data: installing the DEMO commission (demo keys, synthetic data, illustrative line)…');
  const demo = await writeDemoCommission(join(options.dataDir, 'demo'), options.resourcesDir);
  const roster = { source: demo.rosterFile, bytes: new Uint8Array(await readFile(demo.rosterFile)) };
  for (const pack of demo.packs) {
    const report = await importPack(store, pack, { roster });
    if (report.rejected > 0) throw new Error(`demo pack ${pack}: ${report.rejected} objects were rejected (${report.rejections[0]?.reason ?? ''})`);
  }
  const settings: WorkstationSettings = { actingAs: DEMO_ACTING_AS, keyFile: join(demo.keysDir, `${DEMO_ACTING_AS}.key`), demo: true };
  await writeWorkstationSettings(settingsFileOf(options.dataDir), settings);
  log(`DEMO commission installed: ${demo.incidents} incidents; you act as ${DEMO_ACTING_AS} with a demo key.`);
}
