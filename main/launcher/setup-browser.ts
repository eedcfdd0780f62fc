import { ensureChromium } from './system-chromium';

// Run before the end-to-end tests: makes sure the system Chromium they drive is installed.
try {
  const path = ensureChromium((line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`Chromium for end-to-end tests: ${path}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
