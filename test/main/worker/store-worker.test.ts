import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportStatus } from '../../../shared/commission/views';
import { createDemoRoster, PRODUCER } from '../../../shared/demo/demo-commission';
import { encodeDetections } from '../../../shared/evidence/detections-codec';
import { signStatement } from '../../../shared/objects/sign-object';
import type { CommitmentPayload, IncidentPayload, MemberId, ObjectId, Sha256Hex, Timestamp } from '../../../shared/objects/types';
import { createApiHandlers } from '../../../main/api/handlers';
import { nodeSha256 } from '../../../main/crypto/node-sha256';
import { readShippedLine } from '../../../main/demo/write-demo';
import { workspaceDir } from '../../../main/workspaces/workspace-layout';
import { openAppServices, type OpenedServices } from '../../../main/host/app-services';
import { writePackFile, type PackInput } from '../../../main/packs/pack-file';
import { sha256Hex } from '../store/fixtures/store-fixtures';
import { syntheticDetections } from '../../shared/evidence/evidence-fixtures';

const RESOURCES = resolve(__dirname, '../../../resources');
const INCIDENTS = 8;
const ROWS_PER_CHUNK = 100_000;
const COMMITMENTS_PER_INCIDENT = 400;
const VOTERS = ['AUT', 'CAN', 'DEU', 'EST', 'FIN', 'FRA', 'GBR', 'ITA', 'POL'] as const;

/**
 * A pack of tens of MB for the installed demo commission: incidents signed by its mission, each
 * with a detections chunk of 100,000 rows, and hundreds of commitments per incident from its voting
 * delegations (log positions far beyond the demo's: verified, stored, never counted).
 */
async function writeLargePack(path: string): Promise<{ readonly objects: number; readonly bytes: number }> {
  const { keys } = await createDemoRoster((await readShippedLine(RESOURCES)).sha256, nodeSha256);
  const inputs: PackInput[] = [];
  for (let n = 0; n < INCIDENTS; n++) {
    const chunk = encodeDetections(syntheticDetections(ROWS_PER_CHUNK, 500 + n));
    const payload: IncidentPayload = {
      kind: 'incident',
      author: PRODUCER,
      seq: 10_000 + n,
      prev: sha256Hex(new Uint8Array([n])) as ObjectId,
      created: '2026-11-23T00:00:00Z' as Timestamp,
      incident: `INC-2026-9${String(n).padStart(5, '0')}`,
      window: { start: '2026-11-22T00:00:00Z' as Timestamp, end: '2026-11-22T23:59:00Z' as Timestamp },
      location: { lonE6: 37_500_000, latE6: 48_000_000, uncertaintyM: 5000 },
      chainageM: 500_000 + 1000 * n,
      category: 'artillery-fire',
      summary: `Worker test incident ${n}`,
      observations: [{ modality: 'radar', count: ROWS_PER_CHUNK, distanceBand: 'unknown' }],
      evidence: [{ name: 'detections.arrow', role: 'detections', mediaType: 'application/vnd.apache.arrow.file', sha256: sha256Hex(chunk) as Sha256Hex, size: chunk.length }],
    };
    const incident = await signStatement(payload, keys.get(PRODUCER)!, nodeSha256);
    inputs.push({ kind: 'incident', bytes: incident.bytes }, { kind: 'chunk', bytes: chunk });
    for (let c = 0; c < COMMITMENTS_PER_INCIDENT; c++) {
      const delegation = VOTERS[c % VOTERS.length]! as string as MemberId;
      const commitment: CommitmentPayload = {
        kind: 'commitment',
        author: delegation,
        seq: 10_000 + n * COMMITMENTS_PER_INCIDENT + c,
        prev: sha256Hex(new Uint8Array([n, c & 0xff, c >> 8])) as ObjectId,
        created: '2026-11-23T01:00:00Z' as Timestamp,
        incident: incident.id,
        round: 2,
        delegation,
        digest: sha256Hex(new Uint8Array([c & 0xff, n])) as Sha256Hex,
      };
      inputs.push({ kind: 'commitment', bytes: (await signStatement(commitment, keys.get(delegation)!, nodeSha256)).bytes });
    }
  }
  return writePackFile(path, 'sync', inputs);
}

function summary(name: string, latencies: readonly number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `${name}: ${sorted.length} answers during the import, median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

describe('the store workers', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'truceline-worker-'));
  let services: OpenedServices;

  beforeAll(async () => {
    services = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keep answering the window while a pack of tens of MB is imported', async () => {
    mkdirSync(join(workspaceDir(dataDir, 'demo'), 'inbox'), { recursive: true });
    const pack = join(workspaceDir(dataDir, 'demo'), 'inbox', 'large.pack');
    const written = await writeLargePack(pack);
    expect(statSync(pack).size).toBeGreaterThan(20 * 1024 ** 2);
    const handlers = createApiHandlers({ host: 'chromium', resourcesDir: RESOURCES, version: '0.0.0', testMode: true }, services);
    const header = await handlers.getCommission();

    const ended = new Promise<ImportStatus>((resolveEnded) => {
      const stop = services.events.subscribe((event, payload) => {
        if (event !== 'importProgress' || (payload as ImportStatus).running) return;
        stop();
        resolveEnded(payload as ImportStatus);
      });
    });
    expect((await handlers.importInbox()).running).toBe(true);
    let done = false;
    void ended.then(() => (done = true));
    const latencies = { getAppInfo: [] as number[], getCommission: [] as number[] };
    while (!done) {
      let start = performance.now();
      expect((await handlers.getAppInfo()).name).toBe('Truceline');
      latencies.getAppInfo.push(performance.now() - start);
      start = performance.now();
      expect((await handlers.getCommission()).roster.id).toBe(header.roster.id);
      latencies.getCommission.push(performance.now() - start);
      await new Promise((wait) => setTimeout(wait, 5));
    }
    const status = await ended;
    expect(status.results).toEqual([expect.objectContaining({ file: 'large.pack', added: written.objects, rejected: 0, error: null })]);
    // Timed assertions are forbidden here: the latencies are printed, `npm run bench:app` holds the goal.
    console.log(
      `import of ${(written.bytes / 1024 ** 2).toFixed(0)} MiB, ${written.objects} objects\n  ${summary('getAppInfo', latencies.getAppInfo)}\n  ${summary('getCommission', latencies.getCommission)}`,
    );
    expect(latencies.getCommission.length).toBeGreaterThan(1);
    expect((await handlers.getCommission()).store.objects).toBe(header.store.objects + written.objects);
  }, 180_000);

  it('carry a service error to the caller with its code', async () => {
    await expect(services.commission.incident('f'.repeat(64) as ObjectId)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/is not a verified incident/) });
  });

  it('refuse calls once closed instead of leaving them waiting', async () => {
    const other = await openAppServices({ dataDir, resourcesDir: RESOURCES, log: () => undefined });
    await other.close();
    await expect(other.commission.commission()).rejects.toMatchObject({ code: 'unavailable' });
  }, 60_000);
});
