import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { IncidentSummary } from '../../shared/commission/views';
import { pixelStats } from './driver/pixels';
import { listedIncidents, untouchedIncident } from './driver/app-api';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// The room's session window beside the desk: it follows the agenda the desk steps through, and its
// DOM never holds what is not public — a draft, a sealed finding, the key's status, who the desk acts
// for, or a path — checked on every step.

const PASSPHRASE = 'truceline-demo';
const RATIONALE = 'Session-secret rationale: crater analysis points north-east of the line';
const CONFIDENCE = '37';

let host: TruceLineHost;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'truceline-e2e-session-'));
  host = await TruceLineHost.start({ dataDir });
});

test.afterAll(async () => {
  await host?.stop();
});

/** Three incidents of the demo: the first has no commitment yet (France seals one on the desk). */
async function agendaIncidents(page: Page): Promise<IncidentSummary[]> {
  const first = await untouchedIncident(page, 'number');
  return [first, ...(await listedIncidents(page, 'number')).filter((other) => other.id !== first.id).slice(0, 2)];
}

/** What the session window must never show, whatever step it is on. */
async function expectOnlyPublicState(session: Page): Promise<void> {
  const text = await session.locator('body').innerText();
  const html = await session.content();
  expect(text).not.toContain(RATIONALE.slice(0, 30));
  expect(html).not.toContain('crater analysis');
  expect(text).not.toMatch(/\b(un)?locked\b|passphrase|signing key/i);
  expect(text).not.toMatch(/acting as/i);
  expect(html).not.toContain('/tmp/');
  expect(html).not.toContain(dataDir);
  expect(html).not.toMatch(/inbox|outbox|\.local\/share/);
  expect(text).not.toContain(`confidence ${CONFIDENCE} %`);
  // France sealed; what it found stays hidden until it reveals.
  const france = session.locator('.session__standings tr', { has: session.locator('th', { hasText: 'France' }) });
  if ((await france.count()) > 0) await expect(france.locator('td')).toHaveText(/^(committed|not yet|revealed: .*)$/);
}

/** A script in the session window reaches neither the desk's operations on its own origin nor the desk's origin. */
async function expectOnlyTheSessionRoutes(desk: Page, session: Page): Promise<void> {
  const deskOrigin = new URL(desk.url()).origin;
  expect(new URL(session.url()).origin).not.toBe(deskOrigin);
  const answers = await session.evaluate(async (deskOrigin) => {
    const post = (url: string) =>
      fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '[]' }).then(
        (response) => response.status,
        () => 'blocked',
      );
    return { own: await post('/api/getKeyStatus'), view: await post('/api/getSessionView'), desk: await post(`${deskOrigin}/api/getKeyStatus`) };
  }, deskOrigin);
  expect(answers).toEqual({ own: 403, view: 200, desk: 'blocked' });
}

async function smallestFontPx(session: Page): Promise<number> {
  return session.evaluate(() => {
    let smallest = Infinity;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const ownText = Array.from(element.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!ownText || (element as HTMLElement).offsetParent === null) continue;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
    }
    return smallest;
  });
}

async function screenshots(desk: Page, session: Page, step: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await desk.setViewportSize({ width, height });
    await session.setViewportSize({ width, height });
    await desk.screenshot({ path: `test-results/session-desk-${step}-${width}x${height}.png` });
    await session.screenshot({ path: `test-results/session-room-${step}-${width}x${height}.png` });
  }
}

