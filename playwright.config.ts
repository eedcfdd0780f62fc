import { defineConfig } from '@playwright/test';
import { CHROMIUM_EXECUTABLE, CHROMIUM_TEST_ARGS } from './test/e2e/driver/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['./test/e2e/driver/skip-reasons-reporter.ts']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_TEST_ARGS },
  },
});
