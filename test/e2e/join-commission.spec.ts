import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { TruceLineHost, TrucelineDriver } from './driver/truceline-app';

const CLI = resolve(__dirname, '../../dist/cli/truceline.js');
const PASSPHRASE = 'the secretariat handed this over';

let host: TruceLineHost;
let secretariat: string;

/** What a commission's secretariat hands a new delegation: the genesis roster (made with the CLI), and the delegation's sealed key file. */
function makeCommission(): string {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-secretariat-'));
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { env: { ...process.env, TRUCELINE_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' });
  for (const member of ['CHAIR', 'FRA', 'DEU']) cli('keygen', '--member', member, '--out', join(dir, `${member}.key`), '--kdf', 'interactive');
  const template = {
    commission: 'Northern Sector Joint Commission',
    expires: '2031-01-01T00:00:00Z',
    updateThreshold: 2,
    rule: { method: 'unanimity', weighted: false, silenceProcedure: false },
    lineGeometryFile: resolve(__dirname, '../../resources/basemap/ceasefire_line_illustrative.geojson'),
    members: [
      { id: 'CHAIR', name: 'Chair', role: 'chair', weight: 0 },
      { id: 'FRA', name: 'France', role: 'voting', weight: 1 },
      { id: 'DEU', name: 'Germany', role: 'voting', weight: 1 },
    ],
  };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
  const publicKeys = ['CHAIR', 'FRA', 'DEU'].flatMap((m) => ['--public-key', join(dir, `${m}.key.pub.json`)]);
  cli('roster', 'create', '--template', join(dir, 'template.json'), ...publicKeys, '--key', join(dir, 'CHAIR.key'), '--key', join(dir, 'FRA.key'), '--out', join(dir, 'roster-v1.json'));
  return dir;
}

test.beforeAll(async () => {
  secretariat = makeCommission();
  host = await TruceLineHost.start();
});

test.afterAll(async () => {
  await host?.stop();
});

test('a newcomer leaves the demo: joins a commission from its roster file and key file, and switching back shows the demo again', async ({ page }) => {
  const app = await TrucelineDriver.openWorkstation(page, host.launchUrl);
  const demoIncidents = await app.queueNumbers();
  expect(demoIncidents.length).toBeGreaterThan(0);
  await expect(page.getByTestId('demo-badge')).toBeVisible();

  await page.getByTestId('commissions-button').click();
  const dialog = page.getByTestId('commissions-dialog');
  await expect(dialog.getByTestId('workspace-list')).toContainText('Demo commission (public demo keys — never use for real assessments)');
  await dialog.getByTestId('roster-file-input').setInputFiles(join(secretariat, 'roster-v1.json'));

  // The fingerprint to compare with the secretariat: the roster's id as words and as hex.
  const rosterId = createHash('sha256')
    .update(readFileSync(join(secretariat, 'roster-v1.json')))
    .digest('hex');
  const summary = dialog.getByTestId('roster-summary');
  await expect(summary).toContainText('Northern Sector Joint Commission');
  await expect(summary).toContainText('Roster v1');
  await expect(dialog.getByTestId('fingerprint-hex')).toHaveText(rosterId.match(/.{4}/g)!.join(' '));
  expect((await dialog.getByTestId('fingerprint-words').locator('li').allTextContents()).join(' ').split(' ')).toHaveLength(32);
  await expect(dialog.getByTestId('join-button')).toBeDisabled();
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/join-fingerprint.png' });
  await dialog.getByTestId('fingerprint-compared').check();
  await dialog.getByTestId('join-member').selectOption('FRA');
  const changes = await app.eventCount('workstation-changed');
  await dialog.getByTestId('join-button').click();
  await app.waitForEvent('workstation-changed', changes + 1);

  await expect(page.getByTestId('commission')).toContainText('Northern Sector Joint Commission');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);

  // The key step: a key file of the delegation, opened with its passphrase, listed in the roster.
  await dialog.getByTestId('key-file-input').setInputFiles(join(secretariat, 'FRA.key'));
  await dialog.getByTestId('key-passphrase').fill('not the passphrase');
  await dialog.getByTestId('install-key-button').click();
  await expect(dialog.getByTestId('commissions-error')).toContainText('wrong passphrase');
  await dialog.getByTestId('key-file-input').setInputFiles(join(secretariat, 'FRA.key'));
  await dialog.getByTestId('key-passphrase').fill(PASSPHRASE);
  await dialog.getByTestId('install-key-button').click();
  await expect(dialog.getByTestId('key-in-roster')).toContainText('can sign for FRA');
  const fraKeyid = JSON.parse(readFileSync(join(secretariat, 'FRA.key.pub.json'), 'utf8')) as { keyid: string };
  await expect(dialog.getByTestId('key-id')).toHaveText(fraKeyid.keyid);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('acting-as')).toContainText('France');
  await expect.poll(() => app.queueNumbers()).toEqual([]);
  await page.screenshot({ path: 'test-results/joined-commission.png' });

  // Back to the demo: its own store, its own incidents; nothing of one shows in the other.
  await page.getByTestId('commissions-button').click();
  await expect(dialog.getByTestId('workspace-list')).toContainText('Northern Sector Joint Commission');
  const back = await app.eventCount('workstation-changed');
  await dialog.getByTestId('use-demo').click();
  await app.waitForEvent('workstation-changed', back + 1);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect.poll(() => app.queueNumbers()).toEqual(demoIncidents);
});
