import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Cookie, Page, Request } from '@playwright/test';

const LAUNCHER = resolve(__dirname, '../../../dist/main/launch.js');
const START_TIMEOUT_MS = 90_000;

/** Runs the built app's Chromium host (`launch.js --serve-only`) in test mode. */
export class TruceLineHost {
  private constructor(
    private readonly process: ChildProcess,
    readonly launchUrl: string,
    /** The host's data folder: its store, the demo, and the inbox packs are imported from. */
    readonly dataDir: string,
  ) {}

  /** A commission's own folder in the data folder (its store, inbox, settings): the demo's unless another is named. */
  workspaceDir(id = 'demo'): string {
    return join(this.dataDir, 'commissions', id);
  }

  get origin(): string {
    return new URL(this.launchUrl).origin;
  }

  /** `dataDir`: a data folder prepared beforehand (a store imported with the CLI); by default a fresh one, where the first start installs the demo commission, as on a new machine. */
  static async start(options: { readonly dataDir?: string } = {}): Promise<TruceLineHost> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'truceline-e2e-'));
    const child = spawn(process.execPath, [LAUNCHER, '--serve-only'], {
      env: { ...process.env, TRUCELINE_TEST: '1', TRUCELINE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error('the app did not print its address in time')), START_TIMEOUT_MS);
      child.once('exit', (code) => reject(new Error(`the app exited early with code ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^TRUCELINE_URL=(\S+)$/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
    });
    return new TruceLineHost(child, url, dataDir);
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/**
 * The session cookie each launch link gave, by link: the link works once, so every later page
 * (a new browser context per test) gets the cookie the first load was given.
 */
const sessions = new Map<string, Cookie[]>();

/** Acts on the app as a user would, and waits on the app's named events rather than on time. */
export class TrucelineDriver {
  readonly requests: string[] = [];

  constructor(readonly page: Page) {
    page.on('request', (request: Request) => this.requests.push(request.url()));
  }

  async open(launchUrl: string): Promise<void> {
    const session = sessions.get(launchUrl);
    if (session) {
      await this.page.context().addCookies(session);
      await this.page.goto(new URL('/', launchUrl).href);
    } else {
      await this.page.goto(launchUrl);
      sessions.set(launchUrl, await this.page.context().cookies(new URL(launchUrl).origin));
    }
    await this.waitForEvent('basemap-loaded');
  }

  /** How many times the app has counted the event (`name` or `name:detail`) since the page loaded. */
  async eventCount(name: string): Promise<number> {
    return this.page.evaluate((event) => (window as unknown as { __trucelineEvents?: Record<string, number> }).__trucelineEvents?.[event] ?? 0, name);
  }

  /** Waits until the event has happened `times` times since the page loaded (once by default). */
  async waitForEvent(name: string, times = 1): Promise<void> {
    await this.page.waitForFunction(([event, count]) => ((window as unknown as { __trucelineEvents?: Record<string, number> }).__trucelineEvents?.[event] ?? 0) >= count, [name, times] as const, {
      timeout: 60_000,
    });
  }

  /** Opens the app and waits until the commission and the queue's first page are on screen. */
  static async openWorkstation(page: Page, launchUrl: string): Promise<TrucelineDriver> {
    const app = new TrucelineDriver(page);
    await app.open(launchUrl);
    await app.waitForEvent('commission-loaded');
    await app.waitForEvent('incidents-loaded');
    return app;
  }

  async mapRendered(): Promise<void> {
    await this.waitForEvent('map-rendered');
  }

  mapCanvas() {
    return this.page.locator('[data-testid="map"] canvas').first();
  }

  incidentQueue() {
    return this.page.getByRole('listbox', { name: 'Incidents' });
  }

  queueItem(incidentNumber: string) {
    return this.incidentQueue().locator(`[role="option"][data-incident="${incidentNumber}"]`);
  }

  /** The incident numbers in queue order. */
  async queueNumbers(): Promise<string[]> {
    return this.incidentQueue()
      .getByRole('option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('data-incident') ?? ''));
  }

  detailPanel() {
    return this.page.getByRole('complementary', { name: 'Incident detail' });
  }

  /** Clicks an incident in the queue and waits until its detail is shown and the map has flown to it. */
  async selectInQueue(incidentNumber: string): Promise<void> {
    await this.queueItem(incidentNumber).click();
    await this.waitForEvent(`incident-detail-shown:${incidentNumber}`);
    await this.waitForEvent(`map-focused:${incidentNumber}`);
  }
}
