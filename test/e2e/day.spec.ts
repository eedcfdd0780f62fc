import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// The day of the line: a generated monitoring day (`truceline generate --scale tiny`) imported with
// the CLI into a workstation's store; its monitoring record plays every chunk of the day, streamed
// in bucket by bucket.

const CLI = resolve(__dirname, '../../dist/cli/truceline.js');
let host: TruceLineHost;
let detections = 0;

test.beforeAll(async () => {
  const generated = mkdtempSync(join(tmpdir(), 'truceline-day-'));
  const summary = JSON.parse(execFileSync(process.execPath, [CLI, 'generate', '--scale', 'tiny', '--out', generated, '--force', '--json'], { encoding: 'utf8' })) as { detections: number };
  detections = summary.detections;
  const dataDir = mkdtempSync(join(tmpdir(), 'truceline-e2e-day-'));
  const packs = [join(generated, 'day.pack'), ...readdirSync(join(generated, 'incidents')).map((name) => join(generated, 'incidents', name))];
  execFileSync(process.execPath, [CLI, 'store', 'import', '--db', join(dataDir, 'store'), '--roster', join(generated, 'roster.json'), ...packs]);
  host = await TruceLineHost.start({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
});

test('the monitoring record plays the whole generated day, chunk by chunk, every detection counted', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');
  const record = (await app.queueNumbers()).find((n) => n.startsWith('REC-'));
  expect(record, 'the monitoring record is in the queue').toBeDefined();
  await app.selectInQueue(record!);
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('playback-streaming')).toHaveCount(0, { timeout: 60_000 });
  const badge = page.getByTestId('verified-evidence');
  await badge.locator('summary').click();
  expect(await badge.locator('li').count(), 'the day comes in several chunks').toBeGreaterThan(2);
  await expect(page.getByTestId('playback-count-total')).toHaveAttribute('data-total', String(detections));

  // The day's incidents are marked on its timeline; a marker plays from that incident's start.
  const markers = page.getByTestId('playback-marker');
  await expect(markers.first()).toBeVisible();
  expect(await markers.count()).toBeGreaterThanOrEqual(5);
  const before = await page.getByTestId('playback-time').getAttribute('data-playhead-s');
  await markers.nth(2).click();
  await expect(page.getByTestId('playback-time')).not.toHaveAttribute('data-playhead-s', before!);

  await page.getByTestId('playback-mode-cumulative').click();
  await page.getByTestId('playback-end').click();
  await expect(page.getByTestId('playback-count-total')).toHaveAttribute('data-shown', String(detections));
  await app.waitForEvent('map-rendered');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/playback-day.png' });
});

test('the Day button on the map opens the monitoring record’s day without looking for it in the queue', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');
  const button = page.getByTestId('open-day');
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('day-control')).toContainText(/REC-\d{4}-\d{2}-\d{2}-S1/);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await button.click();
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('playback-streaming')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('playback-count-total')).toHaveAttribute('data-total', String(detections));
  await expect(page.locator('.playback-title')).toHaveText(/^REC-/);
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  expect(await page.getByTestId('playback-marker').count(), 'the day’s incidents are marked').toBeGreaterThanOrEqual(5);
  await page.getByTestId('playback-play').click();
  await app.waitForEvent('map-rendered');
  await page.screenshot({ path: 'test-results/playback-day-button.png' });
});
