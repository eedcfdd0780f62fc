import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkStore } from '../../../main/store/chunk-store';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('content-addressed chunk folder', () => {
  const store = new ChunkStore(mkdtempSync(join(tmpdir(), 'truceline-chunks-')));

  it('stores bytes under their SHA-256 and reads them back', async () => {
    const bytes = new TextEncoder().encode('detections');
    await store.write(sha(bytes), bytes);
    expect(await store.has(sha(bytes))).toBe(true);
    expect(new Uint8Array(await store.read(sha(bytes)))).toEqual(bytes);
    expect(await store.verify(sha(bytes))).toBe(true);
  });

  it('refuses bytes that do not hash to the name, leaving nothing behind', async () => {
    const name = sha(new TextEncoder().encode('expected'));
    await expect(store.write(name, new TextEncoder().encode('something else'))).rejects.toThrow(/its bytes hash to/);
    expect(await store.has(name)).toBe(false);
    expect(readdirSync(join(store.rootDir, name.slice(0, 2)))).toEqual([]);
  });

  it('streams a chunk in pieces', async () => {
    const bytes = new Uint8Array(3 << 20).map((_, i) => i % 251);
    const writer = await store.begin(sha(bytes));
    for (let i = 0; i < bytes.length; i += 65_536) await writer.append(bytes.subarray(i, i + 65_536));
    await writer.commit();
    expect(await store.verify(sha(bytes))).toBe(true);
  });

  it('detects a chunk altered on disk', async () => {
    const bytes = new TextEncoder().encode('original');
    await store.write(sha(bytes), bytes);
    writeFileSync(store.pathOf(sha(bytes)), 'tampered');
    expect(await store.verify(sha(bytes))).toBe(false);
  });

  it('rejects names that are not a SHA-256', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a lowercase SHA-256/);
    expect(() => store.pathOf('A'.repeat(64))).toThrow(/not a lowercase SHA-256/);
  });
});
