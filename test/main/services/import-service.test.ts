import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportService } from '../../../main/services/import-service';
import { importPack } from '../../../main/store/import-pack';
import { openStore, type Store } from '../../../main/store/store';
import type { ImportStatus } from '../../../shared/commission/views';
import type { MainEventName, MainEvents } from '../../../shared/ipc/contract';
import { bundleEntries, commission, incidentBundle, NOW, removeTempDirs, signedEntry, tempDir, writePackTo, type Commission } from '../store/fixtures/store-fixtures';

type Pushed = { [K in MainEventName]: { readonly event: K; readonly payload: MainEvents[K] } }[MainEventName];

let c: Commission;
let store: Store;
let bundle: Awaited<ReturnType<typeof incidentBundle>>;

beforeAll(async () => {
  c = await commission();
  bundle = await incidentBundle(c, 1);
  store = openStore(join(tempDir(), 'store'), { create: true });
  const genesis = await writePackTo(tempDir('truceline-pack-'), 'genesis.pack', 'sync', [signedEntry(c.genesis)]);
  await importPack(store, genesis, { now: NOW, roster: { source: 'genesis.json', bytes: c.genesis.bytes } });
});
afterAll(() => {
  store?.close();
  removeTempDirs();
});

/** An import service whose pushed events are kept, and a promise of the run's last status. */
function serviceWithEvents(inbox: string) {
  const pushed: Pushed[] = [];
  let ended: (status: ImportStatus) => void = () => {};
  const runEnded = new Promise<ImportStatus>((resolve) => (ended = resolve));
  const service = new ImportService(store, inbox, (event, payload) => {
    pushed.push({ event, payload } as Pushed);
    if (event === 'importProgress' && !(payload as ImportStatus).running) ended(payload as ImportStatus);
  });
  return { service, pushed, runEnded };
}

describe('the import service pushes what it does', () => {
  it('pushes progress in revision order, then the store change, then the end of the run; a second start is busy', async () => {
    const inbox = tempDir('truceline-inbox-');
    await writePackTo(inbox, 'a.pack', 'sync', bundleEntries(bundle));
    writeFileSync(join(inbox, 'b.pack'), 'not a pack');
    const { service, pushed, runEnded } = serviceWithEvents(inbox);

    const started = await service.start();
    await expect(service.start()).rejects.toMatchObject({ code: 'busy' });
    const last = await runEnded;

    expect(last.running).toBe(false);
    expect(last.results.map((r) => [r.file, r.added, r.error === null])).toEqual([
      ['a.pack', 3, true],
      ['b.pack', 0, false],
    ]);
    // The imported pack moved to imported/, the file that is not a pack aside: neither is offered again.
    expect(last.waiting).toEqual([]);
    expect(last.results[1]!.error).toMatch(/^not a pack \(it does not start with a pack's index\): .* — moved to inbox\/not-packs\/b\.pack$/);
    expect(readdirSync(join(inbox, 'not-packs')).sort()).toEqual(['b.pack', 'b.pack.reason.txt']);
    const progress = pushed.filter((p) => p.event === 'importProgress').map((p) => p.payload as ImportStatus);
    expect(progress[0]!.running).toBe(true);
    expect(progress.filter((s) => !s.running)).toHaveLength(1);
    const revisions = progress.map((s) => s.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(last.revision).toBeGreaterThan(started.revision);
    const changes = pushed.filter((p) => p.event === 'storeChanged');
    expect(changes).toEqual([{ event: 'storeChanged', payload: { objectsAdded: 3, objectsQuarantined: 0 } }]);
    expect(pushed.indexOf(changes[0]!)).toBeLessThan(pushed.length - 1);
    expect(await service.status()).toMatchObject({ running: false, revision: last.revision });
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO in the inbox with its error, without blocking, and moves it aside', async () => {
    const inbox = tempDir('truceline-inbox-');
    execFileSync('mkfifo', [join(inbox, 'pipe.pack')]);
    const { service, runEnded } = serviceWithEvents(inbox);
    await service.start();
    const last = await Promise.race([runEnded, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the inbox import blocked on the FIFO')), 5000))]);
    expect(last.results).toMatchObject([{ file: 'pipe.pack', added: 0, error: `${join(inbox, 'pipe.pack')}: is a FIFO (named pipe), not a pack file — moved to inbox/not-packs/pipe.pack` }]);
    expect(last.waiting).toEqual([]);
  });

  it('pushes no store change when a run stored nothing', async () => {
    const inbox = tempDir('truceline-inbox-');
    await writePackTo(inbox, 'again.pack', 'sync', bundleEntries(bundle));
    const { service, pushed, runEnded } = serviceWithEvents(inbox);
    await service.start();
    expect((await runEnded).results).toMatchObject([{ file: 'again.pack', added: 0, present: 3 }]);
    expect(pushed.some((p) => p.event === 'storeChanged')).toBe(false);
  });
});
