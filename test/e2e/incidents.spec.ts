import { mkdirSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { OUTCOME_CLASSES, type OutcomeClass } from '../../renderer/incidents/outcome-style';
import type { CommissionView } from '../../shared/commission/views';
import { DEMO_ACTING_AS, DEMO_MEMBERS } from '../../shared/demo/demo-commission';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

const ASSESSING_MEMBERS = DEMO_MEMBERS.filter((m) => m.role === 'voting' || m.role === 'party' || m.role === 'observer');
const PARTIES = DEMO_MEMBERS.filter((m) => m.role === 'party');
const VOTING = DEMO_MEMBERS.filter((m) => m.role === 'voting');
/** The outcomes the demo's scenarios produce; it has no round that adopts 'inconclusive'. */
const DEMO_OUTCOMES: readonly OutcomeClass[] = ['violation', 'no-violation', 'no-consensus', 'pending', 'disputed'];

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

function openWorkstation(page: Page): Promise<TrucelineDriver> {
  return TrucelineDriver.openWorkstation(page, host.launchUrl);
}

async function numberIn(locator: Locator): Promise<number> {
  return Number(await locator.textContent());
}

async function outcomeCounts(page: Page): Promise<Record<OutcomeClass, number>> {
  const entries = await Promise.all(OUTCOME_CLASSES.map(async (c) => [c, await numberIn(page.getByTestId(`outcome-count-${c}`))] as const));
  return Object.fromEntries(entries) as Record<OutcomeClass, number>;
}

async function firstWithOutcome(app: TrucelineDriver, outcome: OutcomeClass): Promise<string> {
  const option = app.incidentQueue().locator(`[role="option"]:has(.outcome-badge[data-outcome="${outcome}"])`).first();
  return (await option.getAttribute('data-incident'))!;
}

test('the header names the demo commission, its roster, the delegation acted for, and warns of demo keys', async ({ page }) => {
  await openWorkstation(page);
  const actingAs = DEMO_MEMBERS.find((m) => m.id === DEMO_ACTING_AS)!;
  await expect(page.getByTestId('demo-badge')).toHaveText('DEMO — demo keys, not for real use');
  await expect(page.getByTestId('roster-status')).toHaveText(/^Roster v\d+ · current until \d{4}-\d\d-\d\d$/);
  await expect(page.getByTestId('acting-as')).toHaveText(`acting as ${actingAs.name}`);
  await expect(page.getByTestId('store-counts')).toHaveText(/^\d+ objects · \d+ incidents · 0 quarantined$/);
});

test('an expired roster is shown loudly, and a workstation without a key as read only', async ({ page }) => {
  await page.route('**/api/getCommission', async (route) => {
    const reply = (await (await route.fetch()).json()) as { ok: true; value: CommissionView };
    const value: CommissionView = { ...reply.value, roster: { ...reply.value.roster, status: 'expired' }, actingAs: null, demo: false };
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value }) });
  });
  await openWorkstation(page);
  await expect(page.getByRole('alert')).toHaveText(/^Roster v\d+ EXPIRED \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  await expect(page.getByTestId('acting-as')).toHaveText('read only: no delegation key installed');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});

test('the queue lists every demo incident, verified, with every outcome kind the demo holds', async ({ page }) => {
  const app = await openWorkstation(page);
  const options = app.incidentQueue().getByRole('option');
  const total = await options.count();
  expect(total).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('queue-count')).toHaveText(`${total} of ${total} incidents`);

  const counts = await outcomeCounts(page);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
  for (const outcome of DEMO_OUTCOMES) expect(counts[outcome], outcome).toBeGreaterThan(0);
  for (const outcome of OUTCOME_CLASSES) {
    await expect(app.incidentQueue().locator(`.outcome-badge[data-outcome="${outcome}"]`), outcome).toHaveCount(counts[outcome]);
  }
  const partyNames = PARTIES.map((p) => p.name.replace(/[()]/g, '\\$&')).join('|');
  await expect(
    app
      .incidentQueue()
      .getByText(new RegExp(`^Decided — violation, attributed to (${partyNames})$`))
      .first(),
  ).toBeVisible();

  const verification = await app.incidentQueue().getByTestId('verification').allTextContents();
  expect(verification).toHaveLength(total);
  for (const text of verification) expect(text).toMatch(/^✓ verified · evidence (\d+)\/\1$/);
  await expect(options.first()).toHaveText(/INC-\S+.+\d{4}-\d\d-\d\d \d\d:\d\d.*UTC.*km \d+\.\d/);
});

