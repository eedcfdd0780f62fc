export const CHROMIUM_EXECUTABLE = process.env['TRUCELINE_CHROMIUM'] ?? '/usr/bin/chromium';

/** Headless, offline, and WebGL2 from SwiftShader since test machines have no GPU. */
export const CHROMIUM_TEST_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];
