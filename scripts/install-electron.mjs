// `npm ci` does not run Electron's postinstall (package.json allowScripts denies it) because its
// binary host is unreachable on our build machines; this fetches the binary where it can be reached.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const installer = require.resolve('electron/install.js');
const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