test('selecting an incident in the queue flies the map to it and shows its evidence and the tally of every delegation', async ({ page }) => {
  // Tall enough for the screenshot to hold the whole tally table.
  await page.setViewportSize({ width: 1280, height: 1000 });
  const app = await openWorkstation(page);
  const number = await firstWithOutcome(app, 'violation');
  await app.selectInQueue(number);

  const detail = app.detailPanel();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText(number);
  await expect(app.queueItem(number)).toHaveAttribute('aria-selected', 'true');
  expect(Number((await page.getByTestId('zoom').textContent())!.replace('zoom ', ''))).toBeGreaterThanOrEqual(7.5);

  await expect(detail.getByRole('table', { name: 'Observations' }).locator('tbody tr').first()).toHaveText(/\d/);
  const evidenceRows = detail.getByRole('table', { name: 'Evidence' }).locator('tbody tr');
  expect(await evidenceRows.count()).toBeGreaterThan(0);
  for (const row of await evidenceRows.all()) await expect(row).toHaveText(/[0-9a-f]{12}….*present$/);

  const tally = detail.getByTestId('tally');
  await expect(tally.locator('.verdict .outcome-badge')).toHaveAttribute('data-outcome', 'violation');
  await expect(tally.getByTestId('verdict-reason')).not.toBeEmpty();
  await expect(tally.getByTestId('tally-counts').locator('div', { hasText: 'Voting members' }).locator('dd')).toHaveText(String(VOTING.length));

  const rows = tally.getByRole('table', { name: 'Delegations' }).locator('tr.member-row');
  await expect(rows).toHaveCount(ASSESSING_MEMBERS.length);
  const recused = tally.locator('tr.member-row[data-standing="recused"]');
  await expect(recused).toHaveCount(PARTIES.length);
  for (const party of PARTIES) {
    await expect(tally.locator(`tr.member-row[data-member="${party.id}"] td`).nth(1)).toHaveText('party');
    await expect(tally.locator(`tr.member-row[data-member="${party.id}"]`).getByTestId('standing')).toHaveText('recused — not counted');
  }
  await expect(tally.locator(`tr.member-row[data-member="${DEMO_ACTING_AS}"] .you-tag`)).toHaveText('you');

  mkdirSync('test-results', { recursive: true });
  await tally.getByRole('table', { name: 'Delegations' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/incident-detail.png' });
});

test('a disputed tally names the equivocating delegation and highlights its ballot', async ({ page }) => {
  const app = await openWorkstation(page);
  const number = await firstWithOutcome(app, 'disputed');
  await app.selectInQueue(number);
  const tally = app.detailPanel().getByTestId('tally');
  await expect(tally.getByRole('note')).toContainText('equivocation');
  const flagged = tally.locator('tr.member-row.flagged');
  expect(await flagged.count()).toBeGreaterThan(0);
  await expect(flagged.first()).toContainText('equivocation');
});

test('clicking an incident marker on the map selects that incident', async ({ page }) => {
  const app = await openWorkstation(page);
  const number = (await app.queueNumbers())[3]!;
  await app.selectInQueue(number);
  await app.detailPanel().getByRole('button', { name: 'Close incident' }).click();
  await expect(page.getByTestId('detail-empty')).toBeVisible();
  await expect(app.queueItem(number)).toHaveAttribute('aria-selected', 'false');

  // The flight ended with the incident at the centre of the map. Closing the detail also closes the
  // playback dock under the map, so the map grows: its centre is read again until it has.
  let centre = { x: 0, y: 0 };
  await expect(async () => {
    const box = (await app.mapCanvas().boundingBox())!;
    centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(centre.x, centre.y);
    await expect(page.locator('.deck-tooltip')).toContainText(number, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.mouse.click(centre.x, centre.y);
  await expect(app.detailPanel().getByRole('heading', { level: 2 })).toContainText(number);
  await expect(app.queueItem(number)).toHaveAttribute('aria-selected', 'true');
});

test('the queue is navigable with the keyboard', async ({ page }) => {
  const app = await openWorkstation(page);
  const numbers = await app.queueNumbers();
  await app.incidentQueue().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(app.queueItem(numbers[1]!)).toHaveClass(/\bactive\b/);
  await page.keyboard.press('Enter');
  await app.waitForEvent(`incident-detail-shown:${numbers[1]}`);
  await expect(app.detailPanel().getByRole('heading', { level: 2 })).toContainText(numbers[1]!);

  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(app.detailPanel().getByRole('heading', { level: 2 })).toContainText(numbers.at(-1)!);
  await expect(app.queueItem(numbers.at(-1)!)).toBeInViewport();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('detail-empty')).toBeVisible();
});

test('the queue filters by outcome and category and sorts by time or km', async ({ page }) => {
  const app = await openWorkstation(page);
  const options = app.incidentQueue().getByRole('option');
  const total = await options.count();
  const counts = await outcomeCounts(page);
  const outcomeFilters = page.getByRole('group', { name: 'Filter by outcome' });

  await outcomeFilters.getByRole('button', { name: /^Pending/ }).click();
  await expect(options).toHaveCount(counts.pending);
  await expect(app.incidentQueue().locator('.outcome-badge:not([data-outcome="pending"])')).toHaveCount(0);
  await outcomeFilters.getByRole('button', { name: /^Disputed/ }).click();
  await expect(options).toHaveCount(counts.pending + counts.disputed);
  await expect(outcomeFilters.getByRole('button', { name: /^Disputed/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(options).toHaveCount(total);

  const category = page.getByLabel('Category');
  const choice = category.locator('option').nth(1);
  const [label, count] = /^(.+) \((\d+)\)$/.exec((await choice.textContent())!)!.slice(1);
  await category.selectOption((await choice.getAttribute('value'))!);
  await expect(options).toHaveCount(Number(count));
  for (const shown of await app.incidentQueue().locator('.incident-category').allTextContents()) expect(shown).toBe(label);
  await category.selectOption('all');
  await expect(options).toHaveCount(total);

  const starts = async () => (await app.incidentQueue().locator('.queue-item-meta span:first-child').allTextContents()).map((t) => t.slice(0, 16));
  const newestFirst = await starts();
  expect(newestFirst).toEqual([...newestFirst].sort().reverse());
  await page.getByLabel('Sort').selectOption('time-asc');
  await expect.poll(starts).toEqual([...newestFirst].sort());
  await page.getByLabel('Sort').selectOption('km');
  // The queue asks the store for the page in the new order.
  await expect(options).toHaveCount(total);
  const kms = (await app.incidentQueue().locator('.queue-item-meta span:last-child').allTextContents()).map((t) => Number(t.replace('km ', '')));
  expect(kms).toHaveLength(total);
  expect(kms).toEqual([...kms].sort((a, b) => a - b));
});

test('an API error is shown as one readable line, and Retry asks again', async ({ page }) => {
  for (const operation of ['getCommission', 'listIncidents']) {
    const refusal = JSON.stringify({ ok: false, error: { code: 'internal', message: 'no commission roster is installed yet' } });
    await page.route(`**/api/${operation}`, (route) => route.fulfill({ contentType: 'application/json', body: refusal }));
  }
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await expect(page.getByTestId('incidents-error')).toContainText(/^Could not load the incidents: no commission roster is installed yet/);
  await expect(page.getByTestId('commission-error')).toHaveText('No commission: no commission roster is installed yet');

  await page.unrouteAll();
  await page.getByTestId('incidents-error').getByRole('button', { name: 'Retry' }).click();
  await app.waitForEvent('incidents-loaded');
  await expect(app.incidentQueue().getByRole('option').first()).toBeVisible();
  await expect(page.getByTestId('commission')).toBeVisible();
});
