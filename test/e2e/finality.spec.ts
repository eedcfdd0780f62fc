import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_MEMBERS } from '../../shared/demo/demo-commission';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

const VOTING = DEMO_MEMBERS.filter((m) => m.role === 'voting').length;
const CHAIR = DEMO_MEMBERS.find((m) => m.role === 'chair')!.name;

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

/** The first incident in the queue whose decided violation has the given finality. */
async function violationWith(app: TrucelineDriver, finality: 'final' | 'provisional'): Promise<string> {
  const option = app.incidentQueue().locator(`[role="option"]:has(.outcome-badge[data-outcome="violation"]):has(.finality-badge[data-finality="${finality}"])`).first();
  return (await option.getAttribute('data-incident'))!;
}

test('a closed demo incident shows FINAL with who closed it and its countersign count; an unclosed decided one shows PROVISIONAL', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const app = await openWorkstation(page);
  const detail = app.detailPanel();
  const tally = detail.getByTestId('tally');

  const provisional = await violationWith(app, 'provisional');
  await expect(app.queueItem(provisional).locator('.finality-badge')).toHaveText('PROVISIONAL');
  await app.selectInQueue(provisional);
  await expect(detail.locator('.detail-badges .finality-badge')).toHaveText('PROVISIONAL');
  await expect(tally.locator('.verdict .finality-badge')).toHaveText('PROVISIONAL');
  await expect(detail.getByTestId('finality')).toHaveText('no closing record yet: the verdict can still change');

  const closed = await violationWith(app, 'final');
  const badge = app.queueItem(closed).locator('.finality-badge');
  await expect(badge).toHaveText(new RegExp(`^FINAL · \\d/${VOTING} countersigned$`));
  const countersigned = Number((await badge.textContent())!.match(/(\d)\//)![1]);
  expect(countersigned).toBeGreaterThan(0);
  await app.selectInQueue(closed);
  await expect(detail.locator('.detail-badges .finality-badge')).toHaveText(`FINAL · ${countersigned}/${VOTING} countersigned`);
  await expect(tally.locator('.verdict .finality-badge')).toHaveText(/^FINAL/);
  await expect(detail.getByTestId('finality')).toHaveText(
    new RegExp(`^closed by ${CHAIR.replace(/[()]/g, '\\$&')} on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(:\\d\\d)? UTC, countersigned by ${countersigned} of ${VOTING} voting members \\(.+\\)$`),
  );
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/incident-final.png' });

  // The queue keeps only final verdicts when asked, and every row says so.
  await page.getByLabel('Finality').selectOption('final');
  const rows = app.incidentQueue().getByRole('option');
  // The queue asks the store for the filtered page: wait for its first row.
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) await expect(row.locator('.finality-badge')).toHaveAttribute('data-finality', 'final');
  await expect(app.queueItem(provisional)).toHaveCount(0);
});
