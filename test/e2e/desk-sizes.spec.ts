import { mkdirSync } from 'node:fs';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

// The desk at every size a delegation meets: a laptop, a projector, a large and a 4K monitor, and browser zoom.
// Zoom is emulated as Chromium applies it: the CSS viewport shrinks by the zoom factor and devicePixelRatio grows by it
// (a 1280×720 window at 200 % is a 640×360 CSS viewport at ratio 2), so media queries, vw units and layout see what a
// zoomed window shows. CSS `zoom` on the page would not: media queries and vw would still read the full width.

interface DeskSize {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly zoom: number;
}

const SIZES: readonly DeskSize[] = [
  { name: '1024x768', width: 1024, height: 768, zoom: 1 },
  { name: '1280x720', width: 1280, height: 720, zoom: 1 },
  { name: '1920x1080', width: 1920, height: 1080, zoom: 1 },
  { name: '3840x2160', width: 3840, height: 2160, zoom: 1 },
  { name: '1280x720-zoom150', width: 1280, height: 720, zoom: 1.5 },
  { name: '1280x720-zoom200', width: 1280, height: 720, zoom: 2 },
];

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

async function openAt(browser: Browser, size: DeskSize): Promise<{ page: Page; app: TrucelineDriver; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: Math.round(size.width / size.zoom), height: Math.round(size.height / size.zoom) }, deviceScaleFactor: size.zoom });
  const page = await context.newPage();
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  return { page, app, close: () => context.close() };
}

/** Every control a delegate could reach: each brought into view (scrolling its panel) must be hit at its centre by the pointer. */
function unreachableControls(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate((scope) => {
    const selector = 'button, select, input:not([type="hidden"]), textarea, a[href], summary, [role="option"], [role="separator"][tabindex], [role="tab"], [role="menuitem"]';
    const problems: string[] = [];
    for (const element of Array.from(document.querySelector(scope)!.querySelectorAll<HTMLElement>(selector))) {
      if (element.closest('[inert]') || !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      if (element.classList.contains('queue-item-pending')) continue;
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      const name = `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}"`;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        problems.push(`${name} outside the window at ${Math.round(x)},${Math.round(y)}`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      const label = element instanceof HTMLInputElement && element.labels?.[0];
      if (!hit || !(element.contains(hit) || (label && label.contains(hit))))
        problems.push(`${name} covered by ${hit?.tagName.toLowerCase() ?? 'nothing'}.${hit?.className ?? ''} "${hit?.textContent?.trim().slice(0, 30) ?? ''}"`);
    }
    return problems;
  }, within);
}

/** Text nodes rendered below 12 CSS pixels (map labels are drawn on the canvas and checked elsewhere). */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || !parent.checkVisibility()) continue;
      const size = parseFloat(getComputedStyle(parent).fontSize);
      if (size < 12) found.push(`${size}px "${node.textContent.trim().slice(0, 30)}" in ${parent.tagName.toLowerCase()}.${parent.className}`);
    }
    return found;
  });
}

/** The map's visible box: the canvas less whatever drawer lies over it. */
function visibleMap(page: Page): Promise<{ width: number; height: number; windowWidth: number; windowHeight: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="map"] canvas')!.getBoundingClientRect();
    const drawer = document.querySelector('.side-panel-overlay')?.getBoundingClientRect();
    const left = Math.max(canvas.left, drawer ? drawer.right : canvas.left);
    return { width: canvas.right - left, height: canvas.height, windowWidth: window.innerWidth, windowHeight: window.innerHeight };
  });
}

for (const size of SIZES) {
  test(`the desk at ${size.name}: the map keeps half the window, every control is reachable, no text under 12 px`, async ({ browser }) => {
    const { page, app, close } = await openAt(browser, size);
    try {
      const numbers = await app.queueNumbers();
      await app.selectInQueue(numbers[0]!);
      await expect(page.getByTestId('playback-ready').or(page.getByTestId('playback-none'))).toBeVisible({ timeout: 30_000 });
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/desk-${size.name}.png` });

      const map = await visibleMap(page);
      console.log(`${size.name}: map ${Math.round(map.width)}×${Math.round(map.height)} of a ${map.windowWidth}×${map.windowHeight} CSS px window`);
      expect(map.width, `map ${Math.round(map.width)} of ${map.windowWidth} CSS px wide`).toBeGreaterThanOrEqual(map.windowWidth / 2);
      expect(map.height, `map ${Math.round(map.height)} of ${map.windowHeight} CSS px tall`).toBeGreaterThanOrEqual(map.windowHeight * 0.4);
      expect(await unreachableControls(page)).toEqual([]);
      if (size.zoom === 1) expect(await smallText(page)).toEqual([]);

      // The app bar's overflow menu, where there is one: every item in it reachable, Esc closes it back to its button.
      const more = page.getByRole('button', { name: 'More' });
      if (await more.isVisible()) {
        await more.click();
        await expect(page.getByRole('menu')).toBeVisible();
        expect(await unreachableControls(page, '[role="menu"]')).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('menu')).toBeHidden();
        await expect(more).toBeFocused();
      }
    } finally {
      await close();
    }
  });
}

test('the queue and the detail collapse to a rail and resize by keyboard; the widths are remembered across a reload', async ({ browser }) => {
  const { page, app, close } = await openAt(browser, SIZES[2]!);
  try {
    const numbers = await app.queueNumbers();
    await app.selectInQueue(numbers[0]!);
    const mapWidth = async () => (await app.mapCanvas().boundingBox())!.width;
    const before = await mapWidth();

    await page.getByRole('button', { name: 'Hide the incident queue' }).click();
    await expect(app.incidentQueue()).toBeHidden();
    await expect.poll(mapWidth).toBeGreaterThan(before + 150);
    await page.getByRole('button', { name: 'Show the incident queue' }).click();
    await expect(app.incidentQueue()).toBeVisible();

    const handle = page.getByRole('separator', { name: 'Resize the incident detail' });
    const start = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(handle).toHaveAttribute('aria-valuenow', String(start - 32));
    const detailWidth = (await page.getByTestId('detail-panel').boundingBox())!.width;

    await page.getByRole('button', { name: 'Hide the incident detail' }).click();
    await expect(app.detailPanel()).toBeHidden();
    await page.reload();
    await app.waitForEvent('incidents-loaded');
    await expect(page.getByRole('button', { name: 'Show the incident detail' })).toBeVisible();
    await page.getByRole('button', { name: 'Show the incident detail' }).click();
    await expect(page.getByRole('separator', { name: 'Resize the incident detail' })).toHaveAttribute('aria-valuenow', String(start - 32));
    expect(Math.round((await page.getByTestId('detail-panel').boundingBox())!.width)).toBe(Math.round(detailWidth));
  } finally {
    await close();
  }
});
