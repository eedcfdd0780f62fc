import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { IncidentPage } from '../../shared/commission/incident-list';
import { DEFAULT_INCIDENT_QUERY } from '../../shared/commission/incident-list';
import { callApi, untouchedIncident } from './driver/app-api';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// axe-core's WCAG 2.x A/AA rules on each screen of the desk; a 'serious' or 'critical' violation fails.
// The map's WebGL canvas is left out: axe cannot read what is drawn in it (its labels and markers are
// pixels), and the map's controls and legend around it are still checked.

const PASSPHRASE = 'truceline-demo';
const FAILING_IMPACTS = new Set(['serious', 'critical']);

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

async function expectNoSeriousViolation(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[data-testid="map"] canvas').analyze();
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  const described = failing.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} (${n.failureSummary ?? ''})`).join(', ')}`);
  expect.soft(described, `axe on ${screen}`).toEqual([]);
}

/** Clicks an app-bar button, whether it stands in the bar or in its "More" menu. */
async function openFromAppBar(page: Page, name: RegExp): Promise<void> {
  const button = page.getByRole('banner').getByRole('button', { name });
  if (!(await button.isVisible())) await page.getByRole('banner').getByRole('button', { name: /more/i }).click();
  await page.getByRole('button', { name }).first().click();
}

async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test('every screen of the desk passes axe-core without a serious or critical violation', async ({ page }) => {
  test.setTimeout(240_000);
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  await app.mapRendered();
  await expectNoSeriousViolation(page, 'the first screen');

  await app.selectInQueue((await untouchedIncident(page)).number);
  await expectNoSeriousViolation(page, 'an incident selected');

  await page.getByTestId('unlock-button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolation(page, 'the unlock dialog');
  await page
    .getByRole('dialog')
    .getByLabel(/passphrase/i)
    .fill(PASSPHRASE);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /unlock/i })
    .click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'unlocked');

  const form = page.getByTestId('draft-form');
  await form.getByLabel('Violation', { exact: true }).check({ timeout: 20_000 });
  await form.getByLabel('Attribution').selectOption('RUS');
  await form.getByLabel('Confidence (%)').fill('85');
  await form.getByLabel('Rationale').fill('Radar tracks and acoustic bearings agree on the firing position east of the line.');
  await expect(page.getByTestId('draft-status')).toContainText('Saved on this workstation only');
  await expectNoSeriousViolation(page, 'a draft');
  await page.getByTestId('seal-button').click();
  await expect(page.getByTestId('seal-meaning')).toBeVisible();
  await expectNoSeriousViolation(page, 'the seal dialog');
  await closeDialog(page);

  for (const [name, screen] of [
    [/^sync$/i, 'the Sync panel'],
    [/commissions|leave the demo/i, 'the Commissions dialog'],
    [/about/i, 'the About panel'],
    [/import packs/i, 'the import panel'],
    [/audit/i, 'the audit panel'],
    [/^help$/i, 'the Help panel'],
  ] as const) {
    await openFromAppBar(page, name);
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoSeriousViolation(page, screen);
    await closeDialog(page);
  }
});

test('the Help panel explains the commission’s words and lists the keyboard shortcuts', async ({ page }) => {
  await TrucelineDriver.openWorkstation(page, host.launchUrl);
  await page.getByRole('button', { name: 'Help' }).click();
  const help = page.getByRole('dialog', { name: 'Help' });
  for (const term of ['Consensus', 'Recused', 'Equivocation', 'Silence procedure', 'Quorum', 'Disputed']) await expect(help.getByTestId('glossary')).toContainText(term);
  for (const key of ['Space', 'Home / End', 'Esc']) await expect(help.getByTestId('shortcuts')).toContainText(key);
  await closeDialog(page);
  await expect(page.getByRole('button', { name: 'Help' })).toBeFocused();
});

test('the About and Sync panels are modal: focus moves in, Esc closes them, focus returns to the button that opened them', async ({ page }) => {
  await TrucelineDriver.openWorkstation(page, host.launchUrl);
  for (const name of [/about/i, /^sync$/i]) {
    await openFromAppBar(page, name);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await closeDialog(page);
    await expect(page.getByRole('button', { name })).toBeFocused();
  }
});

test('the map zooms, resets and fits the line from the keyboard, and its labels carry the names’ own characters', async ({ page }) => {
  const missingCharacters: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Missing character')) missingCharacters.push(message.text());
  });
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  await app.mapRendered();
  const zoom = async () => Number((await page.getByTestId('zoom').textContent())!.replace('zoom ', ''));
  const fitted = await zoom();

  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  await zoomIn.focus();
  await page.keyboard.press('Enter');
  await expect.poll(zoom).toBeCloseTo(fitted + 1, 1);
  await page.keyboard.press('Enter');
  await expect.poll(zoom).toBeCloseTo(fitted + 2, 1);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(zoom).toBeCloseTo(fitted + 1, 1);

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(zoom).toBeCloseTo(5.6, 1);
  await page.getByRole('button', { name: 'Fit the line' }).click();
  await expect.poll(zoom).toBeCloseTo(fitted, 1);

  // Settlement labels show from zoom 7; the font atlas must hold ’ (Radens’k) and the other letters of the names.
  const renders = await app.eventCount('map-rendered');
  while ((await zoom()) < 7.5) {
    const before = await zoom();
    await zoomIn.click();
    await expect.poll(zoom).toBeCloseTo(before + 1, 1);
  }
  await app.waitForEvent('map-rendered', renders + 1);
  expect(missingCharacters).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/map-labels.png' });
});

test('the room session panel and the session window pass axe-core without a serious or critical violation', async ({ page }) => {
  test.setTimeout(120_000);
  await TrucelineDriver.openWorkstation(page, host.launchUrl);
  const [incident] = (await callApi<IncidentPage>(page, 'listIncidents', { ...DEFAULT_INCIDENT_QUERY, limit: 1 })).items;
  await page.getByTestId('session-button').click();
  const panel = page.getByTestId('session-panel');
  await panel.getByTestId('session-find').fill(incident!.number);
  await panel.getByRole('button', { name: `Add ${incident!.number}` }).click();
  await expect(panel.getByTestId('session-agenda').locator('li')).toHaveCount(1);
  await expectNoSeriousViolation(page, 'the room session panel');
  const [session] = await Promise.all([page.context().waitForEvent('page'), panel.getByTestId('open-session-window').click()]);
  await session.waitForLoadState();
  await expect(session.locator('.session__facts h2')).toContainText(incident!.number);
  await expectNoSeriousViolation(session, 'the session window');
  await session.close();
});
