import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

const CLI = resolve(__dirname, '../../dist/cli/truceline.js');

let host: TruceLineHost;
let generated: string;

test.beforeAll(async () => {
  host = await TruceLineHost.start();
  // The mission's packs for another synthetic day, signed with the demo commission's keys (seed 1).
  generated = mkdtempSync(join(tmpdir(), 'truceline-generated-'));
  const run = spawnSync(process.execPath, [CLI, 'generate', '--scale', 'tiny', '--seed', '1', '--out', generated], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
});

test.afterAll(async () => {
  await host?.stop();
});

test('packs copied into the inbox are imported object by object, with progress, results and quarantine', async ({ page }) => {
  const app = new TrucelineDriver(page);
  await app.open(host.launchUrl);
  await app.waitForEvent('incidents-loaded');
  await expect(page.getByTestId('store-counts')).toContainText('0 quarantined');
  const before = Number(/(\d+) incidents/.exec((await page.getByTestId('store-counts').textContent())!)![1]);

  const inbox = join(host.workspaceDir(), 'inbox');
  mkdirSync(inbox, { recursive: true });
  const packs = readdirSync(join(generated, 'incidents')).sort().slice(0, 2);
  for (const pack of packs) copyFileSync(join(generated, 'incidents', pack), join(inbox, pack));
  // A pack in which one evidence chunk had a byte changed in transit: that chunk alone is refused.
  const damaged = readFileSync(join(generated, 'incidents', readdirSync(join(generated, 'incidents')).sort()[2]!));
  const position = chunkContentOffset(damaged) + 10;
  damaged.writeUInt8(damaged.readUInt8(position) ^ 0xff, position);
  writeFileSync(join(inbox, 'zz-damaged.pack'), damaged);

  const loads = await app.eventCount('incidents-loaded');
  await page.getByRole('button', { name: 'Import packs' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('inbox-path')).toContainText(inbox);
  await expect(dialog.getByTestId('waiting')).toContainText('3 pack(s) waiting');
  await dialog.getByRole('button', { name: 'Import 3 packs' }).click();
  await app.waitForEvent('import-finished');

  const results = dialog.getByTestId('import-results');
  for (const pack of packs) await expect(results).toContainText(new RegExp(`${pack}: 3 added, 0 already stored, 0 rejected`));
  await expect(results).toContainText('zz-damaged.pack: 2 added, 0 already stored, 1 rejected');
  await expect(results).toContainText(/digest-mismatch: object [0-9a-f]{64}: its content hashes to/);
  await expect(dialog.getByTestId('waiting')).toContainText('No pack is waiting.');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/import.png' });

  // The queue and the header read the store again because the main process pushed storeChanged; nothing polls.
  await app.waitForEvent('store-changed');
  await app.waitForEvent('incidents-loaded', loads + 1);
  expect(app.requests.filter((url) => url.endsWith('/api/getImportStatus'))).toHaveLength(1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('store-counts')).toContainText(`${before + 3} incidents`);
  await expect(page.getByTestId('store-counts')).toContainText('1 quarantined');
});

/** Where the content of a pack's first chunk starts: ustar headers are 512-byte blocks (name at 0, octal size at 124); index.json comes first and lists each object's kind. */
function chunkContentOffset(tar: Buffer): number {
  const field = (at: number, length: number) =>
    tar
      .subarray(at, at + length)
      .toString('ascii')
      .replace(/\0.*$/s, '')
      .trim();
  let offset = 0;
  let chunks = new Set<string>();
  while (offset + 512 <= tar.length && tar.readUInt8(offset) !== 0) {
    const name = field(offset, 100);
    const size = parseInt(field(offset + 124, 12), 8);
    const content = offset + 512;
    if (name === 'index.json') {
      const index = JSON.parse(tar.subarray(content, content + size).toString('utf8')) as { objects: { id: string; kind: string }[] };
      chunks = new Set(index.objects.filter((o) => o.kind === 'chunk').map((o) => o.id));
    } else if (chunks.has(name)) {
      return content;
    }
    offset = content + Math.ceil(size / 512) * 512;
  }
  throw new Error('the pack holds no chunk');
}
