import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the launch link signs the browser in once, with an HttpOnly cookie the page cannot read', async ({ page, browser }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await page.context().cookies()).toEqual([expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/' })]);

  // Whoever read the link from the process list or the history comes too late.
  const stranger = await browser.newContext();
  const refused = await (await stranger.newPage()).goto(host.launchUrl);
  expect(refused?.status()).toBe(403);
  await stranger.close();

  // The signed-in page keeps working across a reload.
  await page.reload();
  await app.waitForEvent('incidents-loaded');
});

test('a backend that stops answering shows a banner; Retry issues the held calls again', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');
  const number = (await app.incidentQueue().getByRole('option').first().getAttribute('data-incident'))!;

  // Every API call now fails as if the server were gone.
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await app.queueItem(number).click();
  const banner = page.getByTestId('backend-lost');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Lost contact: the workstation service does not answer');
  expect(await app.eventCount(`incident-detail-shown:${number}`)).toBe(0);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/backend-lost.png' });

  // Retry while it is still gone keeps the banner; once it answers, Retry loads what was asked.
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toBeVisible();
  await page.unroute('**/api/**');
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toBeHidden();
  await app.waitForEvent(`incident-detail-shown:${number}`);
  await expect(app.detailPanel()).toContainText(number);
});
