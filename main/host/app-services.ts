import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACTING_AS } from '../../shared/demo/demo-commission';
import type { AppServices } from '../api/handlers';
import { nodeSha256 } from '../crypto/node-sha256';
import { writeDemoCommission } from '../demo/write-demo';
import { CommissionService } from '../services/commission-service';
import { ImportService } from '../services/import-service';
import { StoreCommissionSource } from '../services/store-commission-source';
import { readWorkstationSettings, writeWorkstationSettings, type WorkstationSettings } from '../services/workstation-settings';
import { importPack } from '../store/import-pack';
import { pinnedRoster } from '../store/roster-trust';
import { openReadableDatabase } from '../store/database';
import { DATABASE_FILE, openStore, type Store } from '../store/store';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly log: (line: string) => void;
}

export interface OpenedServices extends AppServices {
  readonly dataDir: string;
  close(): void;
}

/** Where the Chromium host keeps its data (Electron uses app.getPath('userData')). */
export function defaultDataDir(): string {
  if (process.env['TRUCELINE_DATA_DIR']) return process.env['TRUCELINE_DATA_DIR'];
  const base = process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'truceline');
}

/**
 * Opens the workstation's store and services. On first start with an empty store the demo
 * commission is written and imported like any commission's packs: verified object by object.
 */
export async function openAppServices(options: AppServicesOptions): Promise<OpenedServices> {
  const store = openStore(join(options.dataDir, 'store'), { create: true });
  const settingsFile = join(options.dataDir, 'workstation.json');
  let settings = readWorkstationSettings(settingsFile);
  try {
    if (!pinnedRoster(store.db) && isEmpty(store)) settings = await installDemo(store, options, settingsFile);
  } catch (error) {
    store.close();
    throw error;
  }
  // The screen reads through its own read-only connection: it never sees an import's uncommitted rows.
  const reader = openReadableDatabase(join(store.dir, DATABASE_FILE));
  const commission = new CommissionService(new StoreCommissionSource(reader, () => settings), nodeSha256);
  const imports = new ImportService(store, join(options.dataDir, 'inbox'));
  return {
    dataDir: options.dataDir,
    commission,
    imports,
    close: () => {
      reader.close();
      store.close();
    },
  };
}

function isEmpty(store: Store): boolean {
  return (store.db.prepare('SELECT count(*) FROM objects').pluck().get() as number) === 0;
}

async function installDemo(store: Store, options: AppServicesOptions, settingsFile: string): Promise<WorkstationSettings> {
  options.log('First start with no commission data: installing the DEMO commission (demo keys, synthetic data, illustrative line)…');
  const demo = await writeDemoCommission(join(options.dataDir, 'demo'), options.resourcesDir);
  const roster = { source: demo.rosterFile, bytes: new Uint8Array(await readFile(demo.rosterFile)) };
  for (const pack of demo.packs) {
    const report = await importPack(store, pack, { roster });
    if (report.rejected > 0) throw new Error(`demo pack ${pack}: ${report.rejected} objects were rejected (${report.rejections[0]?.reason ?? ''})`);
  }
  const settings: WorkstationSettings = { actingAs: DEMO_ACTING_AS, keyFile: join(demo.keysDir, `${DEMO_ACTING_AS}.key`), demo: true };
  await writeWorkstationSettings(settingsFile, settings);
  options.log(`DEMO commission installed: ${demo.incidents} incidents; you act as ${DEMO_ACTING_AS} with a demo key.`);
  return settings;
}
