import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { IncidentDetail } from '../../shared/commission/views';
import type { IncidentPage } from '../../shared/commission/incident-list';
import { DEFAULT_INCIDENT_QUERY } from '../../shared/commission/incident-list';
import { callApi, untouchedIncident } from './driver/app-api';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// A whole round, as the commission would run it with this workstation acting for France, then for
// the chair (the demo lets one workstation act for any of its delegations; its keys are public).
// The other voting delegations assess elsewhere: with the `truceline` command and the demo's key
// files, their packs arriving in the inbox as a USB stick or a sync would bring them.

const CLI = resolve(__dirname, '../../dist/cli/truceline.js');
const PASSPHRASE = 'truceline-demo';
const OTHERS = ['AUT', 'CAN', 'DEU', 'EST', 'FIN', 'GBR', 'ITA', 'POL'] as const;

let host: TruceLineHost;
let dataDir: string;
let workspace: string;
let work: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'truceline-e2e-round-'));
  work = mkdtempSync(join(tmpdir(), 'truceline-e2e-round-work-'));
  host = await TruceLineHost.start({ dataDir });
  workspace = join(dataDir, 'commissions', 'demo');
});

test.afterAll(async () => {
  await host?.stop();
});

function cli(args: readonly string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TRUCELINE_PASSPHRASE: PASSPHRASE } });
}

/** Packs made elsewhere arrive in the inbox and are imported (as "Import packs" does). */
async function deliver(page: Page, packs: readonly string[]): Promise<void> {
  mkdirSync(join(workspace, 'inbox'), { recursive: true });
  for (const pack of packs) copyFileSync(pack, join(workspace, 'inbox', pack.split('/').pop()!));
  await callApi(page, 'importInbox');
}

async function unlock(page: Page): Promise<void> {
  await page.getByTestId('unlock-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/passphrase/i).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: /unlock/i }).click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'unlocked');
}

async function actAs(page: Page, member: string): Promise<void> {
  await page.getByTestId('act-as').selectOption(member);
  await expect(page.getByTestId('acting-as')).toContainText(member === 'CHAIR' ? 'Chair' : member === 'FRA' ? 'France' : member);
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'locked');
  await unlock(page);
}