test('the session window follows the agenda, blanks and freezes, and shows public state only', async ({ page }) => {
  test.setTimeout(240_000);
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  const incidents = await agendaIncidents(page);
  const [first] = incidents;

  // France drafts and seals on the desk: the room may learn that France committed, never what.
  await app.selectInQueue(first!.number);
  await page.getByTestId('unlock-button').click();
  const unlock = page.getByRole('dialog');
  await unlock.getByLabel(/passphrase/i).fill(PASSPHRASE);
  await unlock.getByRole('button', { name: /unlock/i }).click();
  await expect(page.getByTestId('key-status')).toHaveAttribute('data-state', 'unlocked');
  const form = page.getByTestId('draft-form');
  await form.getByLabel('Violation', { exact: true }).check();
  await form.getByLabel('Attribution').selectOption('RUS');
  await form.getByLabel('Confidence (%)').fill(CONFIDENCE);
  await form.getByLabel('Rationale').fill(RATIONALE);
  await expect(page.getByTestId('draft-status')).toContainText('Saved on this workstation only');
  await page.getByTestId('seal-button').click();
  await page.getByTestId('seal-confirm').click();
  await expect(page.getByTestId('assessment-step')).toContainText(/sealed/i);

  // The chair builds the agenda and opens the session window beside the desk.
  await page.getByTestId('session-button').click();
  const panel = page.getByTestId('session-panel');
  for (const incident of incidents) {
    await panel.getByTestId('session-find').fill(incident.number);
    await panel.getByRole('button', { name: `Add ${incident.number}` }).click();
    await expect(panel.getByTestId('session-agenda').locator('li')).toHaveCount(incidents.indexOf(incident) + 1);
  }
  const [session] = await Promise.all([page.context().waitForEvent('page'), panel.getByTestId('open-session-window').click()]);
  await session.waitForLoadState();
  await expect(session.locator('.session__position')).toHaveText(`Item 1 of ${incidents.length}`);
  await expectOnlyTheSessionRoutes(page, session);
  await expect(session.locator('.session__facts h2')).toContainText(first!.number);
  await expect(session.locator('.session__standings tr', { has: session.locator('th', { hasText: 'France' }) }).locator('td')).toHaveText('committed');
  await expect(session.locator('.session__board li')).toHaveCount(incidents.length);
  await expectOnlyPublicState(session);
  await screenshots(page, session, 'item-1');
  await session.setViewportSize({ width: 1920, height: 1080 });
  expect(await smallestFontPx(session)).toBeGreaterThanOrEqual(28);

  // Step through the agenda; every step is checked, and the desk shows the item stepped to.
  for (let index = 1; index < incidents.length; index += 1) {
    await panel.getByTestId('session-next').click();
    await expect(session.locator('.session__position')).toHaveText(`Item ${index + 1} of ${incidents.length}`);
    await expect(session.locator('.session__facts h2')).toContainText(incidents[index]!.number);
    await expect(panel.getByTestId('session-position')).toHaveText(`Item ${index + 1} of ${incidents.length}: ${incidents[index]!.number}`);
    await expect(app.detailPanel()).toContainText(incidents[index]!.number);
    await expectOnlyPublicState(session);
  }

  // Blank: black with the commission's name only.
  await panel.getByTestId('session-screen-blank').click();
  await expect(session.locator('main')).toHaveAttribute('data-screen', 'blank');
  await expect(session.locator('main h1')).not.toBeEmpty();
  await expect(session.locator('.session__facts')).toHaveCount(0);
  await expectOnlyPublicState(session);
  await screenshots(page, session, 'blank');

  // Freeze: the room keeps its picture while the desk moves on; live shows where the desk is.
  await panel.getByTestId('session-screen-live').click();
  await expect(session.locator('main')).toHaveAttribute('data-screen', 'live');
  await panel.getByTestId('session-screen-freeze').click();
  await expect(session.locator('main')).toHaveAttribute('data-screen', 'freeze');
  await panel.getByRole('button', { name: first!.number, exact: true }).click();
  await expect(panel.getByTestId('session-position')).toHaveText(`Item 1 of ${incidents.length}: ${first!.number}`);
  await expect(session.locator('.session__position')).toHaveText(`Item ${incidents.length} of ${incidents.length}`);
  await expectOnlyPublicState(session);
  await panel.getByTestId('session-screen-live').click();
  await expect(session.locator('.session__position')).toHaveText(`Item 1 of ${incidents.length}`);
  await expectOnlyPublicState(session);
  await screenshots(page, session, 'live');

  // The desk's playback is mirrored: play and pause on the desk, the room follows, and the session panel stays open beside it (it is no modal).
  await expect(app.detailPanel()).toContainText(first!.number);
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 30_000 });
  await expect(panel).toBeVisible();
  await page.getByTestId('playback-play').click();
  await expect(session.getByTestId('session-playback')).toContainText('playing');
  await page.getByTestId('playback-play').click();
  await expect(session.getByTestId('session-playback')).toContainText('paused');
  await expectOnlyPublicState(session);

  // The big map: the basemap and the item's evidence drawn (not a blank canvas), its clock following the desk's seeks and play.
  const map = session.getByTestId('session-map');
  await expect(map).toHaveAttribute('data-playback', 'ready', { timeout: 30_000 });
  await expect(map.locator('canvas')).toBeVisible();
  await expect
    .poll(async () => {
      const stats = pixelStats(await map.locator('canvas').screenshot(), [0, 0, 0], 8);
      return stats.distinctColours > 8 && stats.matching < stats.total * 0.9;
    })
    .toBe(true);
  const sessionPlayhead = async () => Number(await map.getAttribute('data-playhead'));
  await page.getByTestId('playback-step-forward-minute').click();
  await page.getByTestId('playback-step-forward-minute').click();
  await expect.poll(sessionPlayhead, { timeout: 5_000 }).toBeGreaterThanOrEqual(119);
  const before = await sessionPlayhead();
  await page.getByTestId('playback-play').click();
  await expect.poll(sessionPlayhead, { timeout: 5_000 }).toBeGreaterThan(before + 1);
  await page.getByTestId('playback-play').click();
  await expectOnlyPublicState(session);
  await screenshots(page, session, 'playback');

  // The docked panel takes one row from the desk: on a 720p projector the map keeps half the window's height.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(async () => (await app.mapCanvas().boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(360);

  // The chair steps on from the open panel and plays the next item on the desk: the room shows it and follows its playback.
  await expect(panel).toBeVisible();
  await panel.getByTestId('session-next').click();
  await expect(session.locator('.session__position')).toHaveText(`Item 2 of ${incidents.length}`);
  await expect(app.detailPanel()).toContainText(incidents[1]!.number);
  await expect(page.getByTestId('playback-ready')).toBeVisible({ timeout: 30_000 });
  // The room's map has the new item when its playhead is back at the start (it was at two minutes into the first).
  await expect.poll(sessionPlayhead, { timeout: 30_000 }).toBeLessThan(5);
  await expect(map).toHaveAttribute('data-playback', 'ready', { timeout: 30_000 });
  const second = await sessionPlayhead();
  await page.getByTestId('playback-play').click();
  await expect(session.getByTestId('session-playback')).toContainText('playing');
  await expect.poll(sessionPlayhead, { timeout: 5_000 }).toBeGreaterThan(second + 1);
  await page.getByTestId('playback-play').click();
  await expect(session.getByTestId('session-playback')).toContainText('paused');
  await expect(panel).toBeVisible();
  await expectOnlyPublicState(session);
});
