import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { IncidentPage } from '../../shared/commission/incident-list';
import { DEFAULT_INCIDENT_QUERY } from '../../shared/commission/incident-list';
import type { IncidentDetail } from '../../shared/commission/views';
import type { SyncOverview } from '../../shared/sync/sync-status';
import { callApi } from './driver/app-api';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// The field laptop's round trip in the app alone: France's laptop was last in step with the
// commission's headquarters when it left; a USB stick brings a new incident from headquarters
// (copied into the inbox), France assesses and seals it, exports for headquarters what it lacks,
// and the stick carries that pack back to headquarters — a second workstation — where France's
// commitment arrives, verified.

const CLI = resolve(__dirname, '../../dist/cli/truceline.js');
const PASSPHRASE = 'truceline-demo';
const HQ = 'Commission HQ';
const LAPTOP = 'France field laptop';

let laptop: TruceLineHost;
let hq: TruceLineHost;
let stick: string;

test.beforeAll(async () => {
  [laptop, hq] = await Promise.all([
    TruceLineHost.start({ dataDir: mkdtempSync(join(tmpdir(), 'truceline-e2e-laptop-')) }),
    TruceLineHost.start({ dataDir: mkdtempSync(join(tmpdir(), 'truceline-e2e-hq-')) }),
  ]);
  // Headquarters' new incidents: another synthetic day, signed with the demo commission's keys.
  const generated = mkdtempSync(join(tmpdir(), 'truceline-e2e-stick-'));
  const run = spawnSync(process.execPath, [CLI, 'generate', '--scale', 'tiny', '--seed', '1', '--out', generated], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  stick = join(generated, 'incidents');
});

test.afterAll(async () => {
  await Promise.all([laptop?.stop(), hq?.stop()]);
});

async function incidentIds(page: Page): Promise<Set<string>> {
  const list = await callApi<IncidentPage>(page, 'listIncidents', { ...DEFAULT_INCIDENT_QUERY, limit: 500 });
  return new Set(list.items.map((item) => item.id));
}

/** The queue draws only the rows in view: scrolls it until the incident's row is drawn, then selects it (by id: the demo and a generated day share incident numbers). */
async function selectIncident(app: TrucelineDriver, id: string, number: string): Promise<void> {
  const queue = app.incidentQueue();
  const row = queue.locator(`[id="incident-option-${id}"]`);
  for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
    await queue.evaluate((list) => list.scrollBy(0, list.clientHeight / 2));
    await app.page.waitForTimeout(50);
  }
  const shown = await app.eventCount(`incident-detail-shown:${number}`);
  await row.scrollIntoViewIfNeeded();
  await row.click();
  await app.waitForEvent(`incident-detail-shown:${number}`, shown + 1);
  await expect(row).toHaveAttribute('aria-selected', 'true');
}