test('France seals and reveals, the chair opens and closes the round, and the exported certificate verifies to the verdict on screen', async ({ page }) => {
  test.setTimeout(300_000);
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  const incident = await untouchedIncident(page);
  await app.selectInQueue(incident.number);
  const detail = app.detailPanel();

  // France: unlock, draft, seal.
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'locked');
  await page.getByTestId('unlock-button').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/passphrase/i).fill('not the passphrase');
  await dialog.getByRole('button', { name: /unlock/i }).click();
  await expect(page.getByTestId('unlock-error')).toContainText('wrong passphrase');
  await dialog.getByLabel(/passphrase/i).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: /unlock/i }).click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'unlocked');

  const form = page.getByTestId('draft-form');
  await form.getByLabel('Violation', { exact: true }).check();
  await form.getByLabel('Attribution').selectOption('RUS');
  await form.getByLabel('Confidence (%)').fill('85');
  await form.getByLabel('Rationale').fill('Radar tracks and acoustic bearings agree on the firing position east of the line.');
  await expect(page.getByTestId('draft-status')).toContainText('Saved on this workstation only');
  await page.getByTestId('seal-button').click();
  await expect(page.getByTestId('seal-meaning')).toContainText('sealed until the chair opens the reveal');
  await page.getByTestId('seal-confirm').click();
  await expect(page.getByTestId('assessment-step')).toContainText(/sealed/i);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/round-sealed.png' });

  // The other voting delegations seal elsewhere; their commitments arrive.
  const sealed: string[] = [];
  const keys = join(workspace, 'demo', 'keys');
  const commitments = OTHERS.map((member, i) => {
    const finding = i < 6 ? ['--finding', 'violation', '--attribution', 'RUS'] : ['--finding', 'no-violation', '--attribution', 'undetermined'];
    sealed.push(join(work, `${member}.sealed.json`));
    const out = join(work, `${member}-commit.pack`);
    cli([
      'assess',
      'commit',
      '--roster',
      join(workspace, 'demo', 'roster.json'),
      '--key',
      join(keys, `${member}.key`),
      '--incident',
      incident.id,
      ...finding,
      '--confidence',
      '70',
      '--rationale',
      `${member} (e2e)`,
      '--sealed-out',
      sealed[i]!,
      '--out',
      out,
    ]);
    return out;
  });
  await deliver(page, commitments);

  // The chair opens the reveal, listing the nine commitments.
  await actAs(page, 'CHAIR');
  await expect(page.getByTestId('commitments-received').locator('li')).toHaveCount(9);
  await page.getByTestId('open-reveal-button').click();
  await page.getByTestId('open-reveal-confirm').click();
  await expect(page.getByTestId('phase-line')).toBeVisible();

  // France reveals.
  await actAs(page, 'FRA');
  await expect(page.getByTestId('reveal-button')).toBeEnabled();
  await page.getByTestId('reveal-button').click();
  await expect(page.getByTestId('assessment-step')).toContainText(/revealed/i);
  await expect(detail.getByTestId('verdict-reason')).toContainText('8 voting members not revealed');

  // The others' reveals arrive: the tally on France's screen changes by itself.
  const reveals = OTHERS.map((member, i) => {
    const out = join(work, `${member}-reveal.pack`);
    cli(['assess', 'reveal', '--key', join(keys, `${member}.key`), '--sealed', sealed[i]!, '--out', out]);
    return out;
  });
  const changesBefore = await app.eventCount('store-changed');
  await deliver(page, reveals);
  await app.waitForEvent('store-changed', changesBefore + 1);
  await expect(detail.getByTestId('tally').locator('.outcome-badge').first()).toHaveAttribute('data-outcome', 'violation', { timeout: 30_000 });
  const onScreen = await callApi<IncidentDetail>(page, 'getIncident', incident.id);
  expect(onScreen.outcome).toMatchObject({ outcome: 'decided', finding: 'violation', attribution: 'RUS' });

  // The chair closes the round and exports the certificate.
  await actAs(page, 'CHAIR');
  await page.getByTestId('close-round-button').click();
  await expect(page.getByTestId('round-closed')).toBeVisible();
  await expect(detail.getByTestId('tally').locator('.finality-badge').first()).toHaveAttribute('data-finality', 'final');
  await page.getByTestId('export-certificate-button').click();
  await expect(page.getByTestId('certificate-written')).toBeVisible();
  await page.screenshot({ path: 'test-results/round-closed.png' });

  // Anyone can check it offline: `truceline verify` accepts it and gives the verdict the screen shows.
  const outbox = join(workspace, 'outbox');
  const [certificate] = readdirSync(outbox).filter((name) => name.startsWith(`certificate-${incident.number}`));
  const verified = JSON.parse(cli(['verify', join(outbox, certificate!), '--roster', join(workspace, 'demo', 'roster.json'), '--json'])) as {
    ok: boolean;
    certificates: { status: string; outcome: { verdict: unknown } }[];
  };
  expect(verified.ok).toBe(true);
  expect(verified.certificates).toHaveLength(1);
  expect(verified.certificates[0]!.status).toBe('final');
  const closedOnScreen = await callApi<IncidentDetail>(page, 'getIncident', incident.id);
  expect(verified.certificates[0]!.outcome.verdict).toEqual(closedOnScreen.tally.verdict);
  expect(closedOnScreen.finality.status).toBe('final');
});

test('the chair closes a split round without consensus: round 2 opens for assessments, round 1 is listed with its outcome, and France drafts for round 2', async ({ page }) => {
  test.setTimeout(180_000);
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  const list = await callApi<IncidentPage>(page, 'listIncidents', { ...DEFAULT_INCIDENT_QUERY, outcomes: ['no-consensus'], finality: 'provisional', limit: 500 });
  const split = list.items.find((i) => i.outcome.round === 1)!;
  expect(split).toBeDefined();
  await app.selectInQueue(split.number);
  const detail = app.detailPanel();

  await actAs(page, 'CHAIR');
  await expect(page.getByTestId('close-round-button')).toBeEnabled();
  await page.getByTestId('close-round-button').click();
  await expect(page.getByTestId('chair-round')).toHaveAttribute('data-round', '2');
  await expect(page.getByTestId('chair-round').getByTestId('round-opened')).toHaveText('Round 2 is open for assessments: round 1 closed with no consensus.');
  await expect(detail.getByTestId('tally').locator('h3')).toContainText('Tally — round 2');
  const earlier = detail.getByTestId('earlier-rounds').locator('li');
  await expect(earlier).toHaveCount(1);
  await expect(earlier.first()).toContainText('Round 1');
  await expect(earlier.first().locator('.outcome-badge')).toHaveAttribute('data-outcome', 'no-consensus');
  await expect(earlier.first().locator('.finality-badge')).toHaveAttribute('data-finality', 'final');
  await expect(app.queueItem(split.number).locator('.outcome-badge')).toHaveAttribute('data-outcome', 'pending');
  await page.screenshot({ path: 'test-results/round-two-open.png' });

  await actAs(page, 'FRA');
  await expect(page.getByTestId('assessment')).toHaveAttribute('data-round', '2');
  await expect(page.getByTestId('assessment')).toHaveAttribute('data-step', 'draft');
  await expect(page.getByTestId('assessment').locator('h3')).toHaveText('Your assessment — round 2');
  await expect(page.getByTestId('draft-form')).toBeVisible();
});
