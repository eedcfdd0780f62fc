import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

let host: TruceLineHost;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

/** The path of one stored evidence file (chunks/<2 hex>/<64 hex>). */
function oneChunkFile(dataDir: string): string {
  const root = join(dataDir, 'store', 'chunks');
  const folder = readdirSync(root)
    .filter((name) => /^[0-9a-f]{2}$/.test(name))
    .sort()[0]!;
  const file = readdirSync(join(root, folder))
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .sort()[0]!;
  return join(root, folder, file);
}

test('"Audit this store" verifies every stored byte with progress, then names an evidence file damaged on disk, loudly', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');

  await page.getByRole('button', { name: 'Audit this store' }).click();
  const panel = page.getByRole('dialog', { name: 'Audit this store' });
  await panel.getByRole('button', { name: 'Start the audit' }).click();
  await app.waitForEvent('audit-finished');
  await expect(panel.getByTestId('audit-verdict')).toHaveText(/^Every stored byte verified: [\d,]+ objects, no mismatch\.$/);
  await expect(panel.getByTestId('audit-progress')).toContainText(/([\d,]+) of \1 objects/);

  // Someone changes one byte of a stored evidence file behind the workstation's back.
  const file = oneChunkFile(host.workspaceDir());
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1]! ^= 0x01;
  writeFileSync(file, bytes);

  await panel.getByRole('button', { name: 'Audit again' }).click();
  await app.waitForEvent('audit-finished', 2);
  await expect(panel.getByRole('alert')).toHaveText(/^1 stored object\(s\) FAIL verification: the store has been altered or damaged\./);
  await expect(panel.getByTestId('audit-findings')).toContainText(/CORRUPT: chunk [0-9a-f]{8}…: its bytes hash to [0-9a-f]{8}…/);
  await page.screenshot({ path: 'test-results/store-audit.png' });
});
