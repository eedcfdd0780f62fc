import { SCALE_NAMES, type ScaleName } from '../../../shared/synthetic/config';
import { generateMonitoringData } from '../../demo/generate';
import { appPaths } from '../../host/paths';
import { EXIT, usageError } from '../cli-error';
import type { Command } from '../command';
import { optionalString, report } from '../io';
import { FORCE_OPTION, outputFolder } from '../output-path';

export const generateCommand: Command = {
  path: ['generate'],
  summary: 'generate a synthetic monitoring day along the illustrative line as signed incident packs (plus ground truth for tests)',
  usage: '--scale demo|stress|tiny --out DIR [--seed N]',
  help: {
    scale: 'tiny (tests), demo (~200k detections, ~30 incidents) or stress (10 M detections, ~50k tracks, the whole line for a day)',
    seed: 'seed (default 1): the same seed gives the same bytes',
    out: 'folder to write: roster.json, incidents/*.pack, day.pack, ground-truth.json, keys/',
    force: 'write into a folder that is not empty, replacing what is there',
  },
  options: { scale: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, ...FORCE_OPTION },
  run: async (context) => {
    const scale = (optionalString(context, 'scale') ?? 'demo') as ScaleName;
    if (!SCALE_NAMES.includes(scale)) throw usageError(`--scale "${scale}": must be one of ${SCALE_NAMES.join(', ')}`);
    const seedText = optionalString(context, 'seed') ?? '1';
    if (!/^\d+$/.test(seedText)) throw usageError(`--seed "${seedText}": must be a whole number`);
    const out = await outputFolder(context);
    const started = performance.now();
    const summary = await generateMonitoringData(out, appPaths(__dirname).resourcesDir, scale, Number(seedText));
    const seconds = (performance.now() - started) / 1000;
    report(context, { ...summary, seconds }, () => [
      `${summary.scale} day, seed ${summary.seed}: ${summary.detections} detections, ${summary.tracks} tracks, ${summary.incidents} incidents in ${seconds.toFixed(1)} s`,
      `  ${summary.packs.length} packs (${(summary.bytes / 1e6).toFixed(1)} MB) in ${summary.dir}; ground truth ${summary.groundTruth}`,
    ]);
    return EXIT.ok;
  },
};
