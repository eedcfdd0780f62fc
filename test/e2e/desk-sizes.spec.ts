import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { OUTCOME_MARKERS } from '../../renderer/incidents/outcome-style';
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
  { name: '1280x800', width: 1280, height: 800, zoom: 1 },
  { name: '1366x768', width: 1366, height: 768, zoom: 1 },
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

interface VisibleMap {
  readonly width: number;
  readonly height: number;
  readonly windowWidth: number;
  readonly windowHeight: number;
  /** The share of that box where the pointer meets the map itself, not its legend, its buttons or a card over it. */
  readonly unobscured: number;
}

/** The map's visible box (the canvas within the window, less whatever drawer lies over it), and how much of it is left clear, sampled on a grid. */
function visibleMap(page: Page): Promise<VisibleMap> {
  return page.evaluate(() => {
    const canvasElement = document.querySelector('[data-testid="map"] canvas')!;
    const canvas = canvasElement.getBoundingClientRect();
    const drawer = document.querySelector('.side-panel-overlay')?.getBoundingClientRect();
    const left = Math.max(canvas.left, drawer ? drawer.right : canvas.left, 0);
    const right = Math.min(canvas.right, window.innerWidth);
    const top = Math.max(canvas.top, 0);
    const bottom = Math.min(canvas.bottom, window.innerHeight);
    const steps = 48;
    let clear = 0;
    for (let i = 0; i < steps; i++)
      for (let j = 0; j < steps; j++) if (document.elementFromPoint(left + ((i + 0.5) * (right - left)) / steps, top + ((j + 0.5) * (bottom - top)) / steps) === canvasElement) clear++;
    return { width: right - left, height: bottom - top, windowWidth: window.innerWidth, windowHeight: window.innerHeight, unobscured: clear / steps ** 2 };
  });
}

/** Text in the queue's rows that runs out of its box without an ellipsis, a part out of its row, or two parts of a row on top of each other. */
function crampedQueueRows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
    for (const row of Array.from(document.querySelectorAll<HTMLElement>('.queue-item'))) {
      const number = row.dataset['incident'];
      const rowBox = row.getBoundingClientRect();
      for (const element of Array.from(row.querySelectorAll<HTMLElement>('*'))) {
        if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).textOverflow !== 'ellipsis')
          problems.push(`${number}: "${element.textContent?.trim().slice(0, 30)}" cut at ${element.clientWidth} of ${element.scrollWidth} px`);
      }
      const parts = Array.from(row.querySelectorAll<HTMLElement>('.queue-item-title > *, .queue-item-meta > *, .queue-item-standing, .queue-item-badges > *'));
      const boxes = parts.map((part) => part.getBoundingClientRect());
      boxes.forEach((box, i) => {
        if (box.left < rowBox.left - 0.5 || box.right > rowBox.right + 0.5) problems.push(`${number}: "${parts[i]!.textContent?.trim().slice(0, 30)}" out of its row`);
        for (let j = i + 1; j < boxes.length; j++)
          if (overlap(box, boxes[j]!)) problems.push(`${number}: "${parts[i]!.textContent?.trim().slice(0, 20)}" over "${parts[j]!.textContent?.trim().slice(0, 20)}"`);
      });
    }
    return problems;
  });
}

/** The things laid over the map (legend, Day control, view buttons, a picked item's card) that lie over one another. */
function overlappingMapOverlays(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const overlays = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="map"] > *')).filter((element) => !element.querySelector('canvas') && element.checkVisibility());
    const boxes = overlays.map((element) => element.getBoundingClientRect());
    const name = (element: HTMLElement) => element.getAttribute('aria-label') ?? element.dataset['testid'] ?? element.className;
    const found: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b, j) => {
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5)
          found.push(`${name(overlays[i]!)} over ${name(overlays[i + 1 + j]!)}`);
      }),
    );
    return found;
  });
}

/** Outcome badges in the queue and the detail without a shape beside their words, or with another shape than the map's marker for that outcome. */
function badgesWithoutShape(page: Page): Promise<string[]> {
  return page.evaluate((markers) => {
    return Array.from(document.querySelectorAll<HTMLElement>('.queue-item .outcome-badge, [data-testid="detail-panel"] .outcome-badge')).flatMap((badge) => {
      const shape = badge.querySelector<HTMLElement>('.outcome-shape');
      const expected = markers[badge.dataset['outcome'] as keyof typeof markers];
      if (!shape || shape.getAttribute('aria-hidden') !== 'true' || shape.dataset['marker'] !== expected || shape.getBoundingClientRect().width < 8)
        return [`"${badge.textContent}" (${badge.dataset['outcome']}): ${shape ? `${shape.dataset['marker']} shape, aria-hidden ${shape.getAttribute('aria-hidden')}` : 'no shape'}`];
      return [];
    });
  }, OUTCOME_MARKERS);
}

/** axe-core's WCAG 2.x A/AA rules at this size (the compact bar's icon and menu, the legend's toggle), as accessibility.spec.ts runs them at one size. */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[data-testid="map"] canvas').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** In CSS pixels, as LEGEND_OPEN_QUERY: a shorter window starts with the legend folded. */
const LEGEND_OPEN_MIN_HEIGHT = 900;

