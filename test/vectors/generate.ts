// Writes the generated golden vectors: npx tsx test/vectors/generate.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildVectors } from './vector-builder';

async function main(): Promise<void> {
  const files = await buildVectors();
  for (const [path, bytes] of files) {
    const target = join(__dirname, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  console.log(`wrote ${files.size} vector files`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
