import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectId } from '../../../shared/objects/types';
import { startStoreWorkers, type StoreWorkers } from '../../../main/worker/store-worker-host';
import { removeTempDirs, sha256Hex, tempDir, type IncidentBundle } from '../store/fixtures/store-fixtures';
import { evidenceStore, type EvidenceStore } from './fixtures/evidence-store';

let fixture: EvidenceStore;
const bundle = (n: number): IncidentBundle => fixture.bundles[n - 1]!;
const detections = (n: number) => bundle(n).chunks.find((c) => c.role === 'detections')!;
const chunkPath = (sha256: string) => fixture.store.chunks.pathOf(sha256);
const refusal = (incident: ObjectId, sha256: string) =>
  fixture.evidence.chunk(incident, sha256).then(
    () => expect.fail('the chunk was handed out'),
    (error: unknown) => error as { code: string; message: string },
  );

beforeAll(async () => {
  fixture = await evidenceStore(7);
}, 60_000);

afterAll(() => {
  fixture?.store.close();
  removeTempDirs();
});

describe('the evidence service', () => {
  it('hands out exactly the bytes of a chunk the verified incident lists, each in a buffer of its own', async () => {
    for (const chunk of bundle(1).chunks) {
      const bytes = await fixture.evidence.chunk(bundle(1).incident.id, chunk.id);
      expect(Buffer.from(bytes).equals(Buffer.from(chunk.bytes))).toBe(true);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(chunk.bytes.length);
    }
  });

  it('refuses a stored chunk that the incident does not list: a page cannot fetch arbitrary chunks', async () => {
    const other = detections(2).id;
    const error = await refusal(bundle(1).incident.id, other);
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`incident INC-2026-000001 (${bundle(1).incident.id.slice(0, 12)}…) lists no evidence with SHA-256 ${other.slice(0, 12)}…: only the chunks it lists can play`);
  });

  it('refuses a listed chunk missing from the chunk folder, naming it', async () => {
    const chunk = detections(3);
    rmSync(chunkPath(chunk.id));
    const error = await refusal(bundle(3).incident.id, chunk.id);
    expect(error).toMatchObject({ code: 'not-found', message: `chunk detections.arrow (${chunk.id.slice(0, 12)}…) of incident INC-2026-000003: missing from the chunk folder` });
  });

  it('refuses a chunk with one byte flipped, with the hash its bytes have and the hash the incident lists', async () => {
    const chunk = detections(4);
    const bytes = readFileSync(chunkPath(chunk.id));
    bytes[bytes.length >> 1]! ^= 0x01;
    writeFileSync(chunkPath(chunk.id), bytes);
    const error = await refusal(bundle(4).incident.id, chunk.id);
    expect(error.code).toBe('evidence-damaged');
    expect(error.message).toBe(`chunk detections.arrow (${chunk.id.slice(0, 12)}…) of incident INC-2026-000004: its bytes hash to ${sha256Hex(bytes)}, not the ${chunk.id} the signed incident lists`);
    expect(error.message).not.toContain('\n');
  });

  it('refuses a chunk file of another size than the signed entry', async () => {
    const chunk = detections(5);
    appendFileSync(chunkPath(chunk.id), Buffer.from([0]));
    const error = await refusal(bundle(5).incident.id, chunk.id);
    expect(error).toMatchObject({
      code: 'evidence-damaged',
      message: `chunk detections.arrow (${chunk.id.slice(0, 12)}…) of incident INC-2026-000005: the chunk file holds ${chunk.bytes.length + 1} bytes, not the ${chunk.bytes.length} the signed incident lists`,
    });
  });

  it('answers not-found for an incident the store does not hold', async () => {
    const error = await refusal('e'.repeat(64) as ObjectId, detections(1).id);
    expect(error).toMatchObject({ code: 'not-found', message: `incident ${'e'.repeat(12)}… is not stored: its evidence cannot play` });
  });

  it('refuses the evidence of an incident whose stored bytes were altered, even though the chunk is intact', async () => {
    const { id, bytes } = bundle(6).incident;
    const altered = Buffer.from(bytes);
    altered[altered.length - 20]! ^= 0x01;
    fixture.store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(altered, id);
    const error = await refusal(id, detections(6).id);
    expect(error.code).toBe('evidence-damaged');
    expect(error.message).toMatch(new RegExp(`^incident ${id.slice(0, 12)}… does not verify from its stored bytes \\(.+\\): its evidence cannot play$`));
  });

  it("refuses an incident whose stored bytes are another verified incident's, so that one incident cannot lend its list to another", async () => {
    const { id } = bundle(7).incident;
    fixture.store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(Buffer.from(bundle(1).incident.bytes), id);
    const error = await refusal(id, detections(1).id);
    expect(error).toMatchObject({ code: 'evidence-damaged', message: expect.stringContaining(`its stored bytes are object ${bundle(1).incident.id.slice(0, 12)}…, not this id`) });
  });
});

describe('evidence through the store reader worker', () => {
  let workers: StoreWorkers;
  beforeAll(async () => {
    workers = await startStoreWorkers({ dataDir: fixture.dataDir, resourcesDir: tempDir(), log: () => undefined });
  }, 60_000);
  afterAll(() => workers?.close());

  it('arrives on this thread as a Uint8Array over a buffer of exactly the chunk', async () => {
    const chunk = detections(1);
    const bytes = await workers.evidence.chunk(bundle(1).incident.id, chunk.id);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.buffer.byteLength).toBe(chunk.bytes.length);
    expect(Buffer.from(bytes).equals(Buffer.from(chunk.bytes))).toBe(true);
  });

  it('carries a refusal with its code and line', async () => {
    const chunk = detections(3);
    await expect(workers.evidence.chunk(bundle(3).incident.id, chunk.id)).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('missing from the chunk folder') });
  });
});