for (const size of SIZES) {
  test(`the desk at ${size.name}: the map keeps half the window, every control is reachable, no text under 12 px`, async ({ browser }) => {
    const { page, app, close } = await openAt(browser, size);
    try {
      const numbers = await app.queueNumbers();
      await app.selectInQueue(numbers[0]!);
      await expect(page.getByTestId('playback-ready').or(page.getByTestId('playback-none'))).toBeVisible({ timeout: 30_000 });
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: `test-results/desk-${size.name}.png` });
      const queue = page.getByTestId('queue-panel');
      if (await queue.isVisible()) await queue.screenshot({ path: `test-results/desk-queue-${size.name}.png` });

      const map = await visibleMap(page);
      const share = `${Math.round(map.width)}×${Math.round(map.height)} of a ${map.windowWidth}×${map.windowHeight} CSS px window`;
      console.log(`${size.name}: map ${share} (${(map.width / map.windowWidth).toFixed(3)} × ${(map.height / map.windowHeight).toFixed(3)}), ${(map.unobscured * 100).toFixed(1)} % of it clear`);
      expect(map.width, `map width: ${share}`).toBeGreaterThanOrEqual(map.windowWidth / 2);
      expect(map.height, `map height: ${share}`).toBeGreaterThanOrEqual(map.windowHeight / 2);
      // The legend folded, its toggle, the Day control and the view buttons (two rows on a narrow map) take a quarter of the smallest map, 352×180 at 200 %.
      expect(map.unobscured, 'share of the map not under its legend, buttons or cards').toBeGreaterThanOrEqual(0.7);
      expect(await unreachableControls(page)).toEqual([]);
      if (size.zoom === 1) expect(await smallText(page)).toEqual([]);
      expect(await crampedQueueRows(page)).toEqual([]);
      expect(await badgesWithoutShape(page)).toEqual([]);
      expect(await overlappingMapOverlays(page)).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);

      // The legend: folded to its button on a short window; opened there, it leaves every control reachable and 40 % of the map clear (its body scrolls).
      const legendToggle = page.getByRole('button', { name: 'Legend' });
      const legendOpen = map.windowHeight >= LEGEND_OPEN_MIN_HEIGHT;
      await expect(legendToggle).toHaveAttribute('aria-expanded', String(legendOpen));
      await legendToggle.click();
      await expect(legendToggle).toHaveAttribute('aria-expanded', String(!legendOpen));
      await expect(page.getByLabel('Legend').getByText('Ceasefire line')).toBeVisible({ visible: !legendOpen });
      if (!legendOpen) {
        expect(await unreachableControls(page)).toEqual([]);
        expect(await overlappingMapOverlays(page)).toEqual([]);
        expect((await visibleMap(page)).unobscured, 'share of the map clear with the legend open').toBeGreaterThanOrEqual(0.4);
      }
      await legendToggle.press('Enter');
      await expect(legendToggle).toHaveAttribute('aria-expanded', String(legendOpen));

      const banner = page.getByRole('banner');
      const more = banner.getByRole('button', { name: 'More' });
      if (await more.isVisible()) {
        // The compact app bar: Help and the room session are in the More menu, and sync still says where it stands, as an icon.
        await expect(banner.getByRole('button', { name: 'Help' })).toBeHidden();
        await expect(banner.getByRole('button', { name: 'Room session' })).toBeHidden();
        await expect(page.getByTestId('host')).toBeHidden();
        await expect(banner.getByRole('img', { name: /^Sync: / })).toBeVisible();
        await more.click();
        const menu = page.getByRole('menu');
        await expect(menu).toBeVisible();
        await expect(menu.getByRole('menuitem', { name: 'Help' })).toBeVisible();
        await expect(menu.getByRole('menuitem', { name: 'Room session' })).toBeVisible();
        expect(await unreachableControls(page, '[role="menu"]')).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();
        await expect(more).toBeFocused();

        // From the keyboard alone: open the menu, go to Help, open it; Esc closes it and focus is back on More.
        await page.keyboard.press('ArrowDown');
        await expect(menu).toBeVisible();
        const help = menu.getByRole('menuitem', { name: 'Help' });
        for (let press = 0; press < 10 && !(await help.evaluate((item) => item === document.activeElement)); press++) await page.keyboard.press('ArrowDown');
        await expect(help).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect(more).toBeFocused();
      } else {
        await expect(banner.getByRole('button', { name: 'Help' })).toBeVisible();
        await expect(banner.getByRole('button', { name: 'Room session' })).toBeVisible();
        await expect(page.getByTestId('host')).toBeVisible();
        await expect(banner.getByRole('img', { name: /^Sync: / })).toBeHidden();
      }
    } finally {
      await close();
    }
  });
}

test('the queue and the detail collapse to a rail and resize by keyboard; the widths are remembered across a reload', async ({ browser }) => {
  const { page, app, close } = await openAt(
    browser,
    SIZES.find((size) => size.name === '1920x1080')!,
  );
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
