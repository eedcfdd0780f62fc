import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../main/launcher/electron-binary';
import { TrucelineDriver } from './driver/truceline-app';

const ROOT = resolve(__dirname, '../..');
const binary = findElectronBinary(ROOT);

test.describe('in Electron', () => {
  test.skip(!binary.present, `Electron binary not installed here (${binary.present ? '' : binary.reason}); \`npm run electron:install\` fetches it where its host is reachable`);

  test('the window shows the map from the app scheme, with a locked-down page', async () => {
    if (!binary.present) return;
    const app = await electron.launch({ executablePath: binary.path, args: [ROOT], env: { ...process.env, TRUCELINE_TEST: '1' } });
    try {
      const page = await app.firstWindow();
      const driver = new TrucelineDriver(page);
      await driver.waitForEvent('basemap-loaded');
      await driver.mapRendered();
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/electron-first-screen.png' });

      expect(page.url()).toMatch(/^app:\/\/truceline\//);
      await expect(page.getByTestId('host')).toHaveText(/Electron/);
      expect(await page.evaluate(() => [typeof (window as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
      expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
      await page.evaluate(() => {
        window.location.href = 'https://example.org/';
      });
      await expect.poll(() => page.url()).toMatch(/^app:\/\/truceline\//);
    } finally {
      await app.close();
    }
  });
});
