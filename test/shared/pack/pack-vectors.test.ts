import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackError } from '../../../shared/pack/pack-error';
import { readPackFully } from './pack-fixtures';

// test/vectors/pack: which tar header fields a reader checks and which it ignores (docs/PACK.md).
const DIR = join(__dirname, '../../vectors/pack');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { object: string; cases: { file: string; expect: string; description: string }[] };

async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    const readout = await readPackFully([bytes]);
    const [rejected] = readout.rejected;
    if (rejected !== undefined) return rejected.code;
    return readout.verified.has(manifest.object) && readout.verified.size === 1 ? 'accepted' : 'object missing';
  } catch (error) {
    if (error instanceof PackError) return error.code;
    throw error;
  }
}

describe('pack vectors (test/vectors/pack)', () => {
  it('covers the profile and each checked and ignored header field', () => {
    expect(manifest.cases.map((c) => c.expect)).toEqual(expect.arrayContaining(['accepted', 'bad-checksum', 'bad-header', 'unsupported-entry-type', 'nested-name']));
  });

  it.each(manifest.cases.map((c) => [c.file, c.expect] as const))('%s: %s', async (file, expected) => {
    expect(await outcome(readFileSync(join(DIR, file)))).toBe(expected);
  });
});
