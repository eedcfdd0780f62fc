import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { CLASS_COLORS } from '../../renderer/playback/class-colors';
import { pixelStats, pixelsMatching } from './driver/pixels';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// Evidence playback as a delegate uses it: select an incident, press play, watch the map change,
// filter, pick a track; and a damaged chunk that refuses to play.

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

async function shownCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('playback-count-total').getAttribute('data-shown'));
}

async function seekTo(page: Page, share: number): Promise<void> {
  const timeline = page.getByTestId('playback-timeline');
  const box = (await timeline.boundingBox())!;
  await page.mouse.click(box.x + box.width * share, box.y + box.height / 2);
}

test('an incident plays its verified evidence: the map changes with the playhead, counts follow, filters apply, a track can be picked', async ({ page }) => {
  const app = await openWorkstation(page);
  const numbers = await app.queueNumbers();
  await app.selectInQueue(numbers.find((n) => n.endsWith('31'))!);
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('verified-evidence')).toContainText('Playing verified evidence');
  await page.getByTestId('playback-mode-cumulative').click();

  await seekTo(page, 0.3);
  await app.waitForEvent('map-rendered');
  const early = await app.mapCanvas().screenshot();
  const earlyCount = await shownCount(page);
  await seekTo(page, 0.95);
  await app.waitForEvent('map-rendered');
  const late = await app.mapCanvas().screenshot();
  const lateCount = await shownCount(page);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/playback-early.png', early);
  writeFileSync('test-results/playback-late.png', late);
  await page.screenshot({ path: 'test-results/playback.png' });

  expect(lateCount, 'more detections shown later in a cumulative window').toBeGreaterThan(earlyCount);
  expect(Buffer.compare(early, late), 'the map differs between two playhead times').not.toBe(0);
  const dominant = CLASS_COLORS.map(([r, g, b]) => pixelStats(late, [r, g, b], 10).matching);
  expect(Math.max(...dominant), 'pixels in a detection class colour').toBeGreaterThan(20);

  // The class filter changes the count.
  const perClass = await page
    .locator('[data-testid^="playback-count-"][data-count]')
    .evaluateAll((nodes) => nodes.map((n) => ({ id: n.getAttribute('data-testid')!, count: Number(n.getAttribute('data-count')) })));
  const biggest = perClass.filter((c) => c.count > 0).sort((a, b) => b.count - a.count)[0]!;
  const cls = biggest.id.replace('playback-count-', '');
  await page.getByTestId(`playback-filter-class-${cls}`).click();
  await expect.poll(() => shownCount(page)).toBe(lateCount - biggest.count);

  // Press play: the playhead moves.
  const before = Number(await page.getByTestId('playback-time').getAttribute('data-playhead-s'));
  await page.getByTestId('playback-start').click();
  await page.getByTestId('playback-play').click();
  await expect.poll(async () => Number(await page.getByTestId('playback-time').getAttribute('data-playhead-s')), { timeout: 15_000 }).not.toBe(before);
  await page.getByTestId('playback-play').click();
});

test('clicking a track shows its id and cites it in the draft', async ({ page }) => {
  const app = await openWorkstation(page);
  const numbers = await app.queueNumbers();
  await app.selectInQueue(numbers.find((n) => n.endsWith('31'))!);
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('playback-mode-cumulative').click();
  await page.getByTestId('playback-end').click();
  // Every sensor kind off hides the detections; the tracks stay.
  const kinds = await page.locator('[data-testid^="playback-filter-kind-"][aria-pressed="true"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')!));
  for (const kind of kinds.filter((k) => k !== 'playback-filter-kind-all')) await page.getByTestId(kind).click();
  await expect.poll(() => shownCount(page)).toBe(0);
  await app.waitForEvent('map-rendered');
  const box = (await app.mapCanvas().boundingBox())!;
  const shot = await app.mapCanvas().screenshot();
  // Only the map itself: not the legend or the playback panel drawn over it.
  const covered = await Promise.all([page.getByLabel('Legend'), page.getByTestId('playback-ready')].map((l) => l.boundingBox()));
  const onMap = ({ x, y }: { x: number; y: number }) => covered.every((c) => !c || x + box.x < c.x || x + box.x > c.x + c.width || y + box.y < c.y || y + box.y > c.y + c.height);
  const trackPixels = pixelsMatching(shot, CLASS_COLORS, 6).filter(onMap);
  expect(trackPixels.length, 'track pixels in a class colour').toBeGreaterThan(10);
  const target = trackPixels[Math.floor(trackPixels.length / 2)]!;
  await page.mouse.click(box.x + target.x, box.y + target.y);
  await expect(page.getByTestId('evidence-pick')).toBeVisible();
  await expect(page.getByTestId('evidence-pick-title')).toHaveText(/^Track \d+ · /);
  await expect(page.getByTestId('evidence-pick-track-id')).toHaveText(/^\d+$/);
  await page.getByTestId('evidence-cite').click();
  await expect(page.getByTestId('evidence-cite')).toHaveText('Cited in your draft');
  await page.screenshot({ path: 'test-results/playback-pick.png' });
});

test('a damaged chunk does not play and says why', async ({ page }) => {
  const chunks = join(host.workspaceDir(), 'store', 'chunks');
  const app = await openWorkstation(page);
  const numbers = await app.queueNumbers();
  const victim = numbers.find((n) => n.endsWith('30'))!;
  await app.selectInQueue(victim);
  const sha = await app.detailPanel().locator('td.hash').first().getAttribute('title');
  const file = findChunk(chunks, sha!);
  const bytes = readFileSync(file);
  bytes[100]! ^= 0xff;
  writeFileSync(file, bytes);
  await page.reload();
  await app.waitForEvent('incidents-loaded');
  await app.selectInQueue(victim);
  await expect(page.getByTestId('playback-refused')).toContainText(/does not play.*hash/i, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/playback-refused.png' });
});

function findChunk(dir: string, sha: string): string {
  const path = join(dir, sha.slice(0, 2), sha);
  if (!readdirSync(join(dir, sha.slice(0, 2))).includes(sha)) throw new Error(`chunk ${sha} not found under ${dir}`);
  return path;
}

test('with no monitoring record in the store, the Day button is disabled and says why in one line', async ({ page }) => {
  await openWorkstation(page);
  await expect(page.getByTestId('open-day')).toBeDisabled();
  const reason = page.getByTestId('day-unavailable');
  await expect(reason).toHaveText(/^No day to play: the store holds no monitoring record/);
  await expect(page.getByTestId('open-day')).toHaveAttribute('aria-describedby', 'day-control-reason');
});
