import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../main/api/handlers';
import { openAppServices, type OpenedServices } from '../../../main/host/app-services';
import { workspaceDir } from '../../../main/workspaces/workspace-layout';
import { toBase64 } from '../../../shared/encoding/base64';
import type { MainEventName } from '../../../shared/ipc/contract';
import type { MemberId } from '../../../shared/objects/types';
import { bundleEntries, commission, incidentBundle, packBytes, removeTempDirs, signedEntry, tempDir, type Commission, type IncidentBundle } from '../store/fixtures/store-fixtures';

const RESOURCES = resolve(__dirname, '../../../resources');

let c: Commission;
let bundle: IncidentBundle;
let services: OpenedServices;
let dataDir: string;
const events: MainEventName[] = [];

beforeAll(async () => {
  c = await commission();
  bundle = await incidentBundle(c, 1);
  dataDir = tempDir('truceline-app-');
  services = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
  services.events.subscribe((event) => void events.push(event));
}, 120_000);
afterAll(async () => {
  await services?.close();
  removeTempDirs();
});

describe('the app services switching commission', () => {
  it('answer for the joined commission after joining, and for the demo again after switching back, through the same handlers', async () => {
    const api = createApiHandlers({ host: 'chromium', resourcesDir: RESOURCES, version: 'test', testMode: true }, services);
    const demo = await api.getCommission();
    expect(demo.demo).toBe(true);
    const demoQueue = await api.listIncidents(emptyQuery());
    expect(demoQueue.total).toBeGreaterThan(0);

    const pack = toBase64(await packBytes('sync', [signedEntry(c.genesis), signedEntry(c.v2), ...bundleEntries(bundle)]));
    const summary = await api.inspectRosterPack(pack);
    const joined = await api.joinCommission(pack, summary.rosterId, 'FRA' as MemberId);
    expect(joined).toMatchObject({ id: c.genesis.id, current: true });
    expect(events).toContain('workstationChanged');
    expect(services.workspaceDir()).toBe(workspaceDir(dataDir, c.genesis.id));

    const real = await api.getCommission();
    expect(real).toMatchObject({ commission: 'Joint Ceasefire Commission (test vectors)', demo: false });
    const queue = await api.listIncidents({ ...emptyQuery(), limit: 50 });
    expect(queue.items.map((row) => row.id)).toEqual([bundle.incident.id]);

    await api.useWorkspace('demo');
    expect((await api.getCommission()).demo).toBe(true);
    expect((await api.listIncidents({ ...emptyQuery(), limit: 50 })).items.map((row) => row.id)).not.toContain(bundle.incident.id);
    expect((await api.listWorkspaces()).map((w) => [w.id, w.current])).toEqual([
      ['demo', true],
      [c.genesis.id, false],
    ]);
  }, 120_000);
});

function emptyQuery() {
  return { outcomes: [], category: null, finality: null, from: null, to: null, kmMin: null, kmMax: null, needsMyAction: false, text: null, sort: 'time-desc' as const, offset: 0, limit: 5 };
}
