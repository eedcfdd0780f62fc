import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildVectors } from '../../vectors/vector-builder';

describe('generated golden vectors are reproducible', () => {
  it('test/vectors/generate.ts produces the checked-in files byte for byte', async () => {
    const files = await buildVectors();
    expect(files.size).toBeGreaterThan(40);
    const differing = [...files].filter(([path, bytes]) => !readFileSync(join(__dirname, '../../vectors', path)).equals(bytes)).map(([path]) => path);
    expect(differing).toEqual([]);
  });
});
