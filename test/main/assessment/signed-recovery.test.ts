import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE } from '../../../shared/demo/demo-commission';
import { formatTimestamp } from '../../../shared/objects/timestamp';
import type { MemberId, ObjectId, Sha256Hex } from '../../../shared/objects/types';
import { Signer } from '../../../main/keys/signer';
import { writePackFile } from '../../../main/packs/pack-file';
import { openWriterRole } from '../../../main/worker/store-roles';
import { removeTempDirs, tempDir } from '../store/fixtures/store-fixtures';

const RESOURCES = resolve(__dirname, '../../../resources');

afterAll(removeTempDirs);

describe('a statement signed but not stored when the workstation stopped', () => {
  it('is stored on the next start from the durable pack in signed/pending, and its seq is never signed again', async () => {
    const dataDir = tempDir('truceline-recovery-');
    const first = await openWriterRole(
      { dataDir, resourcesDir: RESOURCES },
      () => undefined,
      () => undefined,
    );
    const incident = first.services.imports['store'].db.prepare("SELECT id FROM objects WHERE kind = 'incident' LIMIT 1").pluck().get() as ObjectId;
    first.close();

    // What storeSigned leaves behind when the process dies between writing the pack and importing it.
    const keyFile = join(dataDir, 'demo', 'keys', 'FRA.key');
    const signer = new Signer({ highestStoredSeq: () => undefined });
    await signer.unlock(keyFile, DEMO_PASSPHRASE);
    const lost = await signer.sign({
      kind: 'commitment',
      author: 'FRA' as MemberId,
      created: formatTimestamp(Date.now()),
      incident,
      round: 1,
      delegation: 'FRA' as MemberId,
      digest: '0'.repeat(64) as Sha256Hex,
    });
    signer.lock();
    const pending = join(dataDir, 'signed', 'pending');
    mkdirSync(pending, { recursive: true });
    await writePackFile(join(pending, `1-commitment-${lost.id.slice(0, 16)}.pack`), 'sync', [{ kind: 'commitment', bytes: lost.bytes }]);

    const lines: string[] = [];
    const second = await openWriterRole(
      { dataDir, resourcesDir: RESOURCES },
      () => undefined,
      (line) => lines.push(line),
    );
    try {
      const db = second.services.imports['store'].db;
      expect(db.prepare('SELECT count(*) FROM objects WHERE id = ?').pluck().get(lost.id)).toBe(1);
      expect(readdirSync(pending)).toEqual([]);
      expect(existsSync(join(dataDir, 'signed', 'stored'))).toBe(true);
      expect(lines.join('\n')).toMatch(/signed before it stopped/);
      // The next signature continues after the recovered one.
      const next = new Signer({ highestStoredSeq: () => lost.payload.seq });
      await next.unlock(keyFile, DEMO_PASSPHRASE);
      const after = await next.sign({
        kind: 'commitment',
        author: 'FRA' as MemberId,
        created: formatTimestamp(Date.now()),
        incident,
        round: 1,
        delegation: 'FRA' as MemberId,
        digest: '1'.repeat(64) as Sha256Hex,
      });
      expect(after.payload.seq).toBe(lost.payload.seq + 1);
      expect(after.payload.prev).toBe(lost.id);
    } finally {
      second.close();
    }
  }, 120_000);
});
