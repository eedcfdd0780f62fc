import { DEMO_PASSPHRASE } from '../../../shared/demo/demo-commission';
import { writeDemoCommission } from '../../demo/write-demo';
import { appPaths } from '../../host/paths';
import { EXIT, usageError } from '../cli-error';
import type { Command } from '../command';
import { optionalString, report } from '../io';
import { FORCE_OPTION, outputFolder } from '../output-path';

export const demoCommand: Command = {
  path: ['demo'],
  summary: 'write the demo commission: roster, DEMO keys, ~30 signed incidents with Arrow evidence, rounds showing every outcome',
  usage: '--out DIR [--seed N]',
  help: {
    out: 'folder to write into (created)',
    seed: 'seed of the synthetic monitoring day and the demo keys (default 1)',
    force: 'write into a folder that is not empty, replacing what is there',
  },
  options: { out: { type: 'string' }, seed: { type: 'string' }, ...FORCE_OPTION },
  run: async (context) => {
    const seedText = optionalString(context, 'seed') ?? '1';
    if (!/^\d+$/.test(seedText)) throw usageError(`--seed "${seedText}": must be a whole number`);
    const out = await outputFolder(context);
    const written = await writeDemoCommission(out, appPaths(__dirname).resourcesDir, Number(seedText));
    report(context, written, () => [
      `demo commission in ${written.dir}: ${written.incidents} incidents, ${written.statements} round statements`,
      `  trusted roster: ${written.rosterFile}`,
      `  packs:          ${written.packs.length} in ${written.dir}/packs (incident bundles, then rounds.pack)`,
      `  DEMO keys:      ${written.keysDir} (passphrase "${DEMO_PASSPHRASE}"; you act as ${written.actingAs}) — never use them for real work`,
    ]);
    return EXIT.ok;
  },
};