async function openSync(page: Page): Promise<ReturnType<Page['getByTestId']>> {
  await page.getByTestId('sync-button').click();
  const panel = page.getByTestId('sync-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** Imports what waits in the inbox from the Sync panel, saying which peer it comes from; resolves with the results' text. */
async function importFrom(app: TrucelineDriver, panel: ReturnType<Page['getByTestId']>, peer: string): Promise<string> {
  const finished = await app.eventCount('import-finished');
  await panel.getByTestId('import-peer').fill(peer);
  await panel.getByTestId('import-packs-button').click();
  await app.waitForEvent('import-finished', finished + 1);
  return (await panel.getByTestId('sync-import-results').textContent()) ?? '';
}

/** Exports for a peer from the Sync panel; resolves with the pack's file name in the outbox and its objects. */
async function exportFor(app: TrucelineDriver, panel: ReturnType<Page['getByTestId']>, peer: string, scope: 'since-last' | 'everything'): Promise<{ file: string; objects: number }> {
  const exported = await app.eventCount(`peer-pack-exported:${peer}`);
  await panel.getByTestId('export-peer').fill(peer);
  await panel.getByLabel(scope === 'since-last' ? 'Since the last exchange with this peer' : 'Everything').check();
  await panel.getByTestId('export-button').click();
  await app.waitForEvent(`peer-pack-exported:${peer}`, exported + 1);
  const text = (await panel.getByTestId('export-written').textContent()) ?? '';
  const match = /^Wrote (\S+\.pack) for .* \(([\d,]+) objects?,/.exec(text);
  expect(match, text).not.toBeNull();
  return { file: match![1]!, objects: Number(match![2]!.replace(/,/g, '')) };
}

test('a field laptop imports from a stick, assesses, and exports back what headquarters lacks; headquarters receives the commitment, verified', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const app = await TrucelineDriver.openWorkstation(page, laptop.launchUrl);
  await expect(page.getByTestId('host')).toHaveText('System Chromium · offline');

  // When the laptop left, it was in step with headquarters: everything went out once.
  let panel = await openSync(page);
  await expect(panel.getByTestId('sync-target-peer-packs')).toContainText('no exchange yet');
  const baseline = await exportFor(app, panel, HQ, 'everything');
  expect(baseline.objects).toBeGreaterThan(100);
  await expect(panel.getByTestId('sync-target-peer-packs')).toContainText('last exchange just now · 0 objects waiting to go out');

  // The stick from headquarters: its packs are copied into the inbox and imported from the Sync panel.
  const inbox = join(laptop.workspaceDir(), 'inbox');
  mkdirSync(inbox, { recursive: true });
  const before = await incidentIds(page);
  const packs = readdirSync(stick).sort().slice(0, 1);
  for (const pack of packs) copyFileSync(join(stick, pack), join(inbox, pack));
  await panel.getByRole('button', { name: 'Refresh' }).click();
  await expect(panel.getByTestId('sync-waiting')).toContainText('1 pack(s) waiting');
  expect(await importFrom(app, panel, HQ)).toMatch(new RegExp(`${packs[0]}: 3 added, 0 already stored, 0 rejected`));
  // Headquarters sent them: they are not waiting to go back to it.
  await expect(panel.getByTestId('sync-target-peer-packs')).toContainText('0 objects waiting to go out · 3 objects received · 0 quarantined');
  await panel.getByRole('button', { name: 'Close' }).click();

  // France assesses the incident that came on the stick, and seals.
  const [incidentId] = [...(await incidentIds(page))].filter((id) => !before.has(id));
  expect(incidentId).toBeDefined();
  const incident = await callApi<IncidentDetail>(page, 'getIncident', incidentId);
  await selectIncident(app, incidentId!, incident.number);
  await page.getByTestId('unlock-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/passphrase/i).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: /unlock/i }).click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'unlocked');
  const form = page.getByTestId('draft-form');
  await form.getByLabel('Violation', { exact: true }).check();
  await form.getByLabel('Attribution').selectOption('RUS');
  await form.getByLabel('Confidence (%)').fill('80');
  await form.getByLabel('Rationale').fill('Assessed in the field: the acoustic bearings and the radar track agree.');
  await expect(page.getByTestId('draft-status')).toContainText('Saved on this workstation only');
  await page.getByTestId('seal-button').click();
  await page.getByTestId('seal-confirm').click();
  await expect(page.getByTestId('assessment-step')).toContainText(/sealed/i);
  const sealed = await callApi<IncidentDetail>(page, 'getIncident', incidentId);
  const commitment = sealed.participation!.commitments.at(-1)!.id;

  // Export back: only what headquarters lacks — France's commitment, and the roster to check it.
  panel = await openSync(page);
  await expect(panel.getByTestId('export-waiting')).toHaveCount(0);
  await panel.getByTestId('export-peer').fill(HQ);
  await expect(panel.getByTestId('export-waiting')).toContainText(`1 object that ${HQ} lacks`);
  const back = await exportFor(app, panel, HQ, 'since-last');
  expect(back.file).toMatch(/^Commission-HQ-\d{8}T\d{6}Z\.pack$/);
  expect(back.objects).toBeLessThanOrEqual(3);
  await expect(panel.getByTestId('sync-target-peer-packs')).toContainText('0 objects waiting to go out · 3 objects received');
  await expect(panel.getByTestId('quarantine')).toContainText('Nothing is in the quarantine');
  await expect(panel.getByTestId('peer-list').getByRole('row', { name: new RegExp(HQ) })).toContainText(/just now · \d objects.*just now · 3 objects\s*0$/);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/field-laptop-sync.png' });
  await expect(page.getByTestId('host')).toHaveText('System Chromium · offline');

  // Headquarters made the incident that went out on the stick.
  const hqInbox = join(hq.workspaceDir(), 'inbox');
  mkdirSync(hqInbox, { recursive: true });
  for (const pack of packs) copyFileSync(join(stick, pack), join(hqInbox, pack));
  const hqPage = await browser.newPage();
  const hqApp = await TrucelineDriver.openWorkstation(hqPage, hq.launchUrl);
  const hqPanel = await openSync(hqPage);
  expect(await importFrom(hqApp, hqPanel, '')).toMatch(new RegExp(`${packs[0]}: 3 added`));

  // The stick comes back: the pack from the laptop's outbox lands in headquarters' inbox and is imported.
  copyFileSync(join(laptop.workspaceDir(), 'outbox', back.file), join(hqInbox, back.file));
  // Something else that came on the stick: set aside once, not offered again.
  writeFileSync(join(hqInbox, 'notes.pack'), 'meeting notes, not a pack');
  await hqPanel.getByRole('button', { name: 'Refresh' }).click();
  await expect(hqPanel.getByTestId('sync-waiting')).toContainText('2 pack(s) waiting');
  const results = await importFrom(hqApp, hqPanel, LAPTOP);
  expect(results).toMatch(new RegExp(`${back.file}: \\d+ added, \\d+ already stored, 0 rejected`));
  expect(results).toContain('notes.pack: not imported — not a pack');
  await expect(hqPanel.getByTestId('sync-waiting')).toContainText('No pack is waiting.');
  expect(readdirSync(join(hqInbox, 'not-packs')).sort()).toEqual(['notes.pack', 'notes.pack.reason.txt']);
  await expect(hqPanel.getByTestId('quarantine')).toContainText('Nothing is in the quarantine');
  await expect(hqPanel.getByTestId('peer-list').getByRole('row', { name: new RegExp(LAPTOP) })).toContainText(new RegExp(`never\\s*just now · ${back.objects} objects`));
  const overview = await callApi<SyncOverview>(hqPage, 'getSyncStatus');
  expect(overview.targets.find((t) => t.kind === 'peer-packs')).toMatchObject({ received: 3 + back.objects, quarantined: 0, state: 'error' });
  await expect(hqPanel.getByTestId('sync-target-error')).toContainText('1 of 2 pack(s) not imported: notes.pack: not a pack');
  await hqPanel.getByRole('button', { name: 'Close' }).click();

  // France's commitment is there, verified: headquarters' France sees it sealed elsewhere, and the chair sees it received.
  const atHq = await callApi<IncidentDetail>(hqPage, 'getIncident', incidentId);
  expect(atHq.participation).toMatchObject({ member: 'FRA', step: 'committed' });
  expect(atHq.participation!.commitments.map((c) => [c.id, c.sealedHere])).toEqual([[commitment, false]]);
  await hqPage.getByTestId('act-as').selectOption('CHAIR');
  await expect(hqPage.getByTestId('acting-as')).toContainText('Chair');
  await selectIncident(hqApp, incidentId!, incident.number);
  await expect(hqPage.getByTestId('commitments-received').locator('li[data-member="FRA"]')).toHaveCount(1);
  await hqPage.screenshot({ path: 'test-results/field-laptop-hq.png' });
  await hqPage.close();
});
