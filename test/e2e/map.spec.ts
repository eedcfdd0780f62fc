import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { BASEMAP_COLORS } from '../../renderer/map/basemap-layers';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';
import { pixelStats } from './driver/pixels';

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the first screen draws the offline map with the illustrative line', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.mapRendered();

  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/first-screen.png' });
  const canvas = await app.mapCanvas().screenshot();

  const [r, g, b] = BASEMAP_COLORS.ceasefireLine;
  const stats = pixelStats(canvas, [r, g, b], 24);
  expect(stats.distinctColours, 'the map canvas is not blank').toBeGreaterThan(50);
  expect(stats.matching, 'pixels in the ceasefire line colour').toBeGreaterThan(300);

  await expect(page.getByTestId('host')).toHaveText(/System Chromium/);
  await expect(page.getByLabel('Legend')).toContainText('illustrative');
});

test('pointing, zooming and panning update coordinates, km along the line and the scale', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.mapRendered();
  const box = (await app.mapCanvas().boundingBox())!;

  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('cursor-lonlat')).toHaveText(/\d+\.\d{4}° N, \d+\.\d{4}° E/);
  await expect(page.getByTestId('cursor-chainage')).toHaveText(/km \d+\.\d of 7\d\d along the line, \d+\.\d km off it/);

  const scaleBefore = await page.getByTestId('scale').textContent();
  const zoomBefore = await page.getByTestId('zoom').textContent();
  await page.mouse.wheel(0, -600);
  await expect(page.getByTestId('zoom')).not.toHaveText(zoomBefore!);
  await expect(page.getByTestId('scale')).not.toHaveText(scaleBefore!);

  const before = await page.getByTestId('cursor-lonlat').textContent();
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 80, { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 + 1);
  await expect(page.getByTestId('cursor-lonlat')).not.toHaveText(before!);
});

test('the About panel shows every data source and its attribution', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await page.getByRole('button', { name: 'About / data sources' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Contains data from GeoNames (www.geonames.org), CC BY 4.0');
  await expect(dialog).toContainText('Natural Earth');
  await expect(dialog).toContainText('not an agreed or official line');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the page makes no request outside the app', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.mapRendered();
  await page.mouse.wheel(0, -400);
  await app.page.getByRole('button', { name: 'About / data sources' }).click();
  expect(app.requests.length).toBeGreaterThan(3);
  const outside = app.requests.filter((url) => !url.startsWith(`${host.origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  expect(outside).toEqual([]);
});
