import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreAuditFinding, StoreAuditStatus } from '../../../shared/commission/views';
import { BusyError } from '../../../shared/ipc/errors';
import { AuditService } from '../../../main/services/audit-service';
import { importPack } from '../../../main/store/import-pack';
import { openStore, type Store } from '../../../main/store/store';
import { auditStore } from '../../../main/store/store-audit';
import { trustedRosterChain } from '../../../main/store/trusted-rosters';
import { bundleEntries, commission, incidentBundle, NOW, removeTempDirs, sealedRound, roundEntries, signedEntry, tempDir, writePackTo } from './fixtures/store-fixtures';

afterAll(removeTempDirs);

async function storeWithRound(): Promise<{ store: Store; incident: string; chunk: string; reveal: string }> {
  const c = await commission();
  const bundle = await incidentBundle(c, 1, { rows: 50, tracks: 2 });
  const round = await sealedRound(c, bundle.incident.id, [
    { member: 'DEU', key: 'DEU' },
    { member: 'POL', key: 'POL' },
  ]);
  const store = openStore(join(tempDir(), 'store'), { create: true });
  const pack = await writePackTo(tempDir(), 'all.pack', 'sync', [signedEntry(c.genesis), signedEntry(c.v2), ...bundleEntries(bundle), ...roundEntries(round)]);
  const report = await importPack(store, pack, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
  expect(report.rejected).toBe(0);
  return { store, incident: bundle.incident.id, chunk: bundle.chunks[0]!.id, reveal: round.reveals[0]!.id };
}

async function findingsOf(store: Store): Promise<StoreAuditFinding[]> {
  const chain = await trustedRosterChain(store.db, NOW);
  if (!chain?.ok) throw new Error('no chain');
  const findings: StoreAuditFinding[] = [];
  await auditStore(store.db, store.chunks, chain.value, { progress: () => undefined, finding: (f) => findings.push(f) });
  return findings;
}

describe('an audit of the store', () => {
  it('finds nothing in an intact store, and names every altered object, damaged and missing chunk', async () => {
    const { store, incident, chunk, reveal } = await storeWithRound();
    expect(await findingsOf(store)).toEqual([]);

    // Someone with the database file edits a reveal's stored bytes and an incident's; a chunk file is damaged, another removed.
    const body = Buffer.from(store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck().get(reveal) as Buffer);
    body[body.length - 5]! ^= 0x01;
    store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(body, reveal);
    store.db.prepare("UPDATE objects SET kind = 'phase' WHERE id = ?").run(incident);
    const file = store.chunks.pathOf(chunk);
    const bytes = readFileSync(file);
    bytes[100]! ^= 0x01;
    writeFileSync(file, bytes);
    const other = store.db.prepare("SELECT id FROM objects WHERE kind = 'chunk' AND id <> ?").pluck().get(chunk) as string;
    rmSync(store.chunks.pathOf(other));

    const findings = await findingsOf(store);
    const byId = new Map(findings.map((f) => [f.id, f]));
    expect(byId.get(reveal)).toMatchObject({ problem: 'corrupt' });
    expect(byId.get(incident)).toMatchObject({ problem: 'corrupt', detail: expect.stringContaining('its bytes are an incident') });
    expect(byId.get(chunk)).toMatchObject({ problem: 'corrupt', detail: expect.stringContaining('hash to') });
    expect(byId.get(other)).toMatchObject({ problem: 'missing' });
    expect(findings).toHaveLength(4);
    store.close();
  });

  it('runs in the background as a service: progress pushed, a second start refused while it runs, the findings in its last status', async () => {
    const { store, reveal } = await storeWithRound();
    const body = Buffer.from(store.db.prepare('SELECT body FROM objects WHERE id = ?').pluck().get(reveal) as Buffer);
    body[body.length - 5]! ^= 0x01;
    store.db.prepare('UPDATE objects SET body = ? WHERE id = ?').run(body, reveal);
    const events: StoreAuditStatus[] = [];
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const service = new AuditService(
      store.db,
      store.chunks,
      (name, payload) => {
        if (name !== 'storeAudit') return;
        events.push(payload as StoreAuditStatus);
        if ((payload as StoreAuditStatus).state !== 'running') finished();
      },
      () => NOW,
    );
    expect(service.start().state).toBe('running');
    expect(() => service.start()).toThrow(BusyError);
    await done;
    const last = service.status();
    expect(last).toMatchObject({ state: 'done', findingCount: 1, findings: [{ id: reveal, problem: 'corrupt' }], error: null });
    expect(last.objects.checked).toBe(last.objects.total);
    expect(last.chunkBytes.checked).toBe(last.chunkBytes.total);
    expect(events.at(-1)).toEqual(last);
    expect(events.map((e) => e.revision)).toEqual([...events.map((e) => e.revision)].sort((a, b) => a - b));
    store.close();
  });
});
