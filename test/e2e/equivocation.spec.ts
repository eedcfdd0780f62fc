import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeDemoForkPack } from '../main/services/fixtures/demo-fork';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

const RESOURCES = resolve(__dirname, '../../resources');
/** The delegations that fork their logs on another incident (test/main/services/fixtures/demo-fork.ts). */
const FORKED = ['CAN', 'GBR', 'ITA'];

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

test('a fork made on another incident, imported from the inbox, shows the vote disputed on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');
  const decided = app
    .incidentQueue()
    .getByRole('option')
    .filter({ hasText: /Decided — violation, attributed to/ })
    .first();
  const number = (await decided.getAttribute('data-incident'))!;

  // Before: the three delegations' ballots count.
  await app.selectInQueue(number);
  const tally = app.detailPanel().getByTestId('tally');
  await expect(tally.locator('.verdict .outcome-badge')).toHaveAttribute('data-outcome', 'violation');
  for (const member of FORKED) await expect(tally.locator(`tr.member-row[data-member="${member}"]`)).toHaveAttribute('data-standing', 'counted');
  await app.detailPanel().getByRole('button', { name: 'Close incident' }).click();

  // GBR and CAN reuse their commitment's seq on another incident; ITA breaks its chain there.
  const inbox = join(host.workspaceDir(), 'inbox');
  mkdirSync(inbox, { recursive: true });
  await writeDemoForkPack(
    join(host.workspaceDir(), 'demo'),
    RESOURCES,
    number,
    [
      { delegation: 'GBR', how: 'same-seq' },
      { delegation: 'CAN', how: 'same-seq' },
      { delegation: 'ITA', how: 'broken-chain' },
    ],
    join(inbox, 'fork.pack'),
  );
  await page.getByRole('button', { name: 'Import packs' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Import 1 pack' }).click();
  await app.waitForEvent('import-finished');
  await expect(dialog.getByTestId('import-results')).toContainText('fork.pack: 3 added, 0 already stored, 0 rejected');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(app.queueItem(number).locator('.outcome-badge')).toHaveAttribute('data-outcome', 'disputed');
  await app.selectInQueue(number);
  await expect(tally.locator('.verdict .outcome-badge')).toHaveAttribute('data-outcome', 'disputed');
  for (const member of FORKED) {
    const row = tally.locator(`tr.member-row[data-member="${member}"]`);
    await expect(row).toHaveAttribute('data-standing', 'disputed');
    await expect(row).toHaveClass(/\bflagged\b/);
    await expect(row.getByTestId('standing')).toHaveText('disputed');
    await expect(row).toContainText('equivocation');
  }
  mkdirSync('test-results', { recursive: true });
  await tally.getByRole('table', { name: 'Delegations' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/fork-disputed.png' });
});
